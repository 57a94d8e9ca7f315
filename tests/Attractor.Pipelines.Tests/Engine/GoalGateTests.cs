// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>§11.4 goal gate enforcement (§3.4 target order) and the §11.12 goal-gate rows.</summary>
public sealed class GoalGateTests
{
    // The gate's FAIL is routed to the exit by a condition, so the check at the exit is what stops it.
    private static string Pipeline(string gateAttributes, string graphAttributes = "") => $$"""
        digraph G {
          {{graphAttributes}}
          start [shape=Mdiamond]; exit [shape=Msquare]
          gate [goal_gate=true {{gateAttributes}}]; fix; fallback; graphfix; graphfallback
          start -> gate -> exit
          gate -> exit [condition="outcome=fail"]
          fix -> gate; fallback -> gate; graphfix -> gate; graphfallback -> gate
          start -> fix [condition="context.never=1"]; start -> fallback [condition="context.never=1"]
          start -> graphfix [condition="context.never=1"]; start -> graphfallback [condition="context.never=1"]
        }
        """;

    [Fact]
    public async Task Goal_gate_allows_exit_when_all_gates_succeeded()
    {
        using var kit = new EngineTestKit();
        var result = await kit.RunAsync(Pipeline(", retry_target=fix"));
        Assert.True(result.Succeeded);
        Assert.Equal(["start", "gate"], result.CompletedNodes);
    }

    [Fact]
    public async Task Partial_success_satisfies_a_gate()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("gate", new Outcome(StageStatus.PartialSuccess));
        var result = await kit.RunAsync(Pipeline(string.Empty));
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Goal_gate_blocks_exit_and_routes_to_its_retry_target()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("gate", Outcome.Fail("not good enough"), Outcome.Success());
        var result = await kit.RunAsync(Pipeline(", retry_target=fix, fallback_retry_target=fallback", "retry_target=graphfix"));
        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["start", "gate", "fix", "gate"], result.CompletedNodes);
    }

    [Theory]
    [InlineData(", fallback_retry_target=fallback", "retry_target=graphfix", "fallback")]
    [InlineData("", "retry_target=graphfix; fallback_retry_target=graphfallback", "graphfix")]
    [InlineData("", "fallback_retry_target=graphfallback", "graphfallback")]
    [InlineData(", retry_target=missing, fallback_retry_target=fallback", "", "fallback")]
    public async Task Retry_target_order_is_node_then_fallback_then_graph(string gate, string graph, string expected)
    {
        using var kit = new EngineTestKit();
        kit.Script.On("gate", Outcome.Fail("no"), Outcome.Success());
        var result = await kit.RunAsync(Pipeline(gate, graph));
        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["start", "gate", expected, "gate"], result.CompletedNodes);
    }

    [Fact]
    public async Task Unsatisfied_gate_without_any_retry_target_fails_the_pipeline()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("gate", Outcome.Fail("no"));
        var result = await kit.RunAsync(Pipeline(string.Empty));
        Assert.False(result.Succeeded);
        Assert.Equal(StageStatus.Fail, result.Status);
        Assert.Contains("Goal gate 'gate'", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gates_are_tracked_throughout_and_the_latest_outcome_counts()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("gate", Outcome.Fail("1"), Outcome.Fail("2"), Outcome.Success());
        var result = await kit.RunAsync(Pipeline(", retry_target=fix"));
        Assert.True(result.Succeeded);
        Assert.Equal(3, kit.Script.CallsTo("gate"));
        Assert.Equal(2, kit.Script.CallsTo("fix"));
    }

    [Fact]
    public async Task A_run_ending_at_a_dead_end_fails_when_a_visited_goal_gate_failed()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("gate", Outcome.Fail("not good enough"));
        var result = await kit.RunAsync("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              gate [goal_gate=true, retry_target=gate]; cleanup
              start -> gate -> exit
              gate -> cleanup [condition="outcome=fail"]
            }
            """);

        Assert.False(result.Succeeded);
        Assert.Equal(["start", "gate", "cleanup"], result.CompletedNodes);
        Assert.Equal(1, kit.Script.CallsTo("gate"));
        Assert.Contains("Goal gate 'gate' is unsatisfied", result.FailureReason, StringComparison.Ordinal);
        Assert.Contains("without reaching the exit", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_ending_at_a_dead_end_succeeds_when_its_goal_gates_succeeded()
    {
        using var kit = new EngineTestKit();
        var result = await kit.RunAsync("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              gate [goal_gate=true, retry_target=gate]; report
              start -> gate -> report
              gate -> exit [condition="context.never=1"]
            }
            """);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["start", "gate", "report"], result.CompletedNodes);
    }
}
