// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Handlers;

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>The engine's <see cref="IBranchRunner"/>, as the parallel handler uses it.</summary>
public sealed class BranchRunnerTests
{
    private const string Pipeline = """
        digraph G {
          start [shape=Mdiamond]; exit [shape=Msquare]
          fan [type="test.fan"]; b1; b2; join
          start -> fan
          fan -> join [weight=10]
          fan -> b1 -> b2 -> join -> exit
        }
        """;

    [Fact]
    public async Task Branch_runs_until_the_stop_node_with_an_isolated_context_and_no_checkpoint()
    {
        using var kit = new EngineTestKit();
        BranchResult? branch = null;
        kit.Script.On("b1", new Outcome(StageStatus.Success) { ContextUpdates = new Dictionary<string, object?> { ["branch.value"] = "b1" } });
        var runner = kit.Runner(h => h["test.fan"] = new DelegateHandler(async (stage, ct) =>
        {
            var clone = stage.Context.Clone();
            branch = await stage.Services.Branches.RunBranchAsync("b1", "join", clone, Path.Combine(stage.StageDirectory, "branch-0"), ct);
            return Outcome.Success();
        }));
        var result = await runner.RunAsync(EngineTestKit.Parse(Pipeline));

        Assert.True(result.Succeeded);
        Assert.NotNull(branch);
        Assert.Equal("b1", branch.BranchId);
        Assert.Equal(["b1", "b2"], branch.CompletedNodes);
        Assert.Equal(StageStatus.Success, branch.Outcome.Status);
        Assert.Equal("b1", branch.Context.GetString("branch.value"));
        Assert.Equal(string.Empty, result.Context.GetString("branch.value"));
        Assert.Equal(["start", "fan", "join"], result.CompletedNodes);
        Assert.Equal(["b1", "b2", "join"], kit.Script.CalledNodes);
        Assert.True(File.Exists(Path.Combine(result.LogsRoot, "fan", "branch-0", "b2", "status.json")));
        Assert.False(File.Exists(Path.Combine(result.LogsRoot, "fan", "branch-0", "checkpoint.json")));
    }

    [Fact]
    public async Task Branch_failure_without_a_route_ends_the_branch_with_the_failure()
    {
        using var kit = new EngineTestKit();
        BranchResult? branch = null;
        kit.Script.On("b1", Outcome.Fail("branch broke"));
        var runner = kit.Runner(h => h["test.fan"] = new DelegateHandler(async (stage, ct) =>
        {
            branch = await stage.Services.Branches.RunBranchAsync("b1", "join", stage.Context.Clone(), stage.LogsRoot, ct);
            return branch.Outcome.Status == StageStatus.Success ? Outcome.Success() : Outcome.Fail("a branch failed");
        }));
        var result = await runner.RunAsync(EngineTestKit.Parse(Pipeline));
        Assert.False(result.Succeeded);
        Assert.Equal("a branch failed", result.FailureReason);
        Assert.Equal(["b1"], branch!.CompletedNodes);
        Assert.Equal("branch broke", branch.Outcome.FailureReason);
    }

    [Fact]
    public async Task Branches_run_concurrently_and_stop_at_exits()
    {
        using var kit = new EngineTestKit();
        BranchResult[]? branches = null;
        var runner = kit.Runner(h => h["test.fan"] = new DelegateHandler(async (stage, ct) =>
        {
            branches = await Task.WhenAll(
                stage.Services.Branches.RunBranchAsync("b1", "join", stage.Context.Clone(), Path.Combine(stage.StageDirectory, "0"), ct),
                stage.Services.Branches.RunBranchAsync("join", null, stage.Context.Clone(), Path.Combine(stage.StageDirectory, "1"), ct));
            return Outcome.Success();
        }));
        await runner.RunAsync(EngineTestKit.Parse(Pipeline));
        Assert.Equal(["b1", "b2"], branches![0].CompletedNodes);
        Assert.Equal(["join"], branches[1].CompletedNodes);
    }
}
