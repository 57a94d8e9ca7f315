// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Validation;
using static Attractor.Dot.Tests.Validation.DiagnosticAssertions;
using static Attractor.Dot.Tests.Validation.TestGraphs;

namespace Attractor.Dot.Tests.Validation;

/// <summary>
/// The node/edge attribute rules: type_known, fidelity_valid, retry_target_exists, goal_gate_has_retry,
/// prompt_on_llm_nodes, shape_known, manager_child_pipeline, tool_command_present, attribute_value.
/// </summary>
public sealed class AttributeRuleTests
{
    [Fact]
    public void An_unknown_type_is_a_warning_at_the_type_attribute()
    {
        var node = Node("baseline", 6, ("label", "Baseline"), ("type", "subgraph"));
        var graph = Linear([node], [Edge("work", "baseline", 12), Edge("baseline", "exit", 13)]);

        var diagnostic = Validate(graph).Single(DiagnosticDescriptors.TypeKnown);

        Assert.Equal("ATR2009", diagnostic.Id);
        Assert.Equal("type_known", diagnostic.Rule);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("baseline", diagnostic.NodeId);
        Assert.Equal(AttributeSpan(node, "type"), diagnostic.Span);
        Assert.Contains("'subgraph'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("codergen", diagnostic.Message, StringComparison.Ordinal);
        AssertWellFormed(diagnostic);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("codergen")]
    [InlineData("wait.human")]
    [InlineData("conditional")]
    [InlineData("parallel")]
    [InlineData("parallel.fan_in")]
    [InlineData("stack.manager_loop")]
    public void Built_in_types_are_known(string type)
    {
        var graph = Linear([Node("n", 6, ("type", type), ("prompt", "p"))]);

        Assert.Empty(Validate(graph).Of(DiagnosticDescriptors.TypeKnown));
    }

    [Fact]
    public void Types_registered_by_the_host_are_known()
    {
        var graph = Linear([Node("n", 6, ("type", "http.request"))], [Edge("work", "n", 12), Edge("n", "exit", 13)]);
        var validator = new PipelineValidator(knownHandlerTypes: ["http.request"]);

        Assert.Single(Validate(graph).Of(DiagnosticDescriptors.TypeKnown));
        Assert.Empty(validator.Validate(graph).Of(DiagnosticDescriptors.TypeKnown));
        Assert.Contains("http.request", new TypeKnownRule(["http.request"]).KnownTypes);
    }

    [Fact]
    public void An_inherited_bad_value_is_reported_once_at_the_default_block()
    {
        var first = NodeWithDefaults("a", 6, 2, ("type", "custom"), ("prompt", "p"));
        var second = NodeWithDefaults("b", 7, 2, ("type", "custom"), ("prompt", "p"));
        var graph = Linear([first, second], [Edge("work", "a", 12), Edge("a", "b", 13), Edge("b", "exit", 14)]);

        var diagnostic = Validate(graph).Single(DiagnosticDescriptors.TypeKnown);

        Assert.Equal("a", diagnostic.NodeId);
        Assert.Equal(Span(2, 20, "type=custom".Length), diagnostic.Span);
        Assert.Contains("default block", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("full")]
    [InlineData("truncate")]
    [InlineData("compact")]
    [InlineData("summary:low")]
    [InlineData("summary:medium")]
    [InlineData("summary:high")]
    [InlineData("")]
    public void Fidelity_modes_of_section_5_4_are_valid(string mode)
    {
        var graph = Linear(
            [Node("n", 6, ("prompt", "p"), ("fidelity", mode))],
            [Edge("work", "n", 12, ("fidelity", mode)), Edge("n", "exit", 13)],
            ("default_fidelity", mode));

        Assert.Empty(Validate(graph).Of(DiagnosticDescriptors.FidelityValid));
    }

    [Fact]
    public void Invalid_fidelity_is_a_warning_at_each_attribute_graph_first()
    {
        var node = Node("n", 6, ("prompt", "p"), ("fidelity", "medium"));
        var edge = Edge("work", "n", 12, ("fidelity", "Full"));
        var graph = Linear([node], [edge, Edge("n", "exit", 13)], ("default_fidelity", "everything"));

        var diagnostics = Validate(graph).Of(DiagnosticDescriptors.FidelityValid);

        Assert.Equal([AttributeSpan(graph, "default_fidelity"), AttributeSpan(node, "fidelity"), AttributeSpan(edge, "fidelity")], diagnostics.Select(d => d.Span));
        Assert.Equal([null, "n", null], diagnostics.Select(d => d.NodeId));
        Assert.Equal(new EdgeReference("work", "n"), diagnostics[2].Edge);
        Assert.Equal("ATR2010", diagnostics[0].Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostics[0].Severity);
        Assert.Contains("summary:medium", diagnostics[1].Fix, StringComparison.Ordinal);
        Assert.Contains("\"full\"", diagnostics[2].Fix, StringComparison.Ordinal);
        Assert.All(diagnostics, d => AssertWellFormed(d));
    }

    [Fact]
    public void A_dangling_retry_target_is_a_warning_at_the_attribute()
    {
        var node = Node("n", 6, ("prompt", "p"), ("retry_target", "ghost"), ("fallback_retry_target", "work"));
        var graph = Linear([node], [Edge("work", "n", 12), Edge("n", "exit", 13)], ("retry_target", "work"), ("fallback_retry_target", "nowhere"));

        var diagnostics = Validate(graph).Of(DiagnosticDescriptors.RetryTargetExists);

        Assert.Equal([AttributeSpan(graph, "fallback_retry_target"), AttributeSpan(node, "retry_target")], diagnostics.Select(d => d.Span));
        Assert.Equal([null, "n"], diagnostics.Select(d => d.NodeId));
        Assert.Contains("'nowhere'", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("'ghost'", diagnostics[1].Message, StringComparison.Ordinal);
        Assert.Equal("ATR2011", diagnostics[0].Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostics[0].Severity);
        Assert.All(diagnostics, d => AssertWellFormed(d));
    }

    [Fact]
    public void A_goal_gate_without_any_retry_target_is_a_warning_at_goal_gate()
    {
        var node = Node("n", 6, ("prompt", "p"), ("goal_gate", "true"));
        var graph = Linear([node], [Edge("work", "n", 12), Edge("n", "exit", 13)]);

        var diagnostic = Validate(graph).Single(DiagnosticDescriptors.GoalGateHasRetry);

        Assert.Equal("ATR2012", diagnostic.Id);
        Assert.Equal("goal_gate_has_retry", diagnostic.Rule);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("n", diagnostic.NodeId);
        Assert.Equal(AttributeSpan(node, "goal_gate"), diagnostic.Span);
        AssertWellFormed(diagnostic);
    }

    [Theory]
    [InlineData("retry_target", null)]
    [InlineData("fallback_retry_target", null)]
    [InlineData(null, "retry_target")]
    [InlineData(null, "fallback_retry_target")]
    public void A_goal_gate_is_satisfied_by_node_or_graph_retry_targets(string? nodeKey, string? graphKey)
    {
        var attributes = new List<(string, string)> { ("prompt", "p"), ("goal_gate", "true") };
        if (nodeKey is not null)
        {
            attributes.Add((nodeKey, "work"));
        }

        var graphAttributes = graphKey is null ? Array.Empty<(string, string)>() : [(graphKey, "work")];
        var graph = Linear([Node("n", 6, [.. attributes])], [Edge("work", "n", 12), Edge("n", "exit", 13)], graphAttributes);

        Assert.Empty(Validate(graph).Of(DiagnosticDescriptors.GoalGateHasRetry));
    }

    [Fact]
    public void A_codergen_node_without_prompt_or_label_is_a_warning_at_the_node()
    {
        var node = Node("silent", 6, ("shape", "box"));
        var graph = Linear([node], [Edge("work", "silent", 12), Edge("silent", "exit", 13)]);

        var diagnostic = Validate(graph).Single(DiagnosticDescriptors.PromptOnLlmNodes);

        Assert.Equal("ATR2013", diagnostic.Id);
        Assert.Equal("prompt_on_llm_nodes", diagnostic.Rule);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("silent", diagnostic.NodeId);
        Assert.Equal(node.Span, diagnostic.Span);
        AssertWellFormed(diagnostic);
    }

    [Fact]
    public void Prompt_on_llm_nodes_accepts_a_prompt_or_an_explicit_label_and_ignores_other_handlers()
    {
        var graph = Linear(
            [
                Node("labelled", 6, ("label", "Summarize the findings")),
                Node("blank_prompt", 7, ("prompt", "  ")),
                Node("typed", 8, ("type", "codergen"), ("prompt", "p")),
                Node("gate", 9, ("shape", "hexagon")),
                Node("route", 10, ("shape", "diamond")),
            ],
            [Edge("work", "labelled", 12), Edge("labelled", "blank_prompt", 13), Edge("blank_prompt", "typed", 14), Edge("typed", "gate", 15), Edge("gate", "route", 16), Edge("route", "exit", 17)]);

        Assert.Equal(["blank_prompt"], Validate(graph).Of(DiagnosticDescriptors.PromptOnLlmNodes).Select(d => d.NodeId));
    }

    [Fact]
    public void An_unknown_shape_without_type_is_a_warning_at_the_shape()
    {
        var node = Node("oval", 6, ("shape", "ellipse"), ("prompt", "p"));
        var typed = Node("typed", 7, ("shape", "ellipse"), ("type", "tool"), ("tool_command", "make"));
        var graph = Linear([node, typed], [Edge("work", "oval", 12), Edge("oval", "typed", 13), Edge("typed", "exit", 14)]);

        var diagnostic = Validate(graph).Single(DiagnosticDescriptors.ShapeKnown);

        Assert.Equal("ATR2015", diagnostic.Id);
        Assert.Equal("shape_known", diagnostic.Rule);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("oval", diagnostic.NodeId);
        Assert.Equal(AttributeSpan(node, "shape"), diagnostic.Span);
        Assert.Contains("codergen", diagnostic.Message, StringComparison.Ordinal);
        AssertWellFormed(diagnostic);
    }

    [Fact]
    public void A_miscased_shape_gets_the_right_spelling_as_fix()
    {
        var graph = Linear([Node("n", 6, ("shape", "mdiamond"), ("prompt", "p"))], [Edge("work", "n", 12), Edge("n", "exit", 13)]);

        Assert.Contains("shape=Mdiamond", Validate(graph).Single(DiagnosticDescriptors.ShapeKnown).Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manager_loop_without_child_dotfile_is_a_warning_at_the_node()
    {
        var node = Node("manager", 6, ("shape", "house"), ("prompt", "p"));
        var graph = Linear([node], [Edge("work", "manager", 12), Edge("manager", "exit", 13)]);

        var diagnostic = Validate(graph).Single(DiagnosticDescriptors.ManagerChildPipeline);

        Assert.Equal("ATR2017", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("manager", diagnostic.NodeId);
        Assert.Equal(node.Span, diagnostic.Span);
        Assert.Contains("hexagon", diagnostic.Fix, StringComparison.Ordinal);
        AssertWellFormed(diagnostic);
    }

    [Fact]
    public void A_child_dotfile_on_the_node_or_the_graph_satisfies_the_manager()
    {
        var onNode = Linear([Node("m", 6, ("type", "stack.manager_loop"), ("stack.child_dotfile", "child.dot"))], [Edge("work", "m", 12), Edge("m", "exit", 13)]);
        var onGraph = Linear([Node("m", 6, ("shape", "house"))], [Edge("work", "m", 12), Edge("m", "exit", 13)], ("stack.child_dotfile", "child.dot"));

        Assert.Empty(Validate(onNode).Of(DiagnosticDescriptors.ManagerChildPipeline));
        Assert.Empty(Validate(onGraph).Of(DiagnosticDescriptors.ManagerChildPipeline));
    }

    [Fact]
    public void A_tool_node_without_tool_command_is_a_warning()
    {
        var missing = Node("lint", 6, ("shape", "parallelogram"));
        var empty = Node("test", 7, ("type", "tool"), ("tool_command", ""));
        var fine = Node("build", 8, ("type", "tool"), ("tool_command", "make"));
        var graph = Linear([missing, empty, fine], [Edge("work", "lint", 12), Edge("lint", "test", 13), Edge("test", "build", 14), Edge("build", "exit", 15)]);

        var diagnostics = Validate(graph).Of(DiagnosticDescriptors.ToolCommandPresent);

        Assert.Equal(["lint", "test"], diagnostics.Select(d => d.NodeId));
        Assert.Equal([missing.Span, AttributeSpan(empty, "tool_command")], diagnostics.Select(d => d.Span));
        Assert.Equal("ATR2018", diagnostics[0].Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostics[0].Severity);
        Assert.All(diagnostics, d => AssertWellFormed(d));
    }

    [Fact]
    public void Typed_attributes_that_do_not_parse_are_warnings_at_the_attribute()
    {
        var node = Node(
            "n",
            6,
            ("prompt", "p"),
            ("max_retries", "three"),
            ("goal_gate", "yes"),
            ("timeout", "soon"),
            ("auto_status", "1"),
            ("allow_partial", "maybe"),
            ("retry_target", "work"));
        var edge = Edge("n", "exit", 13, ("weight", "heavy"), ("loop_restart", "sometimes"));
        var graph = Linear([node], [Edge("work", "n", 12), edge], ("default_max_retries", "-1"), ("default_max_retry", "x"));

        var diagnostics = Validate(graph).Of(DiagnosticDescriptors.AttributeValue);

        Assert.Equal(
            [
                AttributeSpan(graph, "default_max_retries"),
                AttributeSpan(graph, "default_max_retry"),
                AttributeSpan(node, "max_retries"),
                AttributeSpan(node, "goal_gate"),
                AttributeSpan(node, "timeout"),
                AttributeSpan(node, "auto_status"),
                AttributeSpan(node, "allow_partial"),
                AttributeSpan(edge, "weight"),
                AttributeSpan(edge, "loop_restart"),
            ],
            diagnostics.Select(d => d.Span));
        Assert.Equal("ATR2021", diagnostics[0].Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostics[0].Severity);
        Assert.Contains("non-negative integer", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal("n", diagnostics[2].NodeId);
        Assert.Equal(new EdgeReference("n", "exit"), diagnostics[7].Edge);
        Assert.All(diagnostics, d => AssertWellFormed(d));
    }

    [Fact]
    public void Typed_attributes_that_parse_are_accepted()
    {
        var node = Node(
            "n",
            6,
            ("prompt", "p"),
            ("max_retries", "0"),
            ("goal_gate", "false"),
            ("timeout", "250ms"),
            ("auto_status", "True"),
            ("allow_partial", "true"),
            ("retry_target", "work"));
        var graph = Linear([node], [Edge("work", "n", 12), Edge("n", "exit", 13, ("weight", "-2"), ("loop_restart", "false"))], ("default_max_retries", "3"));

        Assert.Empty(Validate(graph));
    }
}
