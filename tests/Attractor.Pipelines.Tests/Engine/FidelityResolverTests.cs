// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Handlers;

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>§5.4 fidelity and thread resolution.</summary>
public sealed class FidelityResolverTests
{
    private static readonly Attractor.Dot.PipelineGraph Graph = EngineTestKit.Parse("""
        digraph G {
          default_fidelity="summary:low"
          start [shape=Mdiamond]; exit [shape=Msquare]
          plain; own [fidelity=truncate]; fullnode [fidelity=full]; threaded [fidelity=full, thread_id=t1]
          subgraph cluster_loop { label="Review Loop"; inloop [fidelity=full] }
          start -> plain -> own -> fullnode -> threaded -> inloop -> exit
          plain -> fullnode [fidelity=compact, thread_id=e1]
          own -> threaded [thread_id=e2]
        }
        """);

    private static Attractor.Dot.PipelineEdge Edge(string from, string to, int skip = 0) =>
        Graph.OutgoingEdges(from).Where(e => e.To == to).Skip(skip).First();

    [Fact]
    public void Edge_beats_node_beats_graph_default()
    {
        Assert.Equal("summary:low", FidelityResolver.Resolve(Graph, Graph.FindNode("plain")!, null, "start").Mode);
        Assert.Equal("truncate", FidelityResolver.Resolve(Graph, Graph.FindNode("own")!, Edge("plain", "own"), "plain").Mode);
        Assert.Equal("compact", FidelityResolver.Resolve(Graph, Graph.FindNode("fullnode")!, Edge("plain", "fullnode"), "plain").Mode);
    }

    [Fact]
    public void Compact_is_the_runtime_default()
    {
        var graph = EngineTestKit.Parse("digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; a; start -> a -> exit }");
        Assert.Equal(FidelityResolution.Default, FidelityResolver.Resolve(graph, graph.FindNode("a")!, null, null));
    }

    [Fact]
    public void Thread_key_order_node_edge_class_previous()
    {
        Assert.Equal("t1", FidelityResolver.Resolve(Graph, Graph.FindNode("threaded")!, Edge("own", "threaded"), "own").ThreadKey);
        var viaEdge = EngineTestKit.Parse("digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; a [fidelity=full]; start -> a [thread_id=e9]; a -> exit }");
        Assert.Equal("e9", FidelityResolver.Resolve(viaEdge, viaEdge.FindNode("a")!, viaEdge.OutgoingEdges("start")[0], "start").ThreadKey);
        Assert.Equal("review-loop", FidelityResolver.Resolve(Graph, Graph.FindNode("inloop")!, Edge("threaded", "inloop"), "threaded").ThreadKey);
        Assert.Equal("own", FidelityResolver.Resolve(Graph, Graph.FindNode("fullnode")!, Edge("own", "fullnode"), "own").ThreadKey);
    }

    [Fact]
    public void Graph_thread_id_is_the_default_thread()
    {
        var graph = EngineTestKit.Parse("digraph G { thread_id=main; start [shape=Mdiamond]; exit [shape=Msquare]; a [fidelity=full]; start -> a -> exit }");
        Assert.Equal("main", FidelityResolver.Resolve(graph, graph.FindNode("a")!, null, "start").ThreadKey);
    }

    [Fact]
    public void Non_full_modes_have_no_thread_and_resume_degrades_full()
    {
        Assert.Null(FidelityResolver.Resolve(Graph, Graph.FindNode("own")!, null, "plain").ThreadKey);
        Assert.Equal(new FidelityResolution("summary:high", null), FidelityResolver.DegradeForResume(new FidelityResolution("full", "x")));
        Assert.Equal(new FidelityResolution("truncate", null), FidelityResolver.DegradeForResume(new FidelityResolution("truncate", null)));
    }
}
