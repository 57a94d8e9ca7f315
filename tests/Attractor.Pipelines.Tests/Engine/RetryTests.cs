// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Events;

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>§11.5 retry logic and the §11.12 "retry on failure (max_retries=2)" row.</summary>
public sealed class RetryTests
{
    private const string Pipeline = """
        digraph G {
          start [shape=Mdiamond]; exit [shape=Msquare]
          flaky [max_retries=2]; after
          start -> flaky -> after -> exit
          flaky -> exit [condition="outcome=fail"]
        }
        """;

    [Fact]
    public async Task Fail_outcomes_are_retried_up_to_max_retries_then_succeed()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("flaky", Outcome.Fail("1"), Outcome.Fail("2"), Outcome.Success());
        var result = await kit.RunAsync(Pipeline);
        Assert.True(result.Succeeded);
        Assert.Equal(3, kit.Script.CallsTo("flaky"));
        Assert.Equal([1, 2, 3], kit.Script.Calls.Where(c => c.Node.Id == "flaky").Select(c => c.Attempt));
        Assert.Contains("after", result.CompletedNodes);
        Assert.Equal([2, 3], kit.Events.OfType<StageRetrying>().Select(e => e.Attempt));
        Assert.Equal([true, true], kit.Events.OfType<StageFailed>().Select(e => e.WillRetry));
    }

    [Fact]
    public async Task Retry_outcomes_are_retried_and_the_counter_is_visible_to_the_handler()
    {
        using var kit = new EngineTestKit();
        var counters = new List<string>();
        kit.Script.On("flaky", s => { counters.Add(s.Context.GetString("internal.retry_count.flaky", "-")); return Outcome.Retry("again"); });
        kit.Script.On("flaky", s => { counters.Add(s.Context.GetString("internal.retry_count.flaky", "-")); return Outcome.Retry("again"); });
        kit.Script.On("flaky", s => { counters.Add(s.Context.GetString("internal.retry_count.flaky", "-")); return Outcome.Success(); });
        var result = await kit.RunAsync(Pipeline);
        Assert.True(result.Succeeded);
        Assert.Equal(["-", "1", "2"], counters);
        Assert.Equal("0", result.Context.GetString("internal.retry_count.flaky"));
    }

    [Fact]
    public async Task After_exhaustion_the_final_outcome_drives_edge_selection_and_the_count_respects_the_limit()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("flaky", Outcome.Fail("still broken"));
        var result = await kit.RunAsync(Pipeline);
        Assert.Equal(3, kit.Script.CallsTo("flaky"));
        Assert.True(result.Succeeded);
        Assert.DoesNotContain("after", result.CompletedNodes);
        Assert.Equal("fail", result.Context.GetString("outcome"));
        var checkpoint = await CheckpointStore.LoadAsync(result.LogsRoot);
        Assert.Equal(2, checkpoint.NodeRetries["flaky"]);
        Assert.Equal([true, true, false], kit.Events.OfType<StageFailed>().Select(e => e.WillRetry));
    }

    [Fact]
    public async Task Exhausted_retry_becomes_fail_or_partial_success_with_allow_partial()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("flaky", Outcome.Retry("not yet"));
        var failed = await kit.RunAsync("digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; flaky [max_retries=1]; start -> flaky -> exit }");
        Assert.False(failed.Succeeded);
        Assert.StartsWith("max retries exceeded", failed.FailureReason, StringComparison.Ordinal);
        Assert.Contains("not yet", failed.FailureReason, StringComparison.Ordinal);

        using var kit2 = new EngineTestKit();
        kit2.Script.On("flaky", Outcome.Retry("not yet"));
        var partial = await kit2.RunAsync("digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; flaky [max_retries=1, allow_partial=true]; start -> flaky -> exit }");
        Assert.True(partial.Succeeded);
        Assert.Equal("partial_success", partial.Context.GetString("outcome"));
        Assert.Contains("\"partial_success\"", File.ReadAllText(Path.Combine(partial.LogsRoot, "flaky", "status.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retryable_exceptions_become_fail_and_are_retried()
    {
        using var kit = new EngineTestKit();
        var calls = 0;
        var runner = kit.Runner(h => h["codergen"] = new DelegateHandler(s => ++calls < 2 ? throw new TimeoutException("kaboom") : Outcome.Success()));
        var result = await runner.RunAsync(EngineTestKit.Parse("digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; a [max_retries=1]; start -> a -> exit }"));
        Assert.True(result.Succeeded);
        Assert.Equal(2, calls);
        Assert.Contains(kit.Events.OfType<StageFailed>(), e => e.Error.Contains("kaboom", StringComparison.Ordinal) && e.WillRetry);
    }

    [Fact]
    public async Task Graph_default_max_retries_applies_when_the_node_sets_none()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("a", Outcome.Fail("x"));
        await kit.RunAsync("digraph G { default_max_retries=3; start [shape=Mdiamond]; exit [shape=Msquare]; a; start -> a -> exit }");
        Assert.Equal(4, kit.Script.CallsTo("a"));
    }

    [Fact]
    public async Task Backoff_delays_go_through_the_time_provider()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("flaky", Outcome.Fail("x"));
        var runner = kit.Runner(backoff: new BackoffConfig(TimeSpan.FromMilliseconds(200), 2.0, TimeSpan.FromSeconds(60), Jitter: false));
        await runner.RunAsync(EngineTestKit.Parse(Pipeline));
        Assert.Equal([TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)], kit.Time.RequestedDelays);
        Assert.Equal([200.0, 400.0], kit.Events.OfType<StageRetrying>().Select(e => e.Delay.TotalMilliseconds));
    }

    [Fact]
    public async Task Retry_policy_preset_selects_attempts_and_jittered_backoff()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("a", Outcome.Fail("x"));
        await kit.RunAsync("digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; a [retry_policy=linear]; start -> a -> exit }");
        Assert.Equal(3, kit.Script.CallsTo("a"));
        Assert.Equal(2, kit.Time.RequestedDelays.Count);
        Assert.All(kit.Time.RequestedDelays, d => Assert.InRange(d.TotalMilliseconds, 250, 750));
    }
}
