// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

extern alias Generators;

using System.Collections;
using System.Reflection;
using Generators::Attractor.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Attractor.Generators.Tests;

/// <summary>
/// The generator's caching, read from the driver's tracked steps: work is redone only for the .dot
/// file that changed, and never for C# edits.
/// </summary>
public sealed class IncrementalCachingTests
{
    private static readonly string[] OurSteps =
    [
        TrackingNames.Options, TrackingNames.Files, TrackingNames.PipelineFiles, TrackingNames.Analysis,
        TrackingNames.Diagnostics, TrackingNames.EditorConfigFiles, TrackingNames.EditorConfigs, TrackingNames.ReportedDiagnostics,
        TrackingNames.Specs, TrackingNames.HintNames, TrackingNames.TypeClashes, TrackingNames.Outputs,
    ];

    // Sets the severity of ATR2013 (LLM node without prompt), which the Warned pipelines below have.
    private const string SeverityConfig = "root = true\n\n[*.cs]\nindent_size = 4\n\n[*.dot]\ndotnet_diagnostic.ATR2013.severity = suggestion\n";

    private static readonly Type[] ForbiddenInPipeline = [typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(Location), typeof(SemanticModel), typeof(AdditionalText)];

    [Fact]
    public void Every_step_is_tracked_and_holds_no_compiler_objects()
    {
        var run = GeneratorHarness.Run([.. Files(3), EditorConfigs.InProject(SeverityConfig)]);

        var steps = run.Result.Results.Single().TrackedSteps;
        foreach (var name in OurSteps)
        {
            Assert.True(steps.ContainsKey(name), "step " + name + " is not tracked");
            foreach (var step in steps[name])
            {
                foreach (var (value, _) in step.Outputs)
                {
                    AssertHoldsNoCompilerObjects(value, name);
                }
            }
        }
    }

    [Fact]
    public void An_unrelated_csharp_edit_reuses_every_step()
    {
        var compilation = GeneratorHarness.Compilation("namespace MyApp; internal static class A { }");
        var first = GeneratorHarness.Run(GeneratorHarness.Driver([.. Files(3), EditorConfigs.InProject(SeverityConfig)]), compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace MyApp; internal static class B { }", GeneratorHarness.ParseOptions));
        var second = GeneratorHarness.Run(first.Driver, edited);

        foreach (var name in OurSteps)
        {
            AssertAllReasons(second, name, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        }

        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void Replacing_a_file_with_the_same_content_changes_nothing_downstream()
    {
        var files = Files(3);
        var compilation = GeneratorHarness.Compilation();
        var first = GeneratorHarness.Run(GeneratorHarness.Driver(files), compilation);

        var same = GeneratorHarness.Dot("pipelines/p1.dot", files[1].GetText()!.ToString());
        var second = GeneratorHarness.Run(first.Driver.ReplaceAdditionalText(files[1], same), compilation);

        // The replaced file is read again; the value read is equal, so nothing after it runs.
        AssertAllReasons(second, TrackingNames.PipelineFiles, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        foreach (var name in new[] { TrackingNames.Analysis, TrackingNames.Diagnostics, TrackingNames.Specs, TrackingNames.Outputs })
        {
            AssertAllReasons(second, name, IncrementalStepRunReason.Cached);
        }
    }

    [Fact]
    public void Editing_one_of_several_files_reruns_only_that_file()
    {
        var files = Files(4);
        var compilation = GeneratorHarness.Compilation();
        var first = GeneratorHarness.Run(GeneratorHarness.Driver(files), compilation);

        var edited = GeneratorHarness.Dot("pipelines/p2.dot", Pipeline(2).Replace("prompt=\"Work 2\"", "prompt=\"Work 2, edited\"", StringComparison.Ordinal));
        var second = GeneratorHarness.Run(first.Driver.ReplaceAdditionalText(files[2], edited), compilation);

        foreach (var name in new[] { TrackingNames.Analysis, TrackingNames.Specs, TrackingNames.Outputs })
        {
            var reasons = Reasons(second, name);
            Assert.Equal(4, reasons.Count);
            Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
            Assert.Equal(3, reasons.Count(r => r == IncrementalStepRunReason.Cached));
        }

        // The file list and the class names did not change, so neither did the values every output depends on.
        AssertAllReasons(second, TrackingNames.HintNames, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAllReasons(second, TrackingNames.TypeClashes, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Contains("Work 2, edited", second.Sources["pipelines_p2.dot.g.cs"], StringComparison.Ordinal);
        Assert.Equal(first.Sources["pipelines_p1.dot.g.cs"], second.Sources["pipelines_p1.dot.g.cs"]);
    }

    [Fact]
    public void Editing_an_editorconfig_re_reports_diagnostics_without_parsing_or_emitting_again()
    {
        var config = EditorConfigs.InProject(SeverityConfig);
        var files = new[] { Warned(0), Warned(1), config };
        var compilation = GeneratorHarness.Compilation();
        var first = GeneratorHarness.Run(GeneratorHarness.Driver(files), compilation);
        Assert.All(first.Diagnostics.Where(d => d.Id == "ATR2013"), d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));

        var edited = EditorConfigs.InProject(SeverityConfig.Replace("= suggestion", "= error", StringComparison.Ordinal));
        var second = GeneratorHarness.Run(first.Driver.ReplaceAdditionalText(config, edited), compilation);

        Assert.Equal(2, second.Diagnostics.Count(d => d.Id == "ATR2013" && d.Severity == DiagnosticSeverity.Error));
        AssertAllReasons(second, TrackingNames.EditorConfigFiles, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Modified);
        AssertAllReasons(second, TrackingNames.ReportedDiagnostics, IncrementalStepRunReason.Modified);
        foreach (var name in new[] { TrackingNames.Analysis, TrackingNames.Diagnostics, TrackingNames.Specs, TrackingNames.Outputs })
        {
            AssertAllReasons(second, name, IncrementalStepRunReason.Cached);
        }

        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void Editing_what_an_editorconfig_says_about_other_files_changes_nothing_downstream()
    {
        var config = EditorConfigs.InProject(SeverityConfig);
        var compilation = GeneratorHarness.Compilation();
        var first = GeneratorHarness.Run(GeneratorHarness.Driver([Warned(0), config]), compilation);

        var edited = EditorConfigs.InProject(SeverityConfig.Replace("indent_size = 4", "indent_size = 2\ndotnet_diagnostic.CA1822.severity = none", StringComparison.Ordinal));
        var second = GeneratorHarness.Run(first.Driver.ReplaceAdditionalText(config, edited), compilation);

        // The file is read again, but what the generator keeps of it is equal.
        AssertAllReasons(second, TrackingNames.EditorConfigFiles, IncrementalStepRunReason.Unchanged);
        AssertAllReasons(second, TrackingNames.EditorConfigs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertAllReasons(second, TrackingNames.ReportedDiagnostics, IncrementalStepRunReason.Cached);
    }

    private static AdditionalText Warned(int i) =>
        GeneratorHarness.Dot("pipelines/w" + i + ".dot", "digraph W" + i + " { start [shape=Mdiamond]; work; exit [shape=Msquare]; start -> work -> exit }");

    private static AdditionalText[] Files(int count) =>
        Enumerable.Range(0, count).Select(i => GeneratorHarness.Dot("pipelines/p" + i + ".dot", Pipeline(i))).ToArray();

    private static string Pipeline(int i) =>
        "digraph P" + i + " { start [shape=Mdiamond]; work [prompt=\"Work " + i + "\"]; exit [shape=Msquare]; start -> work -> exit }";

    private static List<IncrementalStepRunReason> Reasons(GeneratorRun run, string step) =>
        run.Result.Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    private static void AssertAllReasons(GeneratorRun run, string step, params IncrementalStepRunReason[] allowed)
    {
        var reasons = Reasons(run, step);
        Assert.NotEmpty(reasons);
        Assert.All(reasons, r => Assert.True(allowed.Contains(r), step + " ran with reason " + r));
    }

    private static void AssertHoldsNoCompilerObjects(object? value, string step, int depth = 0)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || depth > 12)
        {
            return;
        }

        var type = value.GetType();
        Assert.False(ForbiddenInPipeline.Any(t => t.IsAssignableFrom(type)), "step " + step + " holds a " + type.FullName);
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                AssertHoldsNoCompilerObjects(item, step, depth + 1);
            }

            return;
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertHoldsNoCompilerObjects(field.GetValue(value), step, depth + 1);
        }
    }
}
