// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Patching;

/// <summary>A parsed v4a patch: its file operations in the order they appear.</summary>
internal sealed record PatchDocument(IReadOnlyList<FileOperation> Operations);
