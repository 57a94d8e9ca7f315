// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Generators.Model;

/// <summary>What one .dot file yields: its diagnostics and, when it has no errors, the class to generate.</summary>
/// <param name="Path">The file as Roslyn names it; keys the hint name.</param>
/// <param name="Diagnostics">Parse, lint and internal diagnostics, in the front-end's order.</param>
/// <param name="Spec">The class to generate, or null when the file has errors.</param>
internal sealed record AnalysisResult(string Path, EquatableArray<DiagnosticInfo> Diagnostics, PipelineSpec? Spec);
