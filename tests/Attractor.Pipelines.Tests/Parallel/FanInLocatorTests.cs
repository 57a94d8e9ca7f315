// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Handlers;

namespace Attractor.Pipelines.Tests.ParallelExecution;

/// <summary>The documented rule for where parallel branches converge.</summary>
public sealed class FanInLocatorTests
{
    private static string? Find(string body)
    {
        var graph = Attractor.Pipelines.Tests.Handlers.HandlerTestStage.Parse("digraph G {\n start [shape=Mdiamond]; exit [shape=Msquare]; fan [shape=component]; start -> fan\n" + body + "\n}");
        return FanInLocator.Find(graph, graph.FindNode("fan")!)?.Id;
    }

    [Fact]
    public void The_fan_in_node_reachable_from_every_branch_wins() =>
        Assert.Equal("join", Find("fan -> a; fan -> b; a -> a2 -> join; b -> join; join [shape=tripleoctagon]; join -> exit"));

    [Fact]
    public void A_fan_in_node_wins_over_a_nearer_plain_common_successor() =>
        Assert.Equal("join", Find("fan -> a; fan -> b; a -> merge; b -> merge; merge -> join; join [shape=tripleoctagon]; join -> exit"));

    [Fact]
    public void The_nearest_fan_in_wins_and_ties_go_to_the_smaller_id()
    {
        Assert.Equal("j1", Find("fan -> a; fan -> b; a -> j1; b -> j1; j1 -> j2; j1 [shape=tripleoctagon]; j2 [shape=tripleoctagon]; j2 -> exit"));
        Assert.Equal("ja", Find("fan -> a; fan -> b; a -> jb; b -> jb; a -> ja; b -> ja; ja [type=\"parallel.fan_in\"]; jb [shape=tripleoctagon]; ja -> exit; jb -> exit"));
    }

    [Fact]
    public void Without_a_fan_in_node_the_nearest_common_successor_is_used()
    {
        Assert.Equal("merge", Find("fan -> a; fan -> b; a -> merge; b -> x -> merge; merge -> exit"));
        Assert.Equal("exit", Find("fan -> a; fan -> b; a -> exit; b -> exit"));
    }

    [Fact]
    public void A_branch_start_is_not_its_own_fan_in() =>
        Assert.Equal("exit", Find("fan -> a; fan -> b; a -> b; b -> exit"));

    [Fact]
    public void Branches_that_never_converge_have_no_fan_in() =>
        Assert.Null(Find("fan -> a; fan -> b; a -> exit; b"));

    [Fact]
    public void A_direct_edge_to_the_fan_in_is_not_a_branch()
    {
        var graph = Attractor.Pipelines.Tests.Handlers.HandlerTestStage.Parse("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]; fan [shape=component]; join [shape=tripleoctagon]
              start -> fan; fan -> join; fan -> a; fan -> b; fan -> a; a -> join; b -> join; join -> exit
            }
            """);
        var fan = graph.FindNode("fan")!;
        Assert.Equal(["a", "b"], FanInLocator.BranchStarts(graph, fan));
        Assert.Equal("join", FanInLocator.Find(graph, fan)!.Id);
    }

    [Fact]
    public void Corpus_parallel_pipelines_converge_at_their_tripleoctagon()
    {
        foreach (var (file, expected) in new[] { ("samueljklee__attractor__first_success.dot", "winner"), ("wcraigjones__attractor__05-parallel-03-branch-failure__pipeline.dot", "join") })
        {
            var graph = Attractor.Dot.PipelineLoader.Default.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", file))).Graph;
            var fan = graph.Nodes.Single(n => n.HandlerType == Attractor.Dot.HandlerTypes.Parallel);
            Assert.Equal(expected, FanInLocator.Find(graph, fan)?.Id);
        }
    }
}
