// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;

namespace Attractor.Dot.Tests.Loading;

/// <summary>
/// Graphs large enough for the storage large loads use: node and edge lists past one 8,192-item
/// segment, a line table past one 4,096-line chunk, and the string, node and topology tables that
/// are reused from one load to the next.
/// </summary>
public sealed class LargePipelineTests
{
    // 9,000 work nodes: more than one segment of nodes, and (two edges each) of edges.
    private const int WorkNodes = 9_000;

    [Fact]
    public void A_large_pipeline_keeps_every_node_edge_and_position()
    {
        var pipeline = PipelineLoader.Default.Load(Chain(WorkNodes, orphan: null), "big.dot");

        Assert.Empty(pipeline.Diagnostics);
        var graph = pipeline.Graph;
        Assert.Equal(WorkNodes + 2, graph.Nodes.Count);
        Assert.Equal("start", graph.Nodes[0].Id);
        Assert.Equal("exit", graph.Nodes[1].Id);
        for (var i = 1; i <= WorkNodes; i++)
        {
            var node = graph.Nodes[i + 1];
            Assert.Equal("n" + i, node.Id);

            // Line 1 is the header, 2-4 the graph attributes and start/exit, then one line per work node.
            Assert.Equal(4 + i, node.Span.StartLine);
            Assert.Equal(5, node.Span.StartColumn);
            Assert.Equal("model-" + (i % 3), node.Attributes.GetString(AttributeNames.LlmModel));
            Assert.Equal("Do step " + i + " of Large", node.Prompt);
        }

        Assert.Equal((2 * WorkNodes) + 1, graph.Edges.Count);
        var lastEdge = graph.Edges[graph.Edges.Count - 1];
        Assert.Equal("n" + WorkNodes, lastEdge.From);
        Assert.Equal("exit", lastEdge.To);
        Assert.Equal(4 + WorkNodes + 1 + (2 * WorkNodes), lastEdge.Span.StartLine);
        Assert.Equal(graph.Edges.Count, graph.Edges.Select(static e => e).Count());
        Assert.Equal(graph.Nodes.Select(static n => n.Id), Enumerable.Range(0, graph.Nodes.Count).Select(i => graph.Nodes[i].Id));
        Assert.Throws<ArgumentOutOfRangeException>(() => graph.Nodes[graph.Nodes.Count]);
    }

    [Fact]
    public void Loads_one_after_the_other_each_see_only_their_own_graph()
    {
        // The first load leaves its tables for the next; the second has an unreachable node that
        // only its own tables can reveal, the third none again.
        var first = PipelineLoader.Default.Load(Chain(WorkNodes, orphan: null), "a.dot");
        var second = PipelineLoader.Default.Load(Chain(WorkNodes - 500, orphan: "lonely"), "b.dot");
        var third = PipelineLoader.Default.Load(Chain(WorkNodes + 500, orphan: null), "c.dot");

        Assert.Empty(first.Diagnostics);
        Assert.Empty(third.Diagnostics);
        var unreachable = Assert.Single(second.Diagnostics, static d => d.Rule == "reachability");
        Assert.Equal("lonely", unreachable.NodeId);
        Assert.Equal(WorkNodes - 500 + 3, second.Graph.Nodes.Count);
        Assert.Null(second.Graph.FindNode("n" + WorkNodes));
        Assert.NotNull(third.Graph.FindNode("n" + (WorkNodes + 500)));
    }

    [Fact]
    public void A_load_after_a_large_one_gets_nothing_from_the_reused_node_builders()
    {
        // Past a megabyte the node table, its builders and the attribute arena are kept for the next
        // large load. The first load gives its nodes subgraph classes, prompts expanded while parsing
        // and extra statements; the second names the same nodes in another order, without any of it,
        // and sets its goal only after the prompts.
        var first = new StringBuilder("digraph First {\n    graph [goal=\"First goal\"]\n    subgraph cluster_team {\n        label=\"Team\"\n");
        for (var i = 0; i < 8_000; i++)
        {
            first.Append("        n").Append(i).Append(" [shape=box, label=\"First label of node number ").Append(i)
                .Append("\", prompt=\"First prompt for $goal, long enough to be left in the source until it is read ").Append(i).Append("\"]\n");
            first.Append("        n").Append(i).Append(" [timeout=\"5m\", max_retries=1, fidelity=\"full\"]\n");
        }

        first.Append("    }\n}\n");
        var second = new StringBuilder("digraph Second {\n");
        for (var i = 8_000 - 1; i >= 0; i--)
        {
            second.Append("    n").Append(i).Append(" [prompt=\"Second prompt for $goal, long enough to be left in the source until it is read ").Append(i)
                .Append("\"]").Append(' ', 60).Append('\n');
        }

        second.Append("    graph [goal=\"Second goal\"]\n}\n");
        Assert.True(first.Length > 1 << 20 && second.Length > 1 << 20, "both files must be large enough for the reused tables");

        var firstGraph = PipelineLoader.Default.Load(first.ToString(), "first.dot").Graph;
        var secondGraph = PipelineLoader.Default.Load(second.ToString(), "second.dot").Graph;

        Assert.Equal(["team"], firstGraph.FindNode("n5")!.SubgraphClasses);
        Assert.Equal("5m", firstGraph.FindNode("n5")!.Attributes.GetString(AttributeNames.Timeout));
        Assert.Equal(8_000, secondGraph.Nodes.Count);
        for (var position = 0; position < secondGraph.Nodes.Count; position++)
        {
            var node = secondGraph.Nodes[position];
            var i = 8_000 - 1 - position;
            Assert.Equal("n" + i, node.Id);
            Assert.Empty(node.SubgraphClasses);
            Assert.Equal([AttributeNames.Prompt], node.Attributes.Select(static a => a.Key));
            Assert.Equal("Second prompt for Second goal, long enough to be left in the source until it is read " + i, node.Prompt);
            Assert.Equal(2 + position, node.Span.StartLine);
        }

        Assert.Equal("First label of node number 7999", firstGraph.FindNode("n7999")!.Label);
        Assert.Equal("First prompt for First goal, long enough to be left in the source until it is read 7999", firstGraph.FindNode("n7999")!.Prompt);
    }

    [Fact]
    public void Loads_on_several_threads_at_once_agree_with_a_single_load()
    {
        var text = Chain(WorkNodes, orphan: "lonely");
        var expected = Describe(PipelineLoader.Default.Load(text, "big.dot"));
        var results = new string[4];
        Parallel.For(0, results.Length, i => results[i] = Describe(PipelineLoader.Default.Load(text, "big.dot")));
        Assert.All(results, result => Assert.Equal(expected, result));
    }

    private static string Describe(PreparedPipeline pipeline) =>
        string.Join("\n", pipeline.Diagnostics.Select(static d => d.ToString()))
        + "|" + pipeline.Graph.Nodes.Count + "|" + pipeline.Graph.Edges.Count
        + "|" + pipeline.Graph.Nodes[pipeline.Graph.Nodes.Count - 1].Span.StartLine;

    // start -> n1 -> ... -> nN -> exit, each work node also looping back to the previous one, with
    // a goal and a stylesheet; optionally a node nothing reaches.
    private static string Chain(int workNodes, string? orphan)
    {
        var text = new StringBuilder();
        text.Append("digraph Large {\n");
        text.Append("    graph [goal=\"Large\", model_stylesheet=\".c0 { llm_model: model-0; } .c1 { llm_model: model-1; } .c2 { llm_model: model-2; }\"]\n");
        text.Append("    start [shape=Mdiamond]\n");
        text.Append("    exit [shape=Msquare]\n");
        for (var i = 1; i <= workNodes; i++)
        {
            text.Append("    n").Append(i).Append(" [class=\"c").Append(i % 3).Append("\", prompt=\"Do step ").Append(i).Append(" of $goal\"]\n");
        }

        text.Append("    start -> n1\n");
        for (var i = 1; i <= workNodes; i++)
        {
            text.Append("    n").Append(i).Append(" -> n").Append(Math.Max(1, i - 1)).Append(" [condition=\"outcome=fail\"]\n");
            text.Append("    n").Append(i).Append(" -> ").Append(i == workNodes ? "exit" : "n" + (i + 1)).Append('\n');
        }

        if (orphan is not null)
        {
            text.Append("    ").Append(orphan).Append(" [prompt=\"p\"]\n");
            text.Append("    ").Append(orphan).Append(" -> exit\n");
        }

        text.Append("}\n");
        return text.ToString();
    }
}
