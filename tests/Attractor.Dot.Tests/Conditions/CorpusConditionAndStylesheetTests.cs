// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Transforms;
using Attractor.Dot.Validation;

namespace Attractor.Dot.Tests.Conditions;

/// <summary>
/// The real-world corpus through the condition and stylesheet rules: no file has a condition or
/// stylesheet that fails to parse, and the warnings named in <c>Corpus/README.md</c> appear.
/// </summary>
public sealed class CorpusConditionAndStylesheetTests
{
    private static readonly ILintRule[] Rules =
    [
        new ConditionSyntaxRule(), new ConditionNeverMatchesRule(), new StylesheetSyntaxRule(), new ReasoningEffortRule(),
    ];

    public static TheoryData<string> Files { get; } =
        new(Directory.GetFiles(CorpusDirectory, "*.dot").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal));

    private static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Corpus");

    [Theory]
    [MemberData(nameof(Files))]
    public void No_corpus_condition_or_stylesheet_is_an_error(string file)
    {
        var diagnostics = Lint(file);

        Assert.DoesNotContain(diagnostics, d => d.IsError);
        Assert.All(diagnostics, d => Assert.True(d.Span.IsKnown, d.ToString()));
    }

    [Fact]
    public void Stylesheet_aliases_in_the_fabro_template_are_warnings_and_are_applied()
    {
        const string File = "fabro-sh__fabro__reference_template.dot";
        var diagnostics = Lint(File);

        Assert.Equal(12, diagnostics.Count(d => d.Id == "ATR2020"));
        var graph = new TransformPipeline().Apply(DotParser.Parse(ReadCorpus(File), File).Graph);
        Assert.Contains(graph.Nodes, n => n.LlmModel == "DEFAULT_MODEL" && n.LlmProvider == "DEFAULT_PROVIDER");
    }

    [Fact]
    public void Outcome_literals_no_status_has_are_warned_about_in_the_fabro_template()
    {
        var neverMatches = Lint("fabro-sh__fabro__reference_template.dot").Where(d => d.Id == "ATR2016").ToList();

        Assert.Contains(neverMatches, d => d.Fix == "write outcome=success");
        Assert.Contains(neverMatches, d => d.Fix == "write outcome=fail");
        Assert.All(neverMatches, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
    }

    [Theory]
    [InlineData("wcraigjones__attractor__03-execution-14-loop-restart-context__pipeline.dot")]
    [InlineData("wcraigjones__attractor__04-context-04-condition-and__pipeline.dot")]
    [InlineData("wcraigjones__attractor__03-execution-21-tool-hooks__pipeline.dot")]
    public void Unqualified_keys_and_bare_truthy_clauses_are_accepted_silently(string file) =>
        Assert.DoesNotContain(Lint(file), d => d.Id is "ATR2007" or "ATR2016");

    private static List<DotDiagnostic> Lint(string file)
    {
        var parsed = DotParser.Parse(ReadCorpus(file), file);
        var graph = new TransformPipeline().Apply(parsed.Graph);
        return Rules.SelectMany(r => r.Apply(graph)).ToList();
    }

    private static string ReadCorpus(string file) => System.IO.File.ReadAllText(Path.Combine(CorpusDirectory, file));
}
