// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Tests;

public sealed class ModelTests
{
    [Theory]
    [InlineData("900s", 900_000)]
    [InlineData("15m", 900_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("250ms", 250)]
    [InlineData("1d", 86_400_000)]
    [InlineData("30", 30_000)]
    public void Durations_parse_with_every_unit(string text, long milliseconds)
    {
        Assert.True(AttributeValues.TryParseDuration(text, out var value));
        Assert.Equal(milliseconds, (long)value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("10x")]
    [InlineData("-5s")]
    public void Invalid_durations_are_rejected(string text) => Assert.False(AttributeValues.TryParseDuration(text, out _));

    [Theory]
    [InlineData("42", AttributeValueKind.Integer)]
    [InlineData("-1", AttributeValueKind.Integer)]
    [InlineData("0.5", AttributeValueKind.Float)]
    [InlineData("-3.14", AttributeValueKind.Float)]
    [InlineData("true", AttributeValueKind.Boolean)]
    [InlineData("900s", AttributeValueKind.Duration)]
    [InlineData("250ms", AttributeValueKind.Duration)]
    [InlineData("gpt-5.2", AttributeValueKind.Bare)]
    [InlineData("box", AttributeValueKind.Bare)]
    public void Bare_values_are_classified_by_type(string text, AttributeValueKind kind) => Assert.Equal(kind, AttributeValues.ClassifyBare(text));

    [Fact]
    public void Node_defaults_follow_appendix_a()
    {
        var node = new PipelineNode("plan");
        Assert.Equal("plan", node.Label);
        Assert.Equal("box", node.Shape);
        Assert.Equal(HandlerTypes.Codergen, node.HandlerType);
        Assert.Equal("high", node.ReasoningEffort);
        Assert.Null(node.MaxRetries);
        Assert.False(node.GoalGate);
        Assert.Null(node.Timeout);
    }

    [Theory]
    [InlineData("Mdiamond", "start")]
    [InlineData("Msquare", "exit")]
    [InlineData("box", "codergen")]
    [InlineData("hexagon", "wait.human")]
    [InlineData("diamond", "conditional")]
    [InlineData("component", "parallel")]
    [InlineData("tripleoctagon", "parallel.fan_in")]
    [InlineData("parallelogram", "tool")]
    [InlineData("house", "stack.manager_loop")]
    public void Shapes_map_to_handler_types(string shape, string type)
    {
        var node = new PipelineNode("n", AttributeMap.FromPairs(("shape", shape)));
        Assert.Equal(type, node.HandlerType);
    }

    [Fact]
    public void Explicit_type_wins_over_shape()
    {
        var node = new PipelineNode("n", AttributeMap.FromPairs(("shape", "box"), ("type", "wait.human")));
        Assert.Equal("wait.human", node.HandlerType);
    }

    [Fact]
    public void Classes_combine_attribute_and_subgraph_classes_without_duplicates()
    {
        var node = new PipelineNode("n", AttributeMap.FromPairs(("class", "code, critical,code")), subgraphClasses: ["loop-a", "code"]);
        Assert.Equal(["loop-a", "code"], node.SubgraphClasses);
        Assert.Equal(["code", "critical", "loop-a"], node.Classes);

        // Once the classes are computed, both lists still read back, and copies keep the subgraph's.
        Assert.Same(node.Classes, node.Classes);
        Assert.Equal(["loop-a", "code"], node.SubgraphClasses);
        var copy = node.WithAttributes(AttributeMap.FromPairs(("class", "docs")));
        Assert.Equal(["loop-a", "code"], copy.SubgraphClasses);
        Assert.Equal(["docs", "loop-a", "code"], copy.Classes);
    }

    [Fact]
    public void Attribute_map_replaces_repeated_keys_and_is_immutable()
    {
        var map = AttributeMap.FromPairs(("a", "1"), ("b", "2"), ("a", "3"));
        Assert.Equal(2, map.Count);
        Assert.Equal("3", map.GetString("a"));
        var changed = map.SetItem("c", "4");
        Assert.Null(map.GetString("c"));
        Assert.Equal("4", changed.GetString("c"));
        Assert.Equal(2, changed.Remove("a").Count);
    }

    [Fact]
    public void Large_attribute_maps_look_keys_up_by_index()
    {
        var pairs = Enumerable.Range(0, 40).Select(i => ("k" + i, i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var map = AttributeMap.FromPairs(pairs);
        Assert.Equal("39", map.GetString("k39"));
        Assert.False(map.ContainsKey("k40"));
    }

    [Fact]
    public void Graph_finds_start_and_exit_by_shape_before_id()
    {
        var graph = new PipelineGraph(
            "g",
            null,
            [new PipelineNode("start"), new PipelineNode("begin", AttributeMap.FromPairs(("shape", "Mdiamond"))), new PipelineNode("end")],
            []);
        Assert.Equal("begin", graph.FindStartNode()?.Id);
        Assert.Equal("end", graph.FindExitNode()?.Id);
    }

    [Fact]
    public void Node_level_hooks_and_child_pipeline_are_exposed()
    {
        var node = new PipelineNode("m", AttributeMap.FromPairs(("tool_hooks.pre", "echo a"), ("tool_hooks.post", "echo b"), ("stack.child_dotfile", "child.dot")));
        Assert.Equal(("echo a", "echo b", "child.dot"), (node.ToolHooksPre, node.ToolHooksPost, node.StackChildDotfile));
        Assert.Null(new PipelineNode("n").ToolHooksPre);
    }

    [Fact]
    public void Default_max_retries_honours_the_legacy_alias()
    {
        var graph = new PipelineGraph("g", AttributeMap.FromPairs(("default_max_retry", "4")), [], []);
        Assert.Equal(4, graph.DefaultMaxRetries);
    }
}
