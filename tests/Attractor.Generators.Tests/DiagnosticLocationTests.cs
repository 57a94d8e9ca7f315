// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Microsoft.CodeAnalysis;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace Attractor.Generators.Tests;

/// <summary>
/// Every front-end diagnostic reaches the build with its ID, severity and exact place in the .dot
/// file, so <c>dotnet build</c> prints <c>pipelines/review.dot(line,col): error ATRxxxx</c>.
/// </summary>
public sealed class DiagnosticLocationTests
{
    private const string ReviewPath = GeneratorHarness.ProjectDirectory + "pipelines/review.dot";

    [Fact]
    public void A_syntax_error_is_reported_at_its_token()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Dot("pipelines/review.dot", "digraph Review {\n    start [shape=Mdiamond]\n    start -- exit\n}\n"));

        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "ATR1005");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        AssertAt(diagnostic, line: 3, column: 11, endLine: 3, endColumn: 13);
        Assert.StartsWith(ReviewPath + "(3,11): error ATR1005: ", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_lint_error_is_reported_at_the_offending_value()
    {
        var text = """
            digraph Review {
                start [shape=Mdiamond]
                exit [shape=Msquare]
                start -> exit [condition="outcome=>success"]
            }
            """;
        var run = GeneratorHarness.Run(GeneratorHarness.Dot("pipelines/review.dot", text));

        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "ATR2007");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var expected = PipelineLoader.Default.Load(text).Diagnostics.Single(d => d.Id == "ATR2007").Span;
        Assert.Equal(4, expected.StartLine);
        AssertAt(diagnostic, expected.StartLine, expected.StartColumn, expected.EndLine, expected.EndColumn);
        Assert.Equal(new Microsoft.CodeAnalysis.Text.TextSpan(expected.Start, expected.Length), diagnostic.Location.SourceSpan);
    }

    [Fact]
    public void A_warning_keeps_its_severity_and_rule_name()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Dot("review.dot", "digraph R { start [shape=Mdiamond]; work [fidelity=bogus, prompt=\"p\"]; exit [shape=Msquare]; start -> work -> exit }"));

        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "ATR2010");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.EndsWith("[fidelity_valid]", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        AssertAt(diagnostic, line: 1, column: 43, endLine: 1, endColumn: 57, path: GeneratorHarness.ProjectDirectory + "review.dot");

        // A warning does not stop the runner from being generated.
        Assert.Contains("review.dot.g.cs", run.Sources.Keys);
    }

    [Fact]
    public void A_file_with_errors_gives_diagnostics_but_no_class_and_does_not_affect_other_files()
    {
        var run = GeneratorHarness.Run(
            GeneratorHarness.Dot("broken.dot", "digraph Broken { a -> b }"),
            GeneratorHarness.Dot("good.dot", "digraph Good { start [shape=Mdiamond]; exit [shape=Msquare]; start -> exit }"));

        Assert.Contains(run.Diagnostics, d => d.Id == "ATR2001" && d.Location.GetLineSpan().Path == GeneratorHarness.ProjectDirectory + "broken.dot");
        Assert.Equal(["good.dot.g.cs"], run.Sources.Keys);
    }

    [Fact]
    public void The_generator_reports_exactly_what_the_front_end_reports_for_every_corpus_file()
    {
        foreach (var path in Corpus.Files)
        {
            var text = File.ReadAllText(path);
            var run = GeneratorHarness.Run(GeneratorHarness.Dot("c.dot", text));
            var prepared = PipelineLoader.Default.Load(text);

            // Custom types are expected in a generated runner, which registers a handler for each.
            var expected = prepared.Diagnostics
                .Where(d => !(d.Id == DiagnosticDescriptors.TypeKnown.Id && d.NodeId is { } id && !HandlerTypes.IsBuiltIn(prepared.Graph.FindNode(id)!.Type)))
                .Select(d => (d.Id, Severity: d.Severity.ToString(), d.Span.StartLine, d.Span.StartColumn))
                .ToList();
            var actual = run.Diagnostics
                .Select(d => (d.Id, Severity: d.Severity == DiagnosticSeverity.Info ? "Info" : d.Severity.ToString(), Line: d.Location.GetLineSpan().StartLinePosition.Line + 1, Column: d.Location.GetLineSpan().StartLinePosition.Character + 1))
                .ToList();
            Assert.True(expected.SequenceEqual(actual), Path.GetFileName(path) + ": expected " + string.Join("; ", expected) + " but got " + string.Join("; ", actual));
        }
    }

    [Fact]
    public void A_custom_type_is_not_reported_as_unknown()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Dot("p.dot", "digraph P { start [shape=Mdiamond]; deploy [type=\"deploy\"]; exit [shape=Msquare]; start -> deploy -> exit }"));

        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "ATR2009");
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void An_unreadable_file_becomes_one_internal_error_at_the_file()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Dot("gone.dot", null), GeneratorHarness.Dot("good.dot", "digraph Good { start [shape=Mdiamond]; exit [shape=Msquare]; start -> exit }"));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("ATR9000", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(GeneratorHarness.ProjectDirectory + "gone.dot", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(["good.dot.g.cs"], run.Sources.Keys);
    }

    private static void AssertAt(Diagnostic diagnostic, int line, int column, int endLine, int endColumn, string path = ReviewPath)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        Assert.Equal((line - 1, column - 1), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Equal((endLine - 1, endColumn - 1), (span.EndLinePosition.Line, span.EndLinePosition.Character));
        Assert.Equal(LocationKind.ExternalFile, diagnostic.Location.Kind);
    }
}
