// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Validation;
using static Attractor.Dot.Tests.Validation.DiagnosticAssertions;
using static Attractor.Dot.Tests.Validation.TestGraphs;

namespace Attractor.Dot.Tests.Validation;

/// <summary>The graph-shape rules: start_node, terminal_node, reachability, edge_target_exists, start_no_incoming, exit_no_outgoing, exit_reachable.</summary>
public sealed class StructureRuleTests
{
    [Fact]
    public void A_valid_linear_pipeline_has_no_diagnostics()
    {
        Assert.Empty(Validate(Linear()));
    }

    [Fact]
    public void Missing_start_node_is_an_error_at_the_graph_id()
    {
        var graph = Graph([Node("work", 3, ("prompt", "p")), Node("exit", 4, ("shape", "Msquare"))], [Edge("work", "exit", 5)]);

        var diagnostic = Validate(graph).Single(DiagnosticDescriptors.StartNode);

        Assert.Equal("ATR2001", diagnostic.Id);
        Assert.Equal("start_node", diagnostic.Rule);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(GraphIdSpan, diagnostic.Span);
        Assert.Null(diagnostic.NodeId);
        Assert.Contains("no start node", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("start [shape=Mdiamond]", diagnostic.Fix, StringComparison.Ordinal);
        AssertWellFormed(diagnostic);
    }

    [Fact]
    public void Every_extra_start_node_is_an_error_at_that_node()
    {
        var graph = Linear(
            [Node("again", 6, ("shape", "Mdiamond")), Node("third", 7, ("type", "start"))],
            [Edge("again", "work", 12), Edge("third", "work", 13)]);

        var diagnostics = Validate(graph).Of(DiagnosticDescriptors.StartNode);

        Assert.Equal(["again", "third"], diagnostics.Select(d => d.NodeId));
        Assert.Equal(NodeById(graph, "again").Span, diagnostics[0].Span);
        Assert.Equal(NodeById(graph, "third").Span, diagnostics[1].Span);
        Assert.Contains("'start' is the first", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("shape=Mdiamond", diagnostics[0].Fix, StringComparison.Ordinal);
        Assert.Contains("type=start", diagnostics[1].Fix, StringComparison.Ordinal);
        Assert.All(diagnostics, d => AssertWellFormed(d));
    }

    [Fact]
    public void Start_and_exit_ids_count_when_no_node_is_marked()
    {
        var graph = Graph(
            [Node("Start", 3), Node("work", 4, ("prompt", "p")), Node("end", 5)],
            [Edge("Start", "work", 6), Edge("work", "end", 7)]);

        var diagnostics = Validate(graph);

        Assert.Empty(diagnostics);
        Assert.Same(NodeById(graph, "Start"), graph.FindStartNode());
        Assert.Same(NodeById(graph, "end"), graph.FindExitNode());
    }

    [Fact]
    public void Marked_nodes_take_precedence_over_start_and_exit_ids()
    {
        // `start` and `exit` here are ordinary stages: the marked nodes are the start and exit.
        var graph = Graph(
            [Node("begin", 3, ("type", "start")), Node("start", 4, ("prompt", "p")), Node("exit", 5, ("prompt", "q")), Node("finish", 6, ("type", "exit"))],
            [Edge("begin", "start", 7), Edge("start", "exit", 8), Edge("exit", "finish", 9)]);

        Assert.Empty(Validate(graph));
    }

    [Fact]
    public void Both_start_ids_unmarked_is_an_error_at_the_second()
    {
        var graph = Graph(
            [Node("start", 3), Node("Start", 4), Node("exit", 5)],
            [Edge("start", "exit", 6), Edge("Start", "exit", 7)]);

        var diagnostic = Validate(graph).Single(DiagnosticDescriptors.StartNode);

        Assert.Equal("Start", diagnostic.NodeId);
        Assert.Equal(NodeById(graph, "Start").Span, diagnostic.Span);
    }

    [Fact]
    public void Missing_exit_node_is_an_error_at_the_graph_id()
    {
        var graph = Graph([Node("start", 3, ("shape", "Mdiamond")), Node("work", 4, ("prompt", "p"))], [Edge("start", "work", 5)]);

        var diagnostic = Validate(graph).Single(DiagnosticDescriptors.TerminalNode);

        Assert.Equal("ATR2002", diagnostic.Id);
        Assert.Equal("terminal_node", diagnostic.Rule);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(GraphIdSpan, diagnostic.Span);
        Assert.Contains("exit [shape=Msquare]", diagnostic.Fix, StringComparison.Ordinal);
        AssertWellFormed(diagnostic);
    }

    [Fact]
    public void Every_extra_exit_node_is_an_error_at_that_node()
    {
        var graph = Linear([Node("done2", 6, ("shape", "Msquare"))], [Edge("work", "done2", 12)]);

        var diagnostic = Validate(graph).Single(DiagnosticDescriptors.TerminalNode);

        Assert.Equal("done2", diagnostic.NodeId);
        Assert.Equal(NodeById(graph, "done2").Span, diagnostic.Span);
        Assert.Contains("second exit node", diagnostic.Message, StringComparison.Ordinal);
        AssertWellFormed(diagnostic);
    }

    [Fact]
    public void An_orphan_node_is_a_reachability_error_at_the_node()
    {
        var graph = Linear([Node("orphan", 6, ("prompt", "Unreachable"))]);

        var diagnostic = Validate(graph).Single(DiagnosticDescriptors.Reachability);

        Assert.Equal("ATR2003", diagnostic.Id);
        Assert.Equal("reachability", diagnostic.Rule);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("orphan", diagnostic.NodeId);
        Assert.Equal(NodeById(graph, "orphan").Span, diagnostic.Span);
        Assert.Contains("'orphan' is not reachable from the start node 'start'", diagnostic.Message, StringComparison.Ordinal);
        AssertWellFormed(diagnostic);
    }

    [Fact]
    public void Reachability_follows_edges_transitively_and_reports_whole_unreachable_islands()
    {
        var graph = Linear(
            [Node("a", 6, ("prompt", "a")), Node("b", 7, ("prompt", "b")), Node("island1", 8, ("prompt", "c")), Node("island2", 9, ("prompt", "d"))],
            [Edge("work", "a", 12), Edge("a", "b", 13), Edge("b", "exit", 14), Edge("island1", "island2", 15), Edge("island2", "island1", 16), Edge("island2", "exit", 17)]);

        Assert.Equal(["island1", "island2"], Validate(graph).Of(DiagnosticDescriptors.Reachability).Select(d => d.NodeId));
    }

    [Fact]
    public void Reachability_is_silent_without_a_start_node()
    {
        var graph = Graph([Node("a", 3, ("prompt", "p")), Node("exit", 4, ("shape", "Msquare"))], []);

        var diagnostics = Validate(graph);

        Assert.Empty(diagnostics.Of(DiagnosticDescriptors.Reachability));
        Assert.Empty(diagnostics.Of(DiagnosticDescriptors.ExitReachable));
    }

    [Fact]
    public void With_several_start_nodes_reachability_counts_from_all_of_them()
    {
        var graph = Linear([Node("second", 6, ("shape", "Mdiamond"))], [Edge("second", "work", 12)]);

        var diagnostics = Validate(graph);

        Assert.Single(diagnostics.Of(DiagnosticDescriptors.StartNode));
        Assert.Empty(diagnostics.Of(DiagnosticDescriptors.Reachability));
    }

    [Fact]
    public void An_edge_to_an_undeclared_node_is_an_error_at_the_target_token()
    {
        var ghost = Edge("work", "ghost", 12);
        var graph = Linear(extraEdges: [ghost]);

        var diagnostic = Validate(graph).Single(DiagnosticDescriptors.EdgeTargetExists);

        Assert.Equal("ATR2004", diagnostic.Id);
        Assert.Equal("edge_target_exists", diagnostic.Rule);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(new EdgeReference("work", "ghost"), diagnostic.Edge);
        Assert.Equal(ghost.ToSpan, diagnostic.Span);
        Assert.Contains("'ghost'", diagnostic.Message, StringComparison.Ordinal);
        AssertWellFormed(diagnostic);
    }

    [Fact]
    public void An_edge_between_two_undeclared_nodes_reports_both_endpoints_in_order()
    {
        var edge = Edge("ghost1", "ghost2", 12);
        var graph = Linear(extraEdges: [edge]);

        var diagnostics = Validate(graph).Of(DiagnosticDescriptors.EdgeTargetExists);

        Assert.Equal([edge.FromSpan, edge.ToSpan], diagnostics.Select(d => d.Span));
        Assert.All(diagnostics, d => Assert.Equal(new EdgeReference("ghost1", "ghost2"), d.Edge));
    }

    [Fact]
    public void An_edge_without_endpoint_locations_is_reported_at_the_edge()
    {
        var edge = new PipelineEdge("work", "ghost", span: Span(12, 5, 13));
        var graph = Linear(extraEdges: [edge]);

        Assert.Equal(edge.Span, Validate(graph).Single(DiagnosticDescriptors.EdgeTargetExists).Span);
    }

    [Fact]
    public void Each_edge_into_the_start_node_is_an_error_at_the_edge()
    {
        var back = Edge("work", "start", 12);
        var graph = Linear(extraEdges: [back]);

        var diagnostic = Validate(graph).Single(DiagnosticDescriptors.StartNoIncoming);

        Assert.Equal("ATR2005", diagnostic.Id);
        Assert.Equal("start_no_incoming", diagnostic.Rule);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(back.Span, diagnostic.Span);
        Assert.Equal("start", diagnostic.NodeId);
        Assert.Equal(new EdgeReference("work", "start"), diagnostic.Edge);
        Assert.Contains("'work'", diagnostic.Fix, StringComparison.Ordinal);
        AssertWellFormed(diagnostic);
    }

    [Fact]
    public void Each_edge_out_of_the_exit_node_is_an_error_at_the_edge()
    {
        var first = Edge("exit", "work", 12);
        var second = Edge("exit", "start", 13);
        var graph = Linear(extraEdges: [first, second]);

        var diagnostics = Validate(graph).Of(DiagnosticDescriptors.ExitNoOutgoing);

        Assert.Equal([first.Span, second.Span], diagnostics.Select(d => d.Span));
        Assert.Equal("ATR2006", diagnostics[0].Id);
        Assert.Equal("exit_no_outgoing", diagnostics[0].Rule);
        Assert.Equal(DiagnosticSeverity.Error, diagnostics[0].Severity);
        Assert.Equal("exit", diagnostics[0].NodeId);
        Assert.Equal(new EdgeReference("exit", "work"), diagnostics[0].Edge);
        Assert.All(diagnostics, d => AssertWellFormed(d));
    }

    [Fact]
    public void A_reachable_node_with_no_path_to_the_exit_is_a_warning_at_the_node()
    {
        var graph = Graph(
            [Node("start", 3, ("shape", "Mdiamond")), Node("a", 4, ("prompt", "A")), Node("b", 5, ("prompt", "B")), Node("done", 6, ("shape", "Msquare"))],
            [Edge("start", "a", 7), Edge("a", "b", 8), Edge("b", "a", 9), Edge("start", "done", 10)]);

        var diagnostics = Validate(graph);

        var exitReachable = diagnostics.Of(DiagnosticDescriptors.ExitReachable);
        Assert.Equal(["a", "b"], exitReachable.Select(d => d.NodeId));
        Assert.Equal(NodeById(graph, "a").Span, exitReachable[0].Span);
        Assert.Equal(NodeById(graph, "b").Span, exitReachable[1].Span);
        Assert.Equal("ATR2014", exitReachable[0].Id);
        Assert.Equal(DiagnosticSeverity.Warning, exitReachable[0].Severity);
        Assert.Contains("'done'", exitReachable[0].Message, StringComparison.Ordinal);
        Assert.All(exitReachable, d => AssertWellFormed(d));
        AssertNoErrors(diagnostics);
    }

    [Fact]
    public void A_dead_end_stage_has_no_path_to_the_exit()
    {
        var graph = Linear([Node("dead_end", 6, ("prompt", "p"))], [Edge("work", "dead_end", 12)]);

        Assert.Equal("dead_end", Validate(graph).Single(DiagnosticDescriptors.ExitReachable).NodeId);
    }

    [Fact]
    public void Exit_reachable_ignores_nodes_already_unreachable_from_start()
    {
        var graph = Linear([Node("orphan", 6, ("prompt", "p"))]);

        var diagnostics = Validate(graph);

        Assert.Single(diagnostics.Of(DiagnosticDescriptors.Reachability));
        Assert.Empty(diagnostics.Of(DiagnosticDescriptors.ExitReachable));
    }

    [Fact]
    public void Exit_reachable_is_silent_without_an_exit_node()
    {
        var graph = Graph([Node("start", 3, ("shape", "Mdiamond")), Node("work", 4, ("prompt", "p"))], [Edge("start", "work", 5)]);

        Assert.Empty(Validate(graph).Of(DiagnosticDescriptors.ExitReachable));
    }

    [Fact]
    public void Structural_rules_are_linear_on_a_long_chain()
    {
        // A deep chain would overflow a recursive search; 200k nodes also catches quadratic scans.
        const int Count = 200_000;
        var nodes = new PipelineNode[Count];
        var edges = new PipelineEdge[Count - 1];
        nodes[0] = new PipelineNode("start", AttributeMap.FromPairs(("shape", "Mdiamond")));
        for (var i = 1; i < Count - 1; i++)
        {
            nodes[i] = new PipelineNode("n" + i, AttributeMap.FromPairs(("prompt", "p")));
        }

        nodes[Count - 1] = new PipelineNode("exit", AttributeMap.FromPairs(("shape", "Msquare")));
        for (var i = 0; i < Count - 1; i++)
        {
            edges[i] = new PipelineEdge(nodes[i].Id, nodes[i + 1].Id);
        }

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var diagnostics = PipelineValidator.Default.Validate(new PipelineGraph("chain", null, nodes, edges));
        stopwatch.Stop();

        Assert.Empty(diagnostics);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), "Validation took " + stopwatch.Elapsed);
    }
}
