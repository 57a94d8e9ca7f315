// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Cli.Progress;
using Attractor.Pipelines.Events;

namespace Attractor.Cli.Tests;

/// <summary>The live view's rows follow the engine's events.</summary>
public sealed class StageBoardTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly StageBoard _board = new(new Dictionary<string, string>(StringComparer.Ordinal) { ["work"] = "tool", ["gate"] = "wait.human" });

    [Fact]
    public void A_stage_runs_then_succeeds_with_its_duration()
    {
        Apply(new PipelineStarted("Demo", "1"), 0);
        Apply(new StageStarted("work", 1), 0);

        var row = Assert.Single(_board.Rows);
        Assert.Equal(("work", "tool", StageState.Running), (row.NodeId, row.HandlerType, row.State));
        Assert.Equal(TimeSpan.FromSeconds(3), row.ElapsedAt(T0.AddSeconds(3)));
        Assert.Equal("running", _board.PipelineStatus);

        Apply(new StageCompleted("work", 1, TimeSpan.FromSeconds(2)), 2);

        Assert.Equal(StageState.Succeeded, row.State);
        Assert.Equal(TimeSpan.FromSeconds(2), row.ElapsedAt(T0.AddSeconds(10)));
    }

    [Fact]
    public void A_failed_attempt_retries_and_a_final_failure_keeps_the_reason()
    {
        Apply(new StageStarted("work", 1), 0);
        Apply(new StageFailed("work", 1, "exit 1", WillRetry: true), 1);
        Apply(new StageRetrying("work", 1, 2, TimeSpan.Zero), 1);

        var row = Assert.Single(_board.Rows);
        Assert.Equal(StageState.Retrying, row.State);
        Assert.Equal("attempt 2: exit 1", row.Detail);

        Apply(new StageFailed("work", 1, "exit 2\nmore", WillRetry: false), 4);
        Apply(new PipelineFailed("exit 2", TimeSpan.FromSeconds(4)), 4);

        Assert.Equal(StageState.Failed, row.State);
        Assert.Equal("exit 2 | more", row.Detail);
        Assert.Equal(TimeSpan.FromSeconds(4), row.Duration);
        Assert.Equal("failed: exit 2", _board.PipelineStatus);
    }

    [Fact]
    public void A_gate_waits_for_a_human_then_runs_on_with_the_answer()
    {
        Apply(new StageStarted("gate", 1), 0);
        Apply(new InterviewStarted("Ship it?", "gate"), 0);

        var row = Assert.Single(_board.Rows);
        Assert.Equal((StageState.WaitingForHuman, "Ship it?"), (row.State, row.Detail));

        Apply(new InterviewCompleted("Ship it?", "[A] Approve", TimeSpan.FromSeconds(5)), 5);

        Assert.Equal((StageState.Running, "answered: [A] Approve"), (row.State, row.Detail));
    }

    [Fact]
    public void A_node_visited_again_gets_a_new_row()
    {
        Apply(new StageStarted("work", 1), 0);
        Apply(new StageCompleted("work", 1, TimeSpan.FromSeconds(1)), 1);
        Apply(new StageStarted("work", 2), 2);

        Assert.Equal([StageState.Succeeded, StageState.Running], _board.Rows.Select(static r => r.State));
    }

    private void Apply(PipelineEvent pipelineEvent, int second) =>
        _board.Apply(pipelineEvent with { Timestamp = T0.AddSeconds(second) });
}
