// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Generators;

/// <summary>Names of the generator's pipeline steps, so tests can assert which ones re-ran.</summary>
internal static class TrackingNames
{
    public const string Options = nameof(Options);
    public const string Files = nameof(Files);
    public const string PipelineFiles = nameof(PipelineFiles);
    public const string Analysis = nameof(Analysis);
    public const string Diagnostics = nameof(Diagnostics);
    public const string EditorConfigFiles = nameof(EditorConfigFiles);
    public const string EditorConfigs = nameof(EditorConfigs);
    public const string ReportedDiagnostics = nameof(ReportedDiagnostics);
    public const string Specs = nameof(Specs);
    public const string HintNames = nameof(HintNames);
    public const string TypeClashes = nameof(TypeClashes);
    public const string Outputs = nameof(Outputs);
}
