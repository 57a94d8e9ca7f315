// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>
/// §3.8 parallel continuation when the branches converge on no fan-in: branch edges are never
/// followed again; a non-branch edge continues the run; without one the run ends with the parallel outcome.
/// </summary>
public sealed class ParallelContinuationTests
{
    // Branch "a" reaches the exit, branch "b" is a dead end: they have no common successor.
    private const string Diverging = """
        digraph G {
          start [shape=Mdiamond]; exit [shape=Msquare]
          fan [shape=component]; a; b
          start -> fan
          fan -> a; fan -> b
          a -> exit
        }
        """;

    [Fact]
    public async Task Without_a_fan_in_or_another_edge_the_run_ends_successfully_and_no_branch_runs_twice()
    {
        using var kit = new EngineTestKit();
        var result = await kit.RunAsync(Diverging);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["start", "fan"], result.CompletedNodes);
        Assert.Equal(1, kit.Script.CallsTo("a"));
        Assert.Equal(1, kit.Script.CallsTo("b"));
        Assert.Equal(string.Empty, result.Context.GetString("parallel.fan_in_target"));
    }

    [Fact]
    public async Task Partial_success_without_a_fan_in_ends_successfully_without_rerunning_branches()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("b", Outcome.Fail("b broke"));
        var result = await kit.RunAsync(Diverging);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["start", "fan"], result.CompletedNodes);
        Assert.Equal(1, kit.Script.CallsTo("a"));
        Assert.Equal(1, kit.Script.CallsTo("b"));
    }

    [Fact]
    public async Task Failed_parallel_node_without_a_fan_in_fails_the_run_with_its_reason_and_runs_each_branch_once()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("a", Outcome.Fail("a broke")).On("b", Outcome.Fail("b broke"));
        var result = await kit.RunAsync(Diverging);

        Assert.False(result.Succeeded);
        Assert.Contains("every branch failed", result.FailureReason, StringComparison.Ordinal);
        Assert.Equal(["start", "fan"], result.CompletedNodes);
        Assert.Equal(1, kit.Script.CallsTo("a"));
        Assert.Equal(1, kit.Script.CallsTo("b"));
    }

    [Fact]
    public async Task A_non_branch_edge_continues_the_run_when_the_branches_do_not_converge()
    {
        using var kit = new EngineTestKit();
        var result = await kit.RunAsync("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              fan [shape=component]; a; b; collect [shape=tripleoctagon]
              start -> fan
              fan -> a; fan -> b; fan -> collect
              a -> exit
              collect -> exit
            }
            """);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["start", "fan", "collect"], result.CompletedNodes);
        Assert.Equal(1, kit.Script.CallsTo("a"));
        Assert.Equal(1, kit.Script.CallsTo("b"));
        Assert.Equal("a", result.Context.GetString("parallel.fan_in.best_id"));
    }

    [Fact]
    public async Task A_parallel_handler_suggesting_a_branch_start_does_not_rerun_that_branch()
    {
        using var kit = new EngineTestKit();
        var runner = kit.Runner(h => h["parallel"] = new DelegateHandler(async (stage, ct) =>
        {
            await stage.Services.Branches.RunBranchAsync("a", null, stage.Context.Clone(), Path.Combine(stage.StageDirectory, "a"), ct);
            return new Outcome(StageStatus.Success) { SuggestedNextIds = ["a"] };
        }));
        var result = await runner.RunAsync(EngineTestKit.Parse("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              fan [shape=component]; a
              start -> fan -> a -> exit
            }
            """));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["start", "fan"], result.CompletedNodes);
        Assert.Equal(1, kit.Script.CallsTo("a"));
    }
}
