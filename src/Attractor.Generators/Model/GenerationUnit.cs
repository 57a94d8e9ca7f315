// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Generators.Model;

/// <summary>A class to generate and the unique hint name of its source file.</summary>
internal sealed record GenerationUnit(PipelineSpec Spec, string HintName);
