// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Events;

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>Per-node <c>timeout</c> and whole-run cancellation.</summary>
public sealed class TimeoutAndCancellationTests
{
    private const string Pipeline = """
        digraph G {
          start [shape=Mdiamond]; exit [shape=Msquare]
          slow [timeout="5s"]; next
          start -> slow -> next -> exit
          slow -> exit [condition="outcome=fail"]
        }
        """;

    [Fact]
    public async Task Timeout_cancels_the_handler_and_fails_the_stage()
    {
        var time = new ManualTimeProvider();
        using var kit = new EngineTestKit { Time = time };
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerToken = CancellationToken.None;
        var runner = kit.Runner(h => h["codergen"] = new DelegateHandler(async (stage, ct) =>
        {
            handlerToken = ct;
            started.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return Outcome.Success();
        }));
        var run = runner.RunAsync(EngineTestKit.Parse(Pipeline));
        await started.Task;
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(run.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));
        var result = await run;

        Assert.True(handlerToken.IsCancellationRequested);
        Assert.Equal("fail", result.Context.GetString("outcome"));
        Assert.Contains(kit.Events.OfType<StageFailed>(), e => e.Name == "slow" && e.Error == "timed out after 5s");
        Assert.DoesNotContain("next", result.CompletedNodes);
        Assert.Contains("timed out after 5s", File.ReadAllText(Path.Combine(result.LogsRoot, "slow", "status.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_also_stops_a_handler_that_ignores_its_token()
    {
        var time = new ManualTimeProvider();
        using var kit = new EngineTestKit { Time = time };
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<Outcome>();
        var runner = kit.Runner(h => h["codergen"] = new DelegateHandler((stage, ct) =>
        {
            started.SetResult();
            return never.Task;
        }));
        var run = runner.RunAsync(EngineTestKit.Parse(Pipeline));
        await started.Task;
        time.Advance(TimeSpan.FromSeconds(5));
        var result = await run;
        Assert.Equal("fail", result.Context.GetString("outcome"));
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried()
    {
        var time = new ManualTimeProvider();
        using var kit = new EngineTestKit { Time = time };
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var runner = kit.Runner(h => h["codergen"] = new DelegateHandler(async (stage, ct) =>
        {
            if (stage.Node.Id == "slow" && ++calls == 1)
            {
                started.SetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }

            return Outcome.Success();
        }));
        var run = runner.RunAsync(EngineTestKit.Parse(Pipeline.Replace("slow [timeout=\"5s\"]", "slow [timeout=\"5s\", max_retries=1]", StringComparison.Ordinal)));
        await started.Task;
        time.Advance(TimeSpan.FromSeconds(5));
        var result = await run;
        Assert.Equal(2, calls);
        Assert.Equal(["start", "slow", "next"], result.CompletedNodes);
        Assert.Contains(kit.Events.OfType<StageFailed>(), e => e.Error == "timed out after 5s" && e.WillRetry);
    }

    [Fact]
    public async Task Fast_handler_is_not_affected_by_its_timeout()
    {
        var time = new ManualTimeProvider();
        using var kit = new EngineTestKit { Time = time };
        var result = await kit.RunAsync(Pipeline);
        Assert.Equal(["start", "slow", "next"], result.CompletedNodes);
        Assert.Equal(0, time.PendingTimers);
    }

    [Fact]
    public async Task Cancellation_stops_the_run_and_leaves_the_checkpoint_at_the_last_completed_node()
    {
        using var kit = new EngineTestKit();
        using var cts = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerToken = CancellationToken.None;
        var runner = kit.Runner(h => h["codergen"] = new DelegateHandler(async (stage, ct) =>
        {
            if (stage.Node.Id == "next")
            {
                handlerToken = ct;
                started.SetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }

            return Outcome.Success();
        }));
        var run = runner.RunAsync(EngineTestKit.Parse(Pipeline), cts.Token);
        await started.Task;
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.True(handlerToken.IsCancellationRequested);
        var checkpoint = await CheckpointStore.LoadAsync(kit.LogsRoot);
        Assert.Equal("slow", checkpoint.CurrentNode);
        Assert.Equal(["start", "slow"], checkpoint.CompletedNodes);
        Assert.Equal("Cancelled", Assert.IsType<PipelineFailed>(kit.Events[^1]).Error);
        Assert.Empty(Directory.GetFiles(kit.LogsRoot, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Cancellation_during_a_retry_delay_stops_the_run()
    {
        var time = new ManualTimeProvider();
        using var kit = new EngineTestKit { Time = time };
        using var cts = new CancellationTokenSource();
        kit.Script.On("a", s => { cts.Cancel(); return Outcome.Fail("x"); });
        var runner = kit.Runner(backoff: BackoffConfig.Default);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(EngineTestKit.Parse("digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; a [max_retries=3]; start -> a -> exit }"), cts.Token));
        Assert.Equal(1, kit.Script.CallsTo("a"));
    }
}
