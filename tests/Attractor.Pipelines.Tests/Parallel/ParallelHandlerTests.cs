// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using Attractor.Pipelines.Events;
using Attractor.Pipelines.Handlers;

namespace Attractor.Pipelines.Tests.ParallelExecution;

/// <summary>§4.8 parallel handler with a fake branch runner: fan-out, join and error policies, bounds, isolation, events.</summary>
public sealed class ParallelHandlerTests
{
    [Fact]
    public async Task Wait_all_runs_every_branch_up_to_the_fan_in_and_suggests_it()
    {
        using var stage = new ParallelStage();
        var graph = ParallelStage.FanOut(string.Empty, "a", "b", "c");
        var outcome = await stage.RunAsync(graph);

        Assert.Equal(StageStatus.Success, outcome.Status);
        Assert.Equal(["join"], outcome.SuggestedNextIds);
        Assert.Equal("join", outcome.ContextUpdates[ParallelHandler.FanInTargetKey]);
        Assert.Equal(3, outcome.ContextUpdates[ParallelHandler.SuccessCountKey]);
        Assert.Equal(0, outcome.ContextUpdates[ParallelHandler.FailureCountKey]);
        Assert.Equal(["a", "b", "c"], stage.Branches.Started.Order(StringComparer.Ordinal));
        Assert.All(stage.Branches.Calls, c => Assert.Equal("join", c.StopBefore));
        Assert.All(stage.Branches.Calls, c => Assert.StartsWith(Path.Combine(stage.LogsRoot, "fan"), c.LogsRoot, StringComparison.Ordinal));
        Assert.Equal(3, stage.Branches.Calls.Select(c => c.LogsRoot).Distinct().Count());
        Assert.True(File.Exists(Path.Combine(stage.LogsRoot, "fan", ParallelHandler.ResultsFileName)));
    }

    [Fact]
    public async Task Results_are_a_json_array_with_id_status_notes_reason_completed_nodes_and_score()
    {
        using var stage = new ParallelStage();
        var graph = ParallelStage.FanOut(string.Empty, "a", "b");
        stage.Branches.On("a", new Outcome(StageStatus.Success) { Notes = "fine", ContextUpdates = new Dictionary<string, object?> { ["score"] = 0.75 } });
        stage.Branches.On("b", Outcome.Fail("broke"));
        var outcome = await stage.RunAsync(graph);

        var results = Assert.IsType<JsonArray>(outcome.ContextUpdates[ParallelHandler.ResultsKey]);
        var a = results.Single(r => (string?)r!["id"] == "a")!;
        var b = results.Single(r => (string?)r!["id"] == "b")!;
        Assert.Equal("success", (string?)a["status"]);
        Assert.Equal("fine", (string?)a["notes"]);
        Assert.Equal(0.75, (double?)a["score"]);
        Assert.Equal(["a"], a["completed_nodes"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("fail", (string?)b["status"]);
        Assert.Equal("broke", (string?)b["failure_reason"]);
        Assert.Null(b["score"]);
    }

    [Fact]
    public async Task Wait_all_with_a_failure_is_partial_success_and_all_failed_is_fail()
    {
        using var stage = new ParallelStage();
        var graph = ParallelStage.FanOut(string.Empty, "a", "b");
        stage.Branches.On("b", Outcome.Fail("no"));
        var partial = await stage.RunAsync(graph);
        Assert.Equal(StageStatus.PartialSuccess, partial.Status);
        Assert.Equal(1, partial.ContextUpdates[ParallelHandler.FailureCountKey]);

        stage.Branches.On("a", Outcome.Fail("no"));
        var failed = await stage.RunAsync(graph);
        Assert.Equal(StageStatus.Fail, failed.Status);
        Assert.Contains("every branch failed", failed.FailureReason, StringComparison.Ordinal);
        Assert.Equal(["join"], failed.SuggestedNextIds);
    }

    [Fact]
    public async Task First_success_succeeds_at_the_first_success_and_cancels_the_others()
    {
        using var stage = new ParallelStage();
        var graph = ParallelStage.FanOut("join_policy=first_success", "a", "b", "c");
        stage.Branches.On("a", FakeBranchRunner.Hang).On("c", FakeBranchRunner.Hang);
        var outcome = await stage.RunAsync(graph);

        Assert.Equal(StageStatus.Success, outcome.Status);
        Assert.Equal(1, outcome.ContextUpdates[ParallelHandler.SuccessCountKey]);
        Assert.Equal(2, outcome.ContextUpdates[ParallelHandler.CancelledCountKey]);
        Assert.Equal("cancelled", Status(outcome, "a"));
        Assert.Equal("cancelled", Status(outcome, "c"));
        Assert.Equal("success", Status(outcome, "b"));
    }

    [Fact]
    public async Task First_success_fails_when_no_branch_succeeds()
    {
        using var stage = new ParallelStage();
        var graph = ParallelStage.FanOut("join_policy=first_success", "a", "b");
        stage.Branches.On("a", Outcome.Fail("x")).On("b", Outcome.Fail("y"));
        var outcome = await stage.RunAsync(graph);
        Assert.Equal(StageStatus.Fail, outcome.Status);
        Assert.Contains("first_success", outcome.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task K_of_n_succeeds_at_k_successes_and_cancels_the_rest()
    {
        using var stage = new ParallelStage();
        var graph = ParallelStage.FanOut("join_policy=k_of_n, join_k=2", "a", "b", "c");
        stage.Branches.On("c", FakeBranchRunner.Hang);
        var outcome = await stage.RunAsync(graph);
        Assert.Equal(StageStatus.Success, outcome.Status);
        Assert.Equal(2, outcome.ContextUpdates[ParallelHandler.SuccessCountKey]);
        Assert.Equal("cancelled", Status(outcome, "c"));
    }

    [Fact]
    public async Task K_of_n_fails_as_soon_as_k_is_out_of_reach()
    {
        using var stage = new ParallelStage();
        var graph = ParallelStage.FanOut("join_policy=k_of_n, join_k=2", "a", "b", "c");
        stage.Branches.On("a", Outcome.Fail("x")).On("b", Outcome.Fail("y")).On("c", FakeBranchRunner.Hang);
        var outcome = await stage.RunAsync(graph);
        Assert.Equal(StageStatus.Fail, outcome.Status);
        Assert.Contains("can no longer be satisfied", outcome.FailureReason, StringComparison.Ordinal);
        Assert.Equal("cancelled", Status(outcome, "c"));
    }

    [Theory]
    [InlineData("", 3, StageStatus.Success)] // default 0.5 of 4: more than half = 3
    [InlineData("", 2, StageStatus.Fail)]
    [InlineData(", join_quorum=0.25", 2, StageStatus.Success)]
    [InlineData(", join_quorum=\"75%\"", 3, StageStatus.Fail)]
    [InlineData(", join_quorum=1", 4, StageStatus.Success)]
    public async Task Quorum_needs_more_than_the_fraction_of_branches(string quorum, int successes, StageStatus expected)
    {
        using var stage = new ParallelStage();
        string[] branches = ["a", "b", "c", "d"];
        var graph = ParallelStage.FanOut("join_policy=quorum" + quorum, branches);
        foreach (var branch in branches.Skip(successes))
        {
            stage.Branches.On(branch, Outcome.Fail("no"));
        }

        var outcome = await stage.RunAsync(graph);
        Assert.Equal(expected, outcome.Status);
    }

    [Fact]
    public async Task Fail_fast_cancels_the_rest_at_the_first_failure()
    {
        using var stage = new ParallelStage();
        var graph = ParallelStage.FanOut("error_policy=fail_fast", "a", "b", "c");
        stage.Branches.On("a", FakeBranchRunner.Hang).On("b", Outcome.Fail("boom")).On("c", FakeBranchRunner.Hang);
        var outcome = await stage.RunAsync(graph);
        Assert.Equal(StageStatus.Fail, outcome.Status);
        Assert.Contains("Branch 'b' failed (error_policy=fail_fast)", outcome.FailureReason, StringComparison.Ordinal);
        Assert.Equal("cancelled", Status(outcome, "a"));
        Assert.Equal("cancelled", Status(outcome, "c"));
    }

    [Fact]
    public async Task Continue_runs_every_branch_despite_failures()
    {
        using var stage = new ParallelStage();
        var graph = ParallelStage.FanOut("error_policy=continue, max_parallel=1", "a", "b", "c");
        stage.Branches.On("a", Outcome.Fail("boom"));
        var outcome = await stage.RunAsync(graph);
        Assert.Equal(StageStatus.PartialSuccess, outcome.Status);
        Assert.Equal(["a", "b", "c"], stage.Branches.Started);
        Assert.Empty(stage.Branches.Cancelled);
    }

    [Fact]
    public async Task Ignore_drops_failures_from_the_join()
    {
        using var stage = new ParallelStage();
        var graph = ParallelStage.FanOut("error_policy=ignore", "a", "b");
        stage.Branches.On("a", Outcome.Fail("boom"));
        var one = await stage.RunAsync(graph);
        Assert.Equal(StageStatus.Success, one.Status);
        Assert.Equal(1, one.ContextUpdates[ParallelHandler.FailureCountKey]);

        stage.Branches.On("b", Outcome.Fail("boom"));
        var all = await stage.RunAsync(graph);
        Assert.Equal(StageStatus.Success, all.Status);
        Assert.Equal(2, all.ContextUpdates[ParallelHandler.FailureCountKey]);

        var kOfN = ParallelStage.FanOut("error_policy=ignore, join_policy=k_of_n, join_k=2", "a", "b", "c");
        var met = await stage.RunAsync(kOfN);
        Assert.Equal(StageStatus.Success, met.Status);
    }

    [Theory]
    [InlineData("max_parallel=2", 6, 2)]
    [InlineData("max_parallel=1", 3, 1)]
    [InlineData("", 6, 4)]
    [InlineData("max_parallel=0", 6, 4)]
    public async Task Max_parallel_bounds_the_branches_running_at_once(string attributes, int branchCount, int expected)
    {
        using var stage = new ParallelStage();
        var names = Enumerable.Range(0, branchCount).Select(i => "b" + i).ToArray();
        var graph = ParallelStage.FanOut(attributes, names);
        foreach (var name in names)
        {
            stage.Branches.On(name, async (_, ct) =>
            {
                await Task.Delay(5, ct);
                return Outcome.Success();
            });
        }

        var outcome = await stage.RunAsync(graph);
        Assert.Equal(StageStatus.Success, outcome.Status);
        Assert.Equal(branchCount, stage.Branches.Started.Count);
        Assert.Equal(expected, stage.Branches.MaxConcurrent);
    }

    [Fact]
    public async Task Branches_run_concurrently_not_one_after_another()
    {
        using var stage = new ParallelStage();
        var graph = ParallelStage.FanOut(string.Empty, "a", "b");
        var bothRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = 0;
        async Task<Outcome> Meet(PipelineContext context, CancellationToken ct)
        {
            if (Interlocked.Increment(ref arrived) == 2)
            {
                bothRunning.SetResult();
            }

            await bothRunning.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            return Outcome.Success();
        }

        stage.Branches.On("a", Meet).On("b", Meet);
        var outcome = await stage.RunAsync(graph);
        Assert.Equal(StageStatus.Success, outcome.Status);
    }

    [Fact]
    public async Task Each_branch_gets_an_isolated_clone_and_nothing_is_merged_back()
    {
        using var stage = new ParallelStage();
        stage.Context.Set("shared", "parent");
        var graph = ParallelStage.FanOut(string.Empty, "a", "b");
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        stage.Branches.On("a", (ctx, _) =>
        {
            seen["a"] = ctx.GetString("shared");
            ctx.Set("shared", "changed by a");
            ctx.Set("only.a", "x");
            return Task.FromResult(Outcome.Success());
        });
        stage.Branches.On("b", (ctx, _) =>
        {
            seen["b"] = ctx.GetString("shared");
            return Task.FromResult(Outcome.Success());
        });

        var outcome = await stage.RunAsync(graph);

        Assert.Equal("parent", seen["b"]);
        Assert.Equal("parent", seen["a"]);
        Assert.Equal("parent", stage.Context.GetString("shared"));
        Assert.False(stage.Context.TryGetValue("only.a", out _));
        Assert.NotSame(stage.Branches.Contexts["a"], stage.Branches.Contexts["b"]);
        Assert.NotSame(stage.Context, stage.Branches.Contexts["a"]);
        Assert.DoesNotContain(outcome.ContextUpdates.Keys, k => k is "shared" or "only.a");
    }

    [Fact]
    public async Task Emits_parallel_started_branch_events_and_completed()
    {
        using var stage = new ParallelStage();
        var graph = ParallelStage.FanOut(string.Empty, "a", "b", "c");
        stage.Branches.On("c", Outcome.Fail("no"));
        await stage.RunAsync(graph);
        var events = stage.Events.Events;

        Assert.IsType<ParallelStarted>(events[0]);
        Assert.Equal(3, ((ParallelStarted)events[0]).BranchCount);
        Assert.Equal(["a", "b", "c"], events.OfType<ParallelBranchStarted>().Select(e => e.Branch).Order(StringComparer.Ordinal));
        var completed = events.OfType<ParallelBranchCompleted>().ToList();
        Assert.Equal(3, completed.Count);
        Assert.False(completed.Single(e => e.Branch == "c").Success);
        Assert.Equal(2, completed.Single(e => e.Branch == "c").Index);
        var done = Assert.IsType<ParallelCompleted>(events[^1]);
        Assert.Equal(2, done.SuccessCount);
        Assert.Equal(1, done.FailureCount);
    }

    [Fact]
    public async Task A_crashing_branch_runner_counts_as_a_failed_branch()
    {
        using var stage = new ParallelStage();
        var graph = ParallelStage.FanOut(string.Empty, "a", "b");
        stage.Branches.On("a", (_, _) => throw new InvalidOperationException("kaput"));
        var outcome = await stage.RunAsync(graph);
        Assert.Equal(StageStatus.PartialSuccess, outcome.Status);
        var results = (JsonArray)outcome.ContextUpdates[ParallelHandler.ResultsKey]!;
        Assert.Contains("kaput", (string?)results.Single(r => (string?)r!["id"] == "a")!["failure_reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_run_cancels_the_branches_and_throws()
    {
        using var stage = new ParallelStage();
        var graph = ParallelStage.FanOut(string.Empty, "a", "b");
        stage.Branches.On("a", FakeBranchRunner.Hang).On("b", FakeBranchRunner.Hang);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stage.RunAsync(graph, cancellationToken: cts.Token));
        Assert.Equal(stage.Branches.Started.Count, stage.Branches.Cancelled.Count);
    }

    [Theory]
    [InlineData("join_policy=sometimes", "Unknown join_policy")]
    [InlineData("error_policy=panic", "Unknown error_policy")]
    [InlineData("join_policy=k_of_n, join_k=0", "join_k must be at least 1")]
    [InlineData("join_policy=quorum, join_quorum=2", "join_quorum")]
    public async Task Invalid_policies_fail_with_a_clear_reason(string attributes, string expected)
    {
        using var stage = new ParallelStage();
        var outcome = await stage.RunAsync(ParallelStage.FanOut(attributes, "a", "b"));
        Assert.Equal(StageStatus.Fail, outcome.Status);
        Assert.Contains(expected, outcome.FailureReason, StringComparison.Ordinal);
        Assert.Empty(stage.Branches.Started);
    }

    [Fact]
    public async Task Without_a_fan_in_branches_run_to_their_end_and_nothing_is_suggested()
    {
        using var stage = new ParallelStage();
        var graph = ParallelStage.Parse("""
            digraph P {
              start [shape=Mdiamond]; exit [shape=Msquare]
              start -> fan; fan [shape=component]
              fan -> a; fan -> b; a -> exit
              b
            }
            """);
        var outcome = await stage.RunAsync(graph);
        Assert.Empty(outcome.SuggestedNextIds);
        Assert.Equal(string.Empty, outcome.ContextUpdates[ParallelHandler.FanInTargetKey]);
        Assert.All(stage.Branches.Calls, c => Assert.Null(c.StopBefore));
    }

    private static string? Status(Outcome outcome, string branch)
    {
        var results = (JsonArray)outcome.ContextUpdates[ParallelHandler.ResultsKey]!;
        return (string?)results.Single(r => (string?)r!["id"] == branch)!["status"];
    }
}
