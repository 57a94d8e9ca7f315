// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Transforms;
using Attractor.Dot.Validation;

namespace Attractor.Dot.Tests.Stylesheets;

/// <summary>
/// <c>llm_backend</c>: a stylesheet property applied like the §8.4 ones, and llm_backend_known
/// (ATR2023) for names no backend answers to, wherever they are written.
/// </summary>
public sealed class LlmBackendRuleTests
{
    [Fact]
    public void The_stylesheet_sets_llm_backend_by_specificity_and_a_node_value_wins()
    {
        var dot = Pipeline(
            "* { llm_backend: agent } .review { llm_backend: claude-code } #special { llm_backend: codex }",
            "plain [prompt=\"p\"]\n    checker [prompt=\"p\", class=\"review\"]\n    special [prompt=\"p\", class=\"review\"]\n    pinned [prompt=\"p\", class=\"review\", llm_backend=\"llm\"]");

        var graph = new StylesheetTransform().Apply(DotParser.Parse(dot, "test.dot").Graph);

        Assert.Equal(
            ["agent", "claude-code", "codex", "llm"],
            new[] { "plain", "checker", "special", "pinned" }.Select(id => graph.FindNode(id)!.LlmBackend));
        Assert.Null(new PipelineNode("unset").LlmBackend);
    }

    [Fact]
    public void The_graph_attribute_is_the_graph_default()
    {
        var graph = DotParser.Parse("digraph g {\n    llm_backend = \"gemini-cli\"\n    start [shape=Mdiamond]\n}\n", "test.dot").Graph;

        Assert.Equal("gemini-cli", graph.LlmBackend);
    }

    [Fact]
    public void An_unknown_backend_on_a_node_is_a_warning_at_the_attribute_naming_the_known_ones()
    {
        var dot = Pipeline(string.Empty, "work [prompt=\"p\", llm_backend=\"claude\"]");

        var diagnostic = Assert.Single(Lint(dot, new LlmBackendRule()));

        Assert.Equal(("ATR2023", "llm_backend_known", DiagnosticSeverity.Warning), (diagnostic.Id, diagnostic.Rule, diagnostic.Severity));
        Assert.Equal((dot.IndexOf("llm_backend", StringComparison.Ordinal), "llm_backend=\"claude\"".Length), (diagnostic.Span.Start, diagnostic.Span.Length));
        Assert.Equal("work", diagnostic.NodeId);
        Assert.Contains("simulate, llm, agent, claude-code, codex or gemini-cli", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("write llm_backend=\"claude-code\"", diagnostic.Fix);
    }

    [Theory]
    [InlineData("Claude_Code", "write llm_backend=\"claude-code\"")]
    [InlineData("GEMINI", "write llm_backend=\"gemini-cli\"")]
    [InlineData("codex-cli", "write llm_backend=\"codex\"")]
    [InlineData("Agent", "write llm_backend=\"agent\"")]
    [InlineData("copilot", "use simulate, llm, agent, claude-code, codex or gemini-cli, or register the backend with the host")]
    public void The_fix_names_the_intended_backend(string value, string fix)
    {
        var dot = Pipeline(string.Empty, "work [prompt=\"p\", llm_backend=\"" + value + "\"]");

        Assert.Equal(fix, Assert.Single(Lint(dot, new LlmBackendRule())).Fix);
    }

    [Fact]
    public void A_stylesheet_backend_is_reported_once_at_its_value_before_and_after_the_transform()
    {
        var dot = Pipeline("* { llm_backend: claude }", "a [prompt=\"p\"]\n    b [prompt=\"p\"]");
        var graph = DotParser.Parse(dot, "test.dot").Graph;
        var transformed = new StylesheetTransform().Apply(graph);

        foreach (var candidate in new[] { graph, transformed })
        {
            var diagnostic = Assert.Single(new LlmBackendRule().Apply(candidate));
            Assert.Equal((dot.IndexOf("claude", StringComparison.Ordinal), 6), (diagnostic.Span.Start, diagnostic.Span.Length));
            Assert.Null(diagnostic.NodeId);
            Assert.Equal("write llm_backend: claude-code", diagnostic.Fix);
        }
    }

    [Fact]
    public void An_unknown_graph_backend_and_an_inherited_one_are_each_reported_once_where_written()
    {
        var dot = "digraph g {\n    graph [llm_backend=\"cursor\"]\n    node [llm_backend=\"aider\"]\n    start [shape=Mdiamond]\n    exit [shape=Msquare]\n    a [prompt=\"p\"]\n    b [prompt=\"p\"]\n    start -> a -> b -> exit\n}\n";

        var diagnostics = Lint(dot, new LlmBackendRule());

        Assert.Equal(2, diagnostics.Count);
        Assert.Equal(dot.IndexOf("llm_backend=\"cursor\"", StringComparison.Ordinal), diagnostics[0].Span.Start);
        Assert.StartsWith("Graph 'g' has llm_backend 'cursor'", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal(dot.IndexOf("llm_backend=\"aider\"", StringComparison.Ordinal), diagnostics[1].Span.Start);
        Assert.Contains("default block", diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Built_in_registered_and_empty_backends_report_nothing()
    {
        foreach (var name in BackendNames.BuiltIn.Append(string.Empty))
        {
            Assert.Empty(Lint(Pipeline("* { llm_backend: agent }", "work [prompt=\"p\", llm_backend=\"" + name + "\"]"), new LlmBackendRule()));
        }

        var custom = Pipeline(string.Empty, "work [prompt=\"p\", llm_backend=\"in-house\"]");
        Assert.Single(Lint(custom, new LlmBackendRule()));
        Assert.Empty(Lint(custom, new LlmBackendRule(["in-house"])));
    }

    [Fact]
    public void The_loader_runs_the_rule_and_accepts_the_backends_the_host_registers()
    {
        var dot = Pipeline(string.Empty, "work [prompt=\"p\", llm_backend=\"in-house\"]");

        Assert.Contains(PipelineLoader.Default.Load(dot, "test.dot").Diagnostics, d => d.Id == "ATR2023");

        var loader = new PipelineLoader();
        loader.KnownBackends.Add("in-house");
        Assert.DoesNotContain(loader.Load(dot, "test.dot").Diagnostics, d => d.Id == "ATR2023");
    }

    private static string Pipeline(string stylesheet, string extra) =>
        "digraph g {\n    graph [goal=\"g\", model_stylesheet=\"" + stylesheet + "\"]\n    start [shape=Mdiamond]\n    exit [shape=Msquare]\n    "
        + extra + "\n    start -> exit\n}\n";

    private static List<DotDiagnostic> Lint(string dot, LlmBackendRule rule)
    {
        var parsed = DotParser.Parse(dot, "test.dot");
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        return rule.Apply(parsed.Graph).ToList();
    }
}
