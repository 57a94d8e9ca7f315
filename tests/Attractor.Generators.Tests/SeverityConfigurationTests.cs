// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Attractor.Generators.Tests;

/// <summary>
/// Severities of ATR diagnostics are configured like any compiler diagnostic. The compiler turns
/// <c>&lt;NoWarn&gt;</c>, <c>&lt;WarningsAsErrors&gt;</c> and <c>&lt;TreatWarningsAsErrors&gt;</c> into
/// compilation options and a <c>.globalconfig</c> into global tree options; the driver applies both to
/// generator diagnostics exactly as the compiler does.
/// </summary>
public sealed class SeverityConfigurationTests
{
    // ATR2010 (fidelity_valid) and ATR2013 (prompt_on_llm_nodes) are warnings by default.
    private const string TwoWarnings = "digraph R { start [shape=Mdiamond]; work [fidelity=bogus]; exit [shape=Msquare]; start -> work -> exit }";

    [Fact]
    public void By_default_both_warnings_are_reported_as_warnings()
    {
        var run = Run(GeneratorHarness.CompilationOptions);

        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(run.Diagnostics, d => d.Id == "ATR2010").Severity);
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(run.Diagnostics, d => d.Id == "ATR2013").Severity);
    }

    [Fact]
    public void NoWarn_suppresses_one_id()
    {
        var run = Run(GeneratorHarness.CompilationOptions.WithSpecificDiagnosticOptions([new("ATR2010", ReportDiagnostic.Suppress)]));

        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "ATR2010");
        Assert.Contains(run.Diagnostics, d => d.Id == "ATR2013");
    }

    [Fact]
    public void WarningsAsErrors_makes_one_id_an_error_and_the_runner_is_still_generated()
    {
        var run = Run(GeneratorHarness.CompilationOptions.WithSpecificDiagnosticOptions([new("ATR2010", ReportDiagnostic.Error)]));

        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "ATR2010");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(run.Diagnostics, d => d.Id == "ATR2013").Severity);
        Assert.Single(run.Sources);
    }

    [Fact]
    public void TreatWarningsAsErrors_makes_every_warning_an_error()
    {
        var run = Run(GeneratorHarness.CompilationOptions.WithGeneralDiagnosticOption(ReportDiagnostic.Error));

        Assert.All(run.Diagnostics.Where(d => d.Id.StartsWith("ATR", StringComparison.Ordinal)), d => Assert.True(d.IsWarningAsError || d.Severity == DiagnosticSeverity.Error));
        Assert.Equal(2, run.Diagnostics.Count(d => d.Id.StartsWith("ATR", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_global_config_sets_none_and_error()
    {
        var severities = ImmutableDictionary<string, ReportDiagnostic>.Empty
            .Add("ATR2010", ReportDiagnostic.Suppress)
            .Add("ATR2013", ReportDiagnostic.Error);
        var run = Run(GeneratorHarness.CompilationOptions.WithSyntaxTreeOptionsProvider(new GlobalSeverityOptions(severities)));

        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "ATR2010");
        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(run.Diagnostics, d => d.Id == "ATR2013").Severity);
    }

    private static GeneratorRun Run(Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions options) =>
        GeneratorHarness.Run(GeneratorHarness.Driver([GeneratorHarness.Dot("review.dot", TwoWarnings)]), GeneratorHarness.Compilation(options: options));
}
