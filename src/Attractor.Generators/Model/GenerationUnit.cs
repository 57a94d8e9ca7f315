// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Generators.Model;

/// <summary>A class to generate, the unique hint name of its source file, and the clash that prevents it, if any.</summary>
internal sealed record GenerationUnit(PipelineSpec Spec, string HintName, TypeClash? Clash);
