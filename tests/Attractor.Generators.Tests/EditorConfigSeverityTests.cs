// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Attractor.Generators.Tests;

/// <summary>
/// Sections of ordinary <c>.editorconfig</c> files (<c>[*.dot]</c>, <c>[pipelines/**.dot]</c>, ...) set the
/// severity of ATR diagnostics with the compiler's semantics; the compiler's own options
/// (<c>NoWarn</c>, <c>WarningsAsErrors</c>, <c>TreatWarningsAsErrors</c>, global configs) still apply on top.
/// </summary>
public sealed class EditorConfigSeverityTests
{
    // ATR2010 (fidelity_valid) and ATR2013 (prompt_on_llm_nodes) are lint warnings; ATR1013 (quoted_identifier) a syntax warning.
    private const string Warnings = "digraph R { start [shape=Mdiamond]; \"work\" [fidelity=bogus]; exit [shape=Msquare]; start -> work -> exit }";

    // ATR2001 (start_node) is an error: the file has no start node.
    private const string NoStart = "digraph N { exit [shape=Msquare]; work [prompt=\"p\"]; work -> exit }";

    [Fact]
    public void Without_an_editorconfig_the_defaults_apply()
    {
        var run = Run(Warnings);

        Assert.Equal(DiagnosticSeverity.Warning, SeverityOf(run, "ATR2010"));
        Assert.Equal(DiagnosticSeverity.Warning, SeverityOf(run, "ATR2013"));
        Assert.Equal(DiagnosticSeverity.Warning, SeverityOf(run, "ATR1013"));
    }

    [Theory]
    [InlineData("none", null)]
    [InlineData("silent", DiagnosticSeverity.Hidden)]
    [InlineData("refactoring", DiagnosticSeverity.Hidden)]
    [InlineData("suggestion", DiagnosticSeverity.Info)]
    [InlineData("warning", DiagnosticSeverity.Warning)]
    [InlineData("error", DiagnosticSeverity.Error)]
    [InlineData("default", DiagnosticSeverity.Warning)]
    public void A_dot_section_sets_the_severity_of_one_id(string value, DiagnosticSeverity? expected)
    {
        var run = Run(Warnings, EditorConfigs.InProject("[*.dot]\ndotnet_diagnostic.ATR2010.severity = " + value + "\n"));

        Assert.Equal(expected, SeverityOf(run, "ATR2010"));
        Assert.Equal(DiagnosticSeverity.Warning, SeverityOf(run, "ATR2013"));
    }

    [Fact]
    public void A_warning_raised_to_error_fails_the_build_and_the_runner_is_still_generated()
    {
        var run = Run(Warnings, EditorConfigs.InProject("[*.dot]\ndotnet_diagnostic.ATR2010.severity = error\n"));

        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "ATR2010");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        Assert.StartsWith(GeneratorHarness.ProjectDirectory + "pipelines/review.dot(1,45): error ATR2010: ", diagnostic.ToString(), StringComparison.Ordinal);
        Assert.Single(run.Sources);
    }

    [Fact]
    public void None_on_an_error_rule_hides_the_error_but_generates_no_runner()
    {
        var run = Run(NoStart, EditorConfigs.InProject("[*.dot]\ndotnet_diagnostic.ATR2001.severity = none\n"));

        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "ATR2001");
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("*", true)]
    [InlineData("*.dot", true)]
    [InlineData("*.DOT", false)]
    [InlineData("*.cs", false)]
    [InlineData("review.dot", true)]
    [InlineData("**/review.dot", true)]
    [InlineData("**.dot", true)]
    [InlineData("pipelines/**.dot", true)]
    [InlineData("pipelines/*.dot", true)]
    [InlineData("/pipelines/review.dot", true)]
    [InlineData("/review.dot", false)]
    [InlineData("other/*.dot", false)]
    [InlineData("*/review.dot", true)]
    [InlineData("{pipelines,other}/review.dot", true)]
    [InlineData("*.{cs,dot}", true)]
    [InlineData("*.{cs,txt}", false)]
    [InlineData("revie?.dot", true)]
    [InlineData("[qr]eview.dot", true)]
    [InlineData("[!r]eview.dot", false)]
    [InlineData("[a-s]eview.dot", true)]
    [InlineData("[!a-q]eview.dot", true)]
    [InlineData("review{1..3}.dot", false)]
    [InlineData("review.{cs,dot", false)]
    [InlineData("[review.dot", false)]
    public void Section_globs_match_relative_to_the_editorconfig(string section, bool applies)
    {
        var run = Run(Warnings, EditorConfigs.InProject("[" + section + "]\ndotnet_diagnostic.ATR2010.severity = none\n"));

        Assert.Equal(applies ? null : DiagnosticSeverity.Warning, SeverityOf(run, "ATR2010"));
    }

    [Theory]
    [InlineData("review{1..3}.dot", "review2.dot", true)]
    [InlineData("review{1..3}.dot", "review4.dot", false)]
    [InlineData("review{3..1}.dot", "review1.dot", true)]
    [InlineData("pipelines/*.dot", "pipelines/ci/review.dot", false)]
    [InlineData("pipelines/**.dot", "pipelines/ci/review.dot", true)]
    [InlineData("review.dot", "pipelines/ci/review.dot", true)]
    [InlineData("/review.dot", "review.dot", true)]
    [InlineData("pipelines/ci/*.dot", "pipelines/ci/review.dot", true)]
    [InlineData("a\\{b\\}.dot", "a{b}.dot", true)]
    public void Section_globs_match_nested_paths(string section, string relativePath, bool applies)
    {
        var run = GeneratorHarness.Run(
            GeneratorHarness.Dot(relativePath, Warnings),
            EditorConfigs.InProject("[" + section + "]\ndotnet_diagnostic.ATR2010.severity = none\n"));

        Assert.Equal(applies ? null : DiagnosticSeverity.Warning, SeverityOf(run, "ATR2010"));
    }

    [Fact]
    public void The_nearest_editorconfig_wins_over_the_ones_above()
    {
        var run = Run(
            Warnings,
            EditorConfigs.At("/repo/", "[*]\ndotnet_diagnostic.ATR2010.severity = none\ndotnet_diagnostic.ATR2013.severity = error\n"),
            EditorConfigs.InProject("[*.dot]\ndotnet_diagnostic.ATR2010.severity = error\n"),
            EditorConfigs.At(GeneratorHarness.ProjectDirectory + "pipelines/", "[*.dot]\ndotnet_diagnostic.ATR2010.severity = suggestion\n"));

        Assert.Equal(DiagnosticSeverity.Info, SeverityOf(run, "ATR2010"));
        Assert.Equal(DiagnosticSeverity.Error, SeverityOf(run, "ATR2013"));
    }

    [Fact]
    public void The_order_the_files_are_passed_in_does_not_matter()
    {
        var files = new[]
        {
            GeneratorHarness.Dot("pipelines/review.dot", Warnings),
            EditorConfigs.At(GeneratorHarness.ProjectDirectory + "pipelines/", "[*.dot]\ndotnet_diagnostic.ATR2010.severity = suggestion\n"),
            EditorConfigs.At("/repo/", "[*]\ndotnet_diagnostic.ATR2010.severity = none\n"),
        };

        var run = GeneratorHarness.Run(files);

        Assert.Equal(DiagnosticSeverity.Info, SeverityOf(run, "ATR2010"));
    }

    [Fact]
    public void Root_true_stops_the_search_upwards()
    {
        var parent = EditorConfigs.At("/repo/", "[*.dot]\ndotnet_diagnostic.ATR2010.severity = none\n");

        var withRoot = Run(Warnings, parent, EditorConfigs.InProject("root = true\n\n[*.cs]\nindent_size = 4\n"));
        var withoutRoot = Run(Warnings, parent, EditorConfigs.InProject("[*.cs]\nindent_size = 4\n"));

        Assert.Equal(DiagnosticSeverity.Warning, SeverityOf(withRoot, "ATR2010"));
        Assert.Null(SeverityOf(withoutRoot, "ATR2010"));
    }

    [Fact]
    public void Root_true_in_the_same_file_keeps_its_own_sections()
    {
        var run = Run(
            Warnings,
            EditorConfigs.At("/repo/", "[*.dot]\ndotnet_diagnostic.ATR2013.severity = none\n"),
            EditorConfigs.InProject("ROOT = TRUE\n[*.dot]\ndotnet_diagnostic.ATR2010.severity = none\n"));

        Assert.Null(SeverityOf(run, "ATR2010"));
        Assert.Equal(DiagnosticSeverity.Warning, SeverityOf(run, "ATR2013"));
    }

    [Theory]
    [InlineData("[*]\ndotnet_diagnostic.ATR2010.severity = none\n[*.dot]\ndotnet_diagnostic.ATR2010.severity = error\n", DiagnosticSeverity.Error)]
    [InlineData("[*.dot]\ndotnet_diagnostic.ATR2010.severity = error\n[*]\ndotnet_diagnostic.ATR2010.severity = none\n", null)]
    [InlineData("[*.dot]\ndotnet_diagnostic.ATR2010.severity = error\ndotnet_diagnostic.ATR2010.severity = none\n", null)]
    [InlineData("[*.dot]\ndotnet_diagnostic.ATR2010.severity = error\n[review.dot]\ndotnet_diagnostic.ATR2013.severity = none\n", DiagnosticSeverity.Error)]
    public void Later_sections_and_entries_win_over_earlier_ones(string editorConfig, DiagnosticSeverity? expected)
    {
        var run = Run(Warnings, EditorConfigs.InProject(editorConfig));

        Assert.Equal(expected, SeverityOf(run, "ATR2010"));
    }

    [Fact]
    public void Keys_and_values_are_case_insensitive_and_comments_and_colons_are_read()
    {
        var editorConfig = "# comment\n; another\n[*.dot] # trailing comment\n  DOTNET_DIAGNOSTIC.atr2010.SEVERITY : NONE ; trailing comment\n\tdotnet_diagnostic.Atr2013.Severity=Error#comment\n";

        var run = Run(Warnings, EditorConfigs.InProject(editorConfig.Replace("\n", "\r\n", StringComparison.Ordinal)));

        Assert.Null(SeverityOf(run, "ATR2010"));
        Assert.Equal(DiagnosticSeverity.Error, SeverityOf(run, "ATR2013"));
    }

    [Theory]
    [InlineData("[*.dot]\ndotnet_diagnostic.ATR2010.severity = nonsense\n")]
    [InlineData("[*.dot]\ndotnet_diagnostic.ATR2010.severity = sugg#estion\n")]
    [InlineData("[*.dot]\ndotnet_diagnostic.ATR2010.severity\n")]
    [InlineData("[*.dot\ndotnet_diagnostic.ATR2010.severity = none\n")]
    [InlineData("dotnet_diagnostic.ATR2010.severity = none\n")]
    [InlineData("[{*.dot]\ndotnet_diagnostic.ATR2010.severity = none\n")]
    [InlineData("[[]\ndotnet_diagnostic.ATR2010.severity = none\n")]
    [InlineData("[[z-a].dot]\ndotnet_diagnostic.ATR2010.severity = none\n")]
    [InlineData("[*.dot]\ndotnet_diagnostic..severity = none\ndotnet_diagnostic.ATR.severity = none\n")]
    [InlineData("\0\u00ff[*.dot]\ud800\n=\n[\n]\n[]]\n")]
    public void What_the_compiler_would_not_read_is_ignored(string editorConfig)
    {
        var run = Run(Warnings, EditorConfigs.InProject(editorConfig));

        Assert.Equal(DiagnosticSeverity.Warning, SeverityOf(run, "ATR2010"));
    }

    [Fact]
    public void A_global_config_among_the_files_is_left_to_the_compiler()
    {
        var run = Run(Warnings, EditorConfigs.InProject("is_global = true\ndotnet_diagnostic.ATR2010.severity = none\n[*.dot]\ndotnet_diagnostic.ATR2010.severity = none\n"));

        Assert.Equal(DiagnosticSeverity.Warning, SeverityOf(run, "ATR2010"));
    }

    [Fact]
    public void An_editorconfig_that_cannot_be_read_is_ignored()
    {
        var run = Run(Warnings, EditorConfigs.InProject(null!));

        Assert.Equal(DiagnosticSeverity.Warning, SeverityOf(run, "ATR2010"));
    }

    [Fact]
    public void An_editorconfig_in_another_folder_does_not_apply()
    {
        var run = Run(
            Warnings,
            EditorConfigs.At(GeneratorHarness.ProjectDirectory + "other/", "[*]\ndotnet_diagnostic.ATR2010.severity = none\n"),
            EditorConfigs.At(GeneratorHarness.ProjectDirectory + "pipe/", "[*]\ndotnet_diagnostic.ATR2010.severity = none\n"),
            EditorConfigs.At("/repo/MyAp/", "[*]\ndotnet_diagnostic.ATR2010.severity = none\n"));

        Assert.Equal(DiagnosticSeverity.Warning, SeverityOf(run, "ATR2010"));
    }

    [Fact]
    public void Sections_apply_per_file()
    {
        var run = GeneratorHarness.Run(
            GeneratorHarness.Dot("pipelines/review.dot", Warnings),
            GeneratorHarness.Dot("legacy/old.dot", Warnings.Replace("digraph R", "digraph Old", StringComparison.Ordinal)),
            EditorConfigs.InProject("[legacy/**]\ndotnet_diagnostic.ATR2010.severity = none\n"));

        var atr2010 = run.Diagnostics.Where(d => d.Id == "ATR2010").ToList();
        var only = Assert.Single(atr2010);
        Assert.EndsWith("pipelines/review.dot", only.Location.GetLineSpan().Path, StringComparison.Ordinal);
    }

    [Fact]
    public void A_category_entry_sets_every_rule_of_the_category()
    {
        var run = Run(Warnings, EditorConfigs.InProject("[*.dot]\ndotnet_analyzer_diagnostic.category-attractor.lint.severity = error\n"));

        Assert.Equal(DiagnosticSeverity.Error, SeverityOf(run, "ATR2010"));
        Assert.Equal(DiagnosticSeverity.Error, SeverityOf(run, "ATR2013"));
        Assert.Equal(DiagnosticSeverity.Warning, SeverityOf(run, "ATR1013"));
    }

    [Fact]
    public void An_id_entry_wins_over_its_category_which_wins_over_all_wherever_they_are()
    {
        var run = Run(
            Warnings,
            EditorConfigs.InProject("[*.dot]\ndotnet_diagnostic.ATR2010.severity = suggestion\n"),
            EditorConfigs.At(GeneratorHarness.ProjectDirectory + "pipelines/", "[*]\ndotnet_analyzer_diagnostic.category-Attractor.Lint.severity = none\ndotnet_analyzer_diagnostic.severity = error\n"));

        Assert.Equal(DiagnosticSeverity.Info, SeverityOf(run, "ATR2010"));
        Assert.Null(SeverityOf(run, "ATR2013"));
        Assert.Equal(DiagnosticSeverity.Error, SeverityOf(run, "ATR1013"));
    }

    [Fact]
    public void NoWarn_still_suppresses_an_id_an_editorconfig_makes_an_error()
    {
        var run = Run(
            GeneratorHarness.CompilationOptions.WithSpecificDiagnosticOptions([new("ATR2010", ReportDiagnostic.Suppress)]),
            Warnings,
            EditorConfigs.InProject("[*.dot]\ndotnet_diagnostic.ATR2010.severity = error\n"));

        Assert.Null(SeverityOf(run, "ATR2010"));
    }

    [Fact]
    public void TreatWarningsAsErrors_promotes_a_warning_an_editorconfig_selects_but_not_a_suggestion()
    {
        var run = Run(
            GeneratorHarness.CompilationOptions.WithGeneralDiagnosticOption(ReportDiagnostic.Error),
            Warnings,
            EditorConfigs.InProject("[*.dot]\ndotnet_analyzer_diagnostic.severity = warning\ndotnet_diagnostic.ATR2013.severity = suggestion\n"));

        var promoted = Assert.Single(run.Diagnostics, d => d.Id == "ATR2010");
        Assert.Equal(DiagnosticSeverity.Error, promoted.Severity);
        Assert.True(promoted.IsWarningAsError);
        Assert.Equal(DiagnosticSeverity.Info, SeverityOf(run, "ATR2013"));
    }

    [Fact]
    public void WarningsAsErrors_for_an_id_applies_on_top_of_the_editorconfig()
    {
        var run = Run(
            GeneratorHarness.CompilationOptions.WithSpecificDiagnosticOptions([new("ATR2010", ReportDiagnostic.Error)]),
            Warnings,
            EditorConfigs.InProject("[*.dot]\ndotnet_diagnostic.ATR2010.severity = suggestion\ndotnet_diagnostic.ATR2013.severity = none\n"));

        Assert.Equal(DiagnosticSeverity.Error, SeverityOf(run, "ATR2010"));
        Assert.Null(SeverityOf(run, "ATR2013"));
    }

    [Fact]
    public void A_global_config_entry_replaces_the_section_severity_and_none_in_either_wins()
    {
        var global = ImmutableDictionary<string, ReportDiagnostic>.Empty
            .Add("ATR2010", ReportDiagnostic.Suppress)
            .Add("ATR2013", ReportDiagnostic.Warn)
            .Add("ATR1013", ReportDiagnostic.Error);
        var run = Run(
            GeneratorHarness.CompilationOptions.WithSyntaxTreeOptionsProvider(new GlobalSeverityOptions(global)),
            Warnings,
            EditorConfigs.InProject("[*.dot]\ndotnet_diagnostic.ATR2010.severity = error\ndotnet_diagnostic.ATR2013.severity = none\ndotnet_diagnostic.ATR1013.severity = suggestion\n"));

        Assert.Null(SeverityOf(run, "ATR2010"));
        Assert.Null(SeverityOf(run, "ATR2013"));
        Assert.Equal(DiagnosticSeverity.Error, SeverityOf(run, "ATR1013"));
    }

    private static GeneratorRun Run(string dot, params AdditionalText[] editorConfigs) =>
        Run(GeneratorHarness.CompilationOptions, dot, editorConfigs);

    private static GeneratorRun Run(CSharpCompilationOptions options, string dot, params AdditionalText[] editorConfigs) =>
        GeneratorHarness.Run(
            GeneratorHarness.Driver([GeneratorHarness.Dot("pipelines/review.dot", dot), .. editorConfigs]),
            GeneratorHarness.Compilation(options: options));

    /// <summary>The severity the build reports the ID with, or null when it is not reported.</summary>
    private static DiagnosticSeverity? SeverityOf(GeneratorRun run, string id) =>
        run.Diagnostics.SingleOrDefault(d => d.Id == id)?.Severity;
}
