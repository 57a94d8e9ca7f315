// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Pipelines;

namespace Attractor.Backends.Tests.Replay;

/// <summary>Reconstructing a run's timeline from its recorded files gives what was observed live: stage order, outcomes, retries and cancellations.</summary>
public sealed class TimelineReplayTests : IDisposable
{
    private const string Graph = """
        digraph G {
          start [shape=Mdiamond]; exit [shape=Msquare]
          flaky [prompt="Try", max_retries=2, simulate_error="503", simulate_error_attempts="1"]
          denied [prompt="Auth", max_retries=2, simulate_error="401"]
          slow [prompt="Long", simulate_delay_ms="120000"]
          start -> flaky -> denied
          denied -> slow [condition="outcome=fail"]
          denied -> exit [condition="outcome=success"]
          slow -> exit
        }
        """;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_replayed_timeline_equals_the_live_one()
    {
        var logsRoot = _temp.Combine("run");
        var live = new RunTimelineBuilder();
        using var telemetry = new BackendTelemetry("Attractor.Backends.Tests." + Guid.NewGuid().ToString("N"));
        using var cancel = new CancellationTokenSource();
        var slowEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var router = new BackendRouter("simulate", _ => null, telemetry)
        {
            OnEvent = e =>
            {
                live.Add(e);
                if (e is BackendDelta { Source.NodeId: "slow" })
                {
                    cancel.Cancel();
                }

                if (e.IsTerminal && e.Source.NodeId == "slow")
                {
                    slowEnded.TrySetResult();
                }
            },
        };
        var runner = new PipelineRunner(new PipelineRunOptions
        {
            Backend = router,
            LogsRoot = logsRoot,
            RetryBackoff = BackoffConfig.None,
            ErrorClassifier = BackendRetryRule.Classifier,
            OnEvent = live.Add,
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(PipelineLoader.Default.Load(Graph).Graph, cancel.Token));

        // The engine stops waiting for a canceled handler at once; the backend's canceled event follows.
        await slowEnded.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var observed = live.Build();
        Assert.Equal(["start", "flaky", "denied", "slow"], observed.Stages.Select(stage => stage.NodeId));
        Assert.Equal(
            [
                new TimelineStage("start", "completed", 0, []),
                new TimelineStage("flaky", "completed", 1, [new TimelineAttempt(1, "simulate", "failed", "provider"), new TimelineAttempt(2, "simulate", "completed", null)]),
                new TimelineStage("denied", "failed", 0, [new TimelineAttempt(1, "simulate", "failed", "auth")]),
                new TimelineStage("slow", "canceled", 0, [new TimelineAttempt(1, "simulate", "canceled", "ok")]),
            ],
            observed.Stages);
        Assert.Equal(observed.Stages, RunTimeline.Read(logsRoot).Stages);

        var stats = RunStats.Read(logsRoot);
        var simulate = Assert.Single(stats.Backends);
        Assert.Equal(("simulate", 4, 1, 2, 1), (simulate.Backend, simulate.Started, simulate.Completed, simulate.Failed, simulate.Canceled));
        Assert.Equal([new FailureStats("simulate", "auth", false, 1), new FailureStats("simulate", "provider", true, 1)], stats.Failures);
        var canceled = Assert.Single(stats.Cancels);
        Assert.Equal(("simulate", "ok", 1), (canceled.Backend, canceled.Result, canceled.Count));
        Assert.NotNull(canceled.AverageLatencyMs);
        Assert.Equal([new RetryStats("simulate", "provider", 1)], stats.Retries);
    }

    [Fact]
    public void A_directory_without_events_is_a_clear_error()
    {
        var error = Assert.Throws<FileNotFoundException>(() => RunTimeline.Read(_temp.Combine("nothing")));
        Assert.Contains("not a run directory", error.Message, StringComparison.Ordinal);
    }
}
