// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Generators;

/// <summary>The hint name assigned to one pipeline file.</summary>
internal sealed record HintName(string Path, string Value);
