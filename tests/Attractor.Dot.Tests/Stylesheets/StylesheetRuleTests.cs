// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Transforms;
using Attractor.Dot.Validation;

namespace Attractor.Dot.Tests.Stylesheets;

/// <summary>stylesheet_syntax (ATR2008, ATR2019, ATR2020) and reasoning_effort_valid (ATR2022), through DOT text.</summary>
public sealed class StylesheetRuleTests
{
    [Fact]
    public void Equals_instead_of_colon_is_an_error_at_the_equals_sign()
    {
        var dot = Pipeline("* { provider = \\\"openai\\\" }");

        var diagnostic = Assert.Single(Lint(dot, new StylesheetSyntaxRule()));

        Assert.Equal("ATR2008", diagnostic.Id);
        Assert.Equal("stylesheet_syntax", diagnostic.Rule);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(dot.IndexOf(" = ", StringComparison.Ordinal) + 1, diagnostic.Span.Start);
        Assert.Equal(1, diagnostic.Span.Length);
        Assert.Equal("write provider: openai", diagnostic.Fix);
        Assert.Equal("test.dot", diagnostic.FilePath);
    }

    [Fact]
    public void Every_syntax_error_is_reported_with_line_and_column()
    {
        var dot = Pipeline("\n    * { llm_model = x }\n    .code { llm_model: y; }\n    box.fast { llm_model: z }\n");

        var diagnostics = Lint(dot, new StylesheetSyntaxRule());

        Assert.Equal(2, diagnostics.Count);
        var compound = dot.IndexOf("box.fast", StringComparison.Ordinal);
        Assert.Equal((compound, 8), (diagnostics[1].Span.Start, diagnostics[1].Span.Length));
        Assert.Equal(LineOf(dot, compound), diagnostics[1].Span.StartLine);
        Assert.Equal(5, diagnostics[1].Span.StartColumn);
    }

    [Fact]
    public void Aliases_are_warnings_at_the_property_naming_the_spec_property()
    {
        var dot = Pipeline("* { model: DEFAULT_MODEL; provider: DEFAULT_PROVIDER; }");

        var diagnostics = Lint(dot, new StylesheetSyntaxRule());

        Assert.Equal(2, diagnostics.Count);
        Assert.All(diagnostics, d => Assert.Equal(("ATR2020", DiagnosticSeverity.Warning), (d.Id, d.Severity)));
        Assert.Equal((dot.IndexOf("model:", StringComparison.Ordinal), 5), (diagnostics[0].Span.Start, diagnostics[0].Span.Length));
        Assert.Equal((dot.IndexOf("provider:", StringComparison.Ordinal), 8), (diagnostics[1].Span.Start, diagnostics[1].Span.Length));
        Assert.Contains("llm_model", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal("rename model to llm_model", diagnostics[0].Fix);
        Assert.Equal("rename provider to llm_provider", diagnostics[1].Fix);
    }

    [Fact]
    public void Unknown_properties_are_warnings_that_say_they_are_ignored()
    {
        var dot = Pipeline(".fast { temperature: 0.2; llm_modle: x }");

        var diagnostics = Lint(dot, new StylesheetSyntaxRule());

        Assert.Equal(2, diagnostics.Count);
        Assert.All(diagnostics, d => Assert.Equal(("ATR2019", DiagnosticSeverity.Warning), (d.Id, d.Severity)));
        Assert.Equal((dot.IndexOf("temperature", StringComparison.Ordinal), 11), (diagnostics[0].Span.Start, diagnostics[0].Span.Length));
        Assert.Contains("ignored", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("'.fast'", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal("did you mean llm_model? write llm_model: x", diagnostics[1].Fix);
    }

    [Fact]
    public void A_valid_or_absent_stylesheet_reports_nothing()
    {
        Assert.Empty(Lint(Pipeline("* { llm_model: m; llm_provider: p; reasoning_effort: medium }"), new StylesheetSyntaxRule()));
        Assert.Empty(Lint(Pipeline(string.Empty), new StylesheetSyntaxRule()));
        Assert.Empty(new StylesheetSyntaxRule().Apply(new PipelineGraph("g", null, [], [])));
    }

    [Fact]
    public void An_invalid_reasoning_effort_on_a_node_is_a_warning_at_the_attribute()
    {
        var dot = Pipeline(string.Empty, "work [prompt=\"p\", reasoning_effort=\"extreme\"]");

        var diagnostic = Assert.Single(Lint(dot, new ReasoningEffortRule()));

        Assert.Equal(("ATR2022", "reasoning_effort_valid", DiagnosticSeverity.Warning), (diagnostic.Id, diagnostic.Rule, diagnostic.Severity));
        Assert.Equal((dot.IndexOf("reasoning_effort", StringComparison.Ordinal), "reasoning_effort=\"extreme\"".Length), (diagnostic.Span.Start, diagnostic.Span.Length));
        Assert.Equal("work", diagnostic.NodeId);
        Assert.Contains("low, medium or high", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("High", "write reasoning_effort=\"high\"")]
    [InlineData("max", "write reasoning_effort=\"high\"")]
    [InlineData("minimal", "write reasoning_effort=\"low\"")]
    [InlineData("extreme", "use low, medium or high, or remove it for the default (high)")]
    public void The_fix_suggests_the_intended_effort(string value, string fix)
    {
        var dot = Pipeline(string.Empty, "work [prompt=\"p\", reasoning_effort=\"" + value + "\"]");

        Assert.Equal(fix, Assert.Single(Lint(dot, new ReasoningEffortRule())).Fix);
    }

    [Fact]
    public void A_stylesheet_effort_is_reported_once_at_the_declaration_before_and_after_the_transform()
    {
        var dot = Pipeline("* { reasoning_effort: max }", "a [prompt=\"p\"]\n    b [prompt=\"p\"]");
        var graph = DotParser.Parse(dot, "test.dot").Graph;
        var transformed = new StylesheetTransform().Apply(graph);

        foreach (var candidate in new[] { graph, transformed })
        {
            var diagnostic = Assert.Single(new ReasoningEffortRule().Apply(candidate));
            Assert.Equal((dot.IndexOf("max", StringComparison.Ordinal), 3), (diagnostic.Span.Start, diagnostic.Span.Length));
            Assert.Null(diagnostic.NodeId);
            Assert.Equal("write reasoning_effort: high", diagnostic.Fix);
        }

        Assert.Equal("max", transformed.FindNode("a")!.Attributes.GetString("reasoning_effort"));
    }

    [Fact]
    public void An_inherited_effort_is_reported_once_at_the_default_block()
    {
        var dot = Pipeline(string.Empty, "node [reasoning_effort=\"ultra\"]\n    a [prompt=\"p\"]\n    b [prompt=\"p\"]");

        var diagnostic = Assert.Single(Lint(dot, new ReasoningEffortRule()));

        Assert.Equal(dot.IndexOf("reasoning_effort=\"ultra\"", StringComparison.Ordinal), diagnostic.Span.Start);
        Assert.Contains("default block", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("low")]
    [InlineData("medium")]
    [InlineData("high")]
    [InlineData("")]
    public void Valid_or_empty_efforts_report_nothing(string value)
    {
        var dot = Pipeline("* { reasoning_effort: " + (value.Length == 0 ? "low" : value) + " }", "work [prompt=\"p\", reasoning_effort=\"" + value + "\"]");

        Assert.Empty(Lint(dot, new ReasoningEffortRule()));
    }

    [Fact]
    public void Rule_names_are_the_spec_names()
    {
        Assert.Equal("stylesheet_syntax", new StylesheetSyntaxRule().Name);
        Assert.Equal("reasoning_effort_valid", new ReasoningEffortRule().Name);
    }

    private static string Pipeline(string stylesheet, string extra = "work [prompt=\"p\"]") =>
        "digraph g {\n    graph [goal=\"g\", model_stylesheet=\"" + stylesheet + "\"]\n    start [shape=Mdiamond]\n    exit [shape=Msquare]\n    "
        + extra + "\n    start -> exit\n}\n";

    private static int LineOf(string text, int offset) => text.Take(offset).Count(c => c == '\n') + 1;

    private static List<DotDiagnostic> Lint(string dot, ILintRule rule)
    {
        var parsed = DotParser.Parse(dot, "test.dot");
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        return rule.Apply(parsed.Graph).ToList();
    }
}
