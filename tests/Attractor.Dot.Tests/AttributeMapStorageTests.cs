// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Tests;

/// <summary>
/// Maps store attributes inline and make a <see cref="DotAttribute"/> when asked; the parser gathers
/// each node's attributes in an arena until the node is built, and leaves long node labels as slices
/// of the source until read. None of that may change what a caller sees.
/// </summary>
public sealed class AttributeMapStorageTests
{
    [Fact]
    public void Every_way_of_reading_a_map_gives_the_same_attribute()
    {
        var text = "digraph G {\n  work [label=\"Review the change set\", max_retries=3, timeout=\"15m\"]\n}\n";
        var map = DotParser.Parse(text, "p.dot").Graph.FindNode("work")!.Attributes;

        var byIndex = map[1];
        var byKey = map.Get(AttributeNames.MaxRetries)!;
        Assert.True(map.TryGetValue(AttributeNames.MaxRetries, out var byTry));
        var byEnumeration = map.Single(static a => a.Key == AttributeNames.MaxRetries);

        foreach (var attribute in new[] { byIndex, byKey, byTry, byEnumeration })
        {
            Assert.Equal(AttributeNames.MaxRetries, attribute.Key);
            Assert.Equal("3", attribute.Value);
            Assert.Equal(AttributeValueKind.Integer, attribute.Kind);
            Assert.Equal(AttributeOrigin.Explicit, attribute.Origin);
            Assert.Equal(text.IndexOf("max_retries", StringComparison.Ordinal), attribute.Span.Start);
            Assert.Equal(text.IndexOf("=3", StringComparison.Ordinal) + 1, attribute.ValueSpan.Start);
        }

        Assert.Equal([AttributeNames.Label, AttributeNames.MaxRetries, AttributeNames.Timeout], map.Select(static a => a.Key));
        Assert.Equal("3", map.GetString(AttributeNames.MaxRetries));
    }

    [Fact]
    public void A_map_made_from_attributes_keeps_the_last_value_of_a_key_and_rejects_null()
    {
        var map = AttributeMap.Create([new DotAttribute("a", "1"), new DotAttribute("b", "2"), new DotAttribute("a", "3", origin: AttributeOrigin.Default)]);

        Assert.Equal(["a=3", "b=2"], map.Select(static a => a.ToString()));
        Assert.Equal(AttributeOrigin.Default, map.Get("a")!.Origin);
        Assert.Throws<ArgumentException>(() => AttributeMap.Create([new DotAttribute("a", "1"), null!]));
    }

    [Fact]
    public void A_map_of_many_keys_finds_each_one()
    {
        var map = AttributeMap.FromPairs(Enumerable.Range(0, 40).Select(static i => ("k" + i, "v" + i)).ToArray());

        for (var i = 0; i < 40; i++)
        {
            Assert.Equal("v" + i, map.GetString("k" + i));
        }

        Assert.Null(map.GetString("k40"));
        var changed = map.SetItem("k7", "seven").Remove("k8");
        Assert.Equal("seven", changed.GetString("k7"));
        Assert.Null(changed.GetString("k8"));
        Assert.Equal("v39", changed.GetString("k39"));
        Assert.Equal("v7", map.GetString("k7"));
    }

    [Fact]
    public void A_node_given_attributes_in_several_statements_keeps_all_of_them_in_order()
    {
        var text = "digraph G {\n  work [a=\"1\"]\n  work [b=\"2\", c=\"3\", d=\"4\", e=\"5\", f=\"6\", g=\"7\"]\n  work [a=\"9\", h=\"8\"]\n}\n";

        var attributes = DotParser.Parse(text, "p.dot").Graph.FindNode("work")!.Attributes;

        Assert.Equal(["a=9", "b=2", "c=3", "d=4", "e=5", "f=6", "g=7", "h=8"], attributes.Select(static a => a.ToString()));
        Assert.Equal(text.IndexOf("a=\"9\"", StringComparison.Ordinal), attributes.Get("a")!.Span.Start);
        Assert.Equal(text.IndexOf("g=\"7\"", StringComparison.Ordinal), attributes.Get("g")!.Span.Start);
    }

    [Fact]
    public void A_node_with_more_attributes_than_an_arena_chunk_keeps_them_all()
    {
        var keys = Enumerable.Range(0, 1_500).Select(static i => "custom_" + i).ToArray();
        var text = "digraph G {\n  node [shape=box]\n  work [" + string.Join(", ", keys.Select(static k => k + "=\"" + k + "\"")) + "]\n  other [label=\"Other\"]\n}\n";

        var graph = DotParser.Parse(text, "p.dot").Graph;

        var attributes = graph.FindNode("work")!.Attributes;
        Assert.Equal(keys.Length + 1, attributes.Count);
        Assert.Equal(AttributeNames.Shape, attributes[0].Key);
        Assert.Equal(keys, attributes.Skip(1).Select(static a => a.Value));
        Assert.Equal(["shape=box", "label=Other"], graph.FindNode("other")!.Attributes.Select(static a => a.ToString()));
    }

    [Theory]
    [InlineData("Review the whole change set")]
    [InlineData("  starts with spaces and is long")]
    [InlineData("exactly sixteen!")]
    [InlineData("seventeen chars!!")]
    public void A_long_node_label_reads_back_as_written_with_its_spans(string label)
    {
        var text = "digraph G {\n  work [shape=box, label=\"" + label + "\", prompt=\"p\"]\n  work -> done [label=\"" + label + "\"]\n}\n";

        var graph = DotParser.Parse(text, "p.dot").Graph;

        var attribute = graph.FindNode("work")!.Attributes.Get(AttributeNames.Label)!;
        Assert.Equal(label, attribute.Value);
        Assert.Equal(label, graph.FindNode("work")!.Label);
        Assert.Equal(text.IndexOf("label=", StringComparison.Ordinal), attribute.Span.Start);
        Assert.Equal(text.IndexOf(label, StringComparison.Ordinal), attribute.ValueSpan.Start);
        Assert.Equal(label.Length, attribute.ValueSpan.Length);
        Assert.Equal((2, 20), (attribute.Span.StartLine, attribute.Span.StartColumn));
        Assert.Equal(label, graph.Edges[0].Label);
    }

    [Fact]
    public void A_long_label_with_escapes_is_unescaped()
    {
        var text = "digraph G {\n  work [label=\"Say \\\"hello\\\" to everyone here\"]\n}\n";

        var attribute = DotParser.Parse(text, "p.dot").Graph.FindNode("work")!.Attributes.Get(AttributeNames.Label)!;

        Assert.Equal("Say \"hello\" to everyone here", attribute.Value);
        Assert.Equal(text.IndexOf("Say", StringComparison.Ordinal), attribute.ValueSpan.Start);
    }

    [Theory]
    [InlineData("                        ", true)]
    [InlineData("                   x    ", false)]
    public void A_long_blank_label_counts_as_blank_for_lint(string label, bool reported)
    {
        var text = "digraph G {\n  start [shape=Mdiamond]\n  exit [shape=Msquare]\n  work [label=\"" + label + "\"]\n  start -> work -> exit\n}\n";

        var diagnostics = PipelineLoader.Default.Load(text, "p.dot").Diagnostics;

        Assert.Equal(reported, diagnostics.Any(static d => d.Rule == DiagnosticDescriptors.PromptOnLlmNodes.Rule));
        Assert.Equal(label, PipelineLoader.Default.Load(text, "p.dot").Graph.FindNode("work")!.Label);
    }
}
