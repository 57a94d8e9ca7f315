// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Tests.Engine;

/// <summary><c>loop_restart</c>: a fresh run in a fresh directory, starting at the edge's target.</summary>
public sealed class LoopRestartTests
{
    private const string Pipeline = """
        digraph G {
          start [shape=Mdiamond]; exit [shape=Msquare]
          a; check
          start -> a -> check
          check -> exit [condition="outcome=success"]
          check -> a [condition="outcome=fail", loop_restart=true]
        }
        """;

    [Fact]
    public async Task Loop_restart_starts_a_fresh_run_directory_and_context()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("a", new Outcome(StageStatus.Success) { ContextUpdates = new Dictionary<string, object?> { ["visits"] = "x" } });
        kit.Script.On("a", s => new Outcome(StageStatus.Success) { ContextUpdates = new Dictionary<string, object?> { ["visits"] = s.Context.GetString("visits") + "y" } });
        kit.Script.On("check", Outcome.Fail("again"), Outcome.Success());
        var result = await kit.RunAsync(Pipeline);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(Path.GetFullPath(kit.LogsRoot) + "-restart-1", result.LogsRoot);
        Assert.Equal(["a", "check"], result.CompletedNodes);
        Assert.Equal("y", result.Context.GetString("visits"));
        Assert.Equal("1", result.Context.GetString("internal.restart_count"));

        var first = await CheckpointStore.LoadAsync(kit.LogsRoot);
        Assert.Equal(["start", "a", "check"], first.CompletedNodes);
        var second = await CheckpointStore.LoadAsync(result.LogsRoot);
        Assert.Equal(["a", "check"], second.CompletedNodes);
        Assert.True(File.Exists(Path.Combine(result.LogsRoot, "manifest.json")));
        Assert.True(File.Exists(Path.Combine(result.LogsRoot, "events.jsonl")));
        Assert.True(File.Exists(Path.Combine(result.LogsRoot, "a", "status.json")));
    }

    [Fact]
    public async Task Restart_directories_count_up_from_the_first_run()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("check", Outcome.Fail("1"), Outcome.Fail("2"), Outcome.Success());
        var result = await kit.RunAsync(Pipeline);
        Assert.Equal(Path.GetFullPath(kit.LogsRoot) + "-restart-2", result.LogsRoot);
        Assert.Equal(("/x/run", 3), RunDirectory.SplitRestart("/x/run-restart-3"));
        Assert.Equal(("/x/run", 0), RunDirectory.SplitRestart("/x/run"));
        Assert.Equal("/x/run-restart-4", RunDirectory.RestartPath("/x/run-restart-3", 4));
    }

    [Fact]
    public async Task A_restarted_file_run_can_be_resumed_from_its_own_directory()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("check", Outcome.Fail("1"), Outcome.Success());
        var path = kit.WriteFile("p.dot", Pipeline);
        var result = await kit.Runner().RunFileAsync(path);
        Assert.True(File.Exists(Path.Combine(result.LogsRoot, "pipeline.dot")));
        var resumed = await kit.Runner().ResumeAsync(result.LogsRoot);
        Assert.True(resumed.Succeeded);
        Assert.Equal(result.LogsRoot, resumed.LogsRoot);
    }

    [Fact]
    public async Task A_restart_directory_interrupted_before_its_first_node_resumes_at_the_restart_target()
    {
        using var kit = new EngineTestKit();
        using var cts = new CancellationTokenSource();
        var checks = 0;
        var runner = kit.Runner(h => h["codergen"] = new DelegateHandler((stage, ct) =>
        {
            if (stage.Node.Id == "check" && ++checks == 1)
            {
                return Task.FromResult(Outcome.Fail("again"));
            }

            if (stage.Node.Id == "a" && checks == 1)
            {
                // First node of the restarted run: crash before it completes.
                cts.Cancel();
                ct.ThrowIfCancellationRequested();
            }

            return Task.FromResult(Outcome.Success());
        }));
        var graph = EngineTestKit.Parse(Pipeline);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(graph, cts.Token));
        var restartRoot = Path.GetFullPath(kit.LogsRoot) + "-restart-1";
        Assert.Equal(string.Empty, (await CheckpointStore.LoadAsync(restartRoot)).CurrentNode);

        var script = new ScriptedHandler();
        var resumed = await kit.Runner(h => h["codergen"] = script).ResumeAsync(graph, restartRoot);
        Assert.True(resumed.Succeeded, resumed.FailureReason);
        Assert.Equal(["a", "check"], script.CalledNodes);
        Assert.Equal(["a", "check"], resumed.CompletedNodes);
    }
}
