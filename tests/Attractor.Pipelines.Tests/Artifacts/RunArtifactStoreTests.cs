// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Events;
using Attractor.Pipelines.Tests.Engine;

namespace Attractor.Pipelines.Tests.Artifacts;

/// <summary>§5.5 through the engine: one artifact store per run directory, reachable from custom handlers.</summary>
public sealed class RunArtifactStoreTests
{
    [Fact]
    public async Task Custom_handlers_share_the_runs_store_and_large_artifacts_land_under_the_run_directory()
    {
        using var kit = new EngineTestKit();
        var report = new string('r', 150_000);
        string? readBack = null;
        int? branchSawStores = null;
        var runner = kit.Runner(h =>
        {
            h["artifact.write"] = new DelegateHandler(async (stage, ct) =>
            {
                await stage.Services.Artifacts.StoreAsync("report", "Full report", report, ct);
                await stage.Services.Artifacts.StoreAsync("summary", "Summary", "short", ct);
                return Outcome.Success();
            });
            h["artifact.read"] = new DelegateHandler(async (stage, ct) =>
            {
                readBack = await stage.Services.Artifacts.RetrieveAsync<string>("report", ct);
                branchSawStores = stage.Services.Artifacts.List().Count;
                return Outcome.Success();
            });
        });
        var result = await runner.RunAsync(EngineTestKit.Parse("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              write [type="artifact.write"]; read [type="artifact.read"]
              start -> write -> read -> exit
            }
            """));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(report, readBack);
        Assert.Equal(2, branchSawStores);
        var file = Path.Combine(result.LogsRoot, "artifacts", "report.json");
        Assert.True(File.Exists(file));
        Assert.False(File.Exists(Path.Combine(result.LogsRoot, "artifacts", "summary.json")));
        var completed = Assert.Single(kit.Events.OfType<PipelineCompleted>());
        Assert.Equal(2, completed.ArtifactCount);
    }

    [Fact]
    public async Task Parallel_branches_store_into_the_same_run_store()
    {
        using var kit = new EngineTestKit();
        var runner = kit.Runner(h =>
        {
            h["artifact.write"] = new DelegateHandler(async (stage, ct) =>
            {
                await stage.Services.Artifacts.StoreAsync(stage.Node.Id, stage.Node.Id, new string('x', 200_000), ct);
                return Outcome.Success();
            });
            h["artifact.count"] = new DelegateHandler(stage => Outcome.Success(string.Join(",", stage.Services.Artifacts.List().Select(a => a.Id))));
        });
        var result = await runner.RunAsync(EngineTestKit.Parse("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              fan [shape=component]; left [type="artifact.write"]; right [type="artifact.write"]
              join [shape=tripleoctagon]; count [type="artifact.count"]
              start -> fan; fan -> left -> join; fan -> right -> join; join -> count -> exit
            }
            """));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Contains("count: success — left,right", result.Context.Logs);
        Assert.True(File.Exists(Path.Combine(result.LogsRoot, "artifacts", "left.json")));
        Assert.True(File.Exists(Path.Combine(result.LogsRoot, "artifacts", "right.json")));
    }

    [Fact]
    public async Task A_resumed_run_finds_the_file_backed_artifacts_of_the_interrupted_one()
    {
        using var kit = new EngineTestKit();
        var graph = EngineTestKit.Parse("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              write [type="artifact.write"]; read [type="artifact.read"]
              start -> write -> read -> exit
            }
            """);
        var report = new string('r', 150_000);
        var logsRoot = kit.LogsRoot;
        using var interrupt = new CancellationTokenSource();
        var first = kit.Runner(
            h =>
            {
                h["artifact.write"] = new DelegateHandler(async (stage, ct) =>
                {
                    await stage.Services.Artifacts.StoreAsync("report", "Full report", report, ct);
                    return Outcome.Success();
                });
                h["artifact.read"] = new DelegateHandler((_, ct) =>
                {
                    // The process "crashes" before this node completes.
                    interrupt.Cancel();
                    ct.ThrowIfCancellationRequested();
                    return Task.FromResult(Outcome.Success());
                });
            },
            logsRoot);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.RunAsync(graph, interrupt.Token));

        string? readBack = null;
        var resumed = kit.Runner(
            h => h["artifact.read"] = new DelegateHandler(async (stage, ct) =>
            {
                readBack = await stage.Services.Artifacts.RetrieveAsync<string>("report", ct);
                return Outcome.Success();
            }),
            logsRoot);
        var result = await resumed.ResumeAsync(graph, logsRoot);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(report, readBack);
    }

    [Fact]
    public async Task A_loop_restart_gets_a_new_store_under_its_own_directory()
    {
        using var kit = new EngineTestKit();
        var seen = new List<string>();
        var checks = 0;
        var runner = kit.Runner(h =>
        {
            h["artifact.write"] = new DelegateHandler(async (stage, ct) =>
            {
                lock (seen)
                {
                    seen.Add(string.Join(",", stage.Services.Artifacts.List().Select(a => a.Id)) + "@" + stage.Services.Artifacts.BaseDirectory);
                }

                await stage.Services.Artifacts.StoreAsync("pass", "Pass", new string('p', 200_000), ct);
                return Outcome.Success();
            });
            h["check"] = new DelegateHandler(_ => ++checks == 1 ? Outcome.Fail("again") : Outcome.Success());
        });
        var result = await runner.RunAsync(EngineTestKit.Parse("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              a [type="artifact.write"]; check [type="check"]
              start -> a -> check
              check -> exit [condition="outcome=success"]
              check -> a [condition="outcome=fail", loop_restart=true]
            }
            """));

        Assert.True(result.Succeeded, result.FailureReason);
        var firstRoot = Path.GetFullPath(kit.LogsRoot);
        Assert.Equal(["@" + firstRoot, "@" + firstRoot + "-restart-1"], seen);
        Assert.True(File.Exists(Path.Combine(firstRoot, "artifacts", "pass.json")));
        Assert.True(File.Exists(Path.Combine(result.LogsRoot, "artifacts", "pass.json")));
    }
}
