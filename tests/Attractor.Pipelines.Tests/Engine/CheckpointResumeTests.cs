// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Attractor.Pipelines.Events;
using Attractor.Pipelines.Handlers;

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>§11.7 checkpoints and resume, §5.3 fidelity degradation, and the §11.12 checkpoint row.</summary>
public sealed class CheckpointResumeTests
{
    private const string Pipeline = """
        digraph Resume {
          goal="resume me"
          start [shape=Mdiamond]; exit [shape=Msquare]
          a; b; c; d
          start -> a -> b -> c -> d -> exit
        }
        """;

    private static ScriptedHandler Script(ScriptedHandler script)
    {
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            script.On(id, s => new Outcome(StageStatus.Success)
            {
                ContextUpdates = new Dictionary<string, object?>
                {
                    ["context.seen"] = s.Context.GetString("context.seen") + s.Node.Id,
                    ["count." + s.Node.Id] = 1,
                },
            });
        }

        return script;
    }

    [Fact]
    public async Task Checkpoint_is_saved_after_every_node()
    {
        using var kit = new EngineTestKit();
        Script(kit.Script);
        var result = await kit.RunAsync(Pipeline);
        Assert.Equal(["start", "a", "b", "c", "d", "exit"], kit.Events.OfType<CheckpointSaved>().Select(e => e.NodeId));
        var checkpoint = await CheckpointStore.LoadAsync(result.LogsRoot);
        Assert.Equal("exit", checkpoint.CurrentNode);
        Assert.Equal(["start", "a", "b", "c", "d"], checkpoint.CompletedNodes);
        Assert.Equal("abcd", checkpoint.Context["context.seen"]);
        Assert.Equal(1, checkpoint.Context["count.a"]);
        Assert.Equal("success", checkpoint.Context["outcome"]);
        Assert.Equal(kit.Time.GetUtcNow(), checkpoint.Timestamp);
        Assert.Equal(result.Context.Logs, checkpoint.Logs);
    }

    [Fact]
    public async Task Checkpoint_file_has_exactly_the_spec_fields_and_no_temp_files_are_left()
    {
        using var kit = new EngineTestKit();
        var result = await kit.RunAsync(Pipeline);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(result.LogsRoot, "checkpoint.json")));
        Assert.Equal(["timestamp", "current_node", "completed_nodes", "node_retries", "context", "logs"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Empty(Directory.GetFiles(result.LogsRoot, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Checkpoint_store_round_trips_values_and_overwrites_atomically()
    {
        using var dir = new EngineTempDirectory();
        var checkpoint = new Checkpoint
        {
            Timestamp = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            CurrentNode = "x",
            CompletedNodes = ["start", "x"],
            NodeRetries = new Dictionary<string, int> { ["x"] = 2 },
            Context = new Dictionary<string, object?> { ["s"] = "text", ["i"] = 42, ["b"] = true, ["d"] = 1.5, ["n"] = null, ["list"] = new List<object?> { "p", 1 } },
            Logs = ["one"],
        };
        await CheckpointStore.SaveAsync(dir.FullPath, checkpoint);
        await CheckpointStore.SaveAsync(dir.FullPath, checkpoint with { CurrentNode = "y" });
        var loaded = await CheckpointStore.LoadAsync(dir.FullPath);
        Assert.Equal("y", loaded.CurrentNode);
        Assert.Equal(checkpoint.CompletedNodes, loaded.CompletedNodes);
        Assert.Equal(2, loaded.NodeRetries["x"]);
        Assert.Equal("text", loaded.Context["s"]);
        Assert.Equal(42, loaded.Context["i"]);
        Assert.Equal(true, loaded.Context["b"]);
        Assert.Equal(1.5, loaded.Context["d"]);
        Assert.Null(loaded.Context["n"]);
        Assert.Equal("[\"p\",1]", PipelineContext.ToText(loaded.Context["list"]));
        Assert.Equal(["one"], loaded.Logs);
        Assert.Equal([Checkpoint.FileName], Directory.GetFiles(dir.FullPath).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Torn_checkpoint_is_reported_clearly()
    {
        using var dir = new EngineTempDirectory();
        dir.Write(Checkpoint.FileName, "{\"current_node\": \"a\", \"completed_");
        await Assert.ThrowsAsync<InvalidDataException>(() => CheckpointStore.LoadAsync(dir.FullPath));
    }

    [Fact]
    public async Task Checkpoint_save_and_resume_produces_the_same_result()
    {
        using var kit = new EngineTestKit();
        Script(kit.Script);
        var path = kit.WriteFile("resume.dot", Pipeline);

        // Reference: an uninterrupted run.
        var reference = await kit.Runner(logsRoot: Path.Combine(kit.Root, "reference")).RunFileAsync(path);
        Assert.True(reference.Succeeded);

        // The same pipeline interrupted while c runs, then resumed by a new runner.
        using var cts = new CancellationTokenSource();
        var script = new ScriptedHandler();
        Script(script);
        var interrupted = 0;
        var crashRoot = Path.Combine(kit.Root, "crash");
        var crashing = kit.Runner(h => h["codergen"] = new DelegateHandler((stage, ct) =>
        {
            if (stage.Node.Id == "c" && interrupted++ == 0)
            {
                cts.Cancel();
                ct.ThrowIfCancellationRequested();
            }

            return script.ExecuteAsync(stage, ct);
        }), logsRoot: crashRoot);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => crashing.RunFileAsync(path, cts.Token));
        Assert.Equal("b", (await CheckpointStore.LoadAsync(crashRoot)).CurrentNode);

        var resumedScript = Script(new ScriptedHandler());
        var resumed = await kit.Runner(h => h["codergen"] = resumedScript, logsRoot: Path.Combine(kit.Root, "ignored")).ResumeAsync(crashRoot);

        Assert.True(resumed.Succeeded, resumed.FailureReason);
        Assert.Equal(crashRoot, resumed.LogsRoot);
        Assert.Equal(reference.CompletedNodes, resumed.CompletedNodes);
        Assert.Equal(Comparable(reference.Context), Comparable(resumed.Context));
        Assert.Equal(["a", "b"], script.CalledNodes);
        Assert.Equal(["c", "d"], resumedScript.CalledNodes);

        // The resumed run continues the same event log.
        var types = File.ReadAllLines(Path.Combine(crashRoot, "events.jsonl")).Select(l => (string?)System.Text.Json.Nodes.JsonNode.Parse(l)!["type"]).ToList();
        Assert.Equal(2, types.Count(t => t == "pipeline_started"));
        Assert.Equal(["pipeline_failed", "pipeline_started"], types.Where(t => t is "pipeline_started" or "pipeline_failed").Skip(1).Take(2));
        Assert.Equal("pipeline_completed", types[^1]);
    }

    [Fact]
    public async Task Resume_restores_goal_gate_outcomes_and_retry_counters()
    {
        using var kit = new EngineTestKit();
        const string Dot = """
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              gate [goal_gate=true, retry_target=fix, max_retries=1]; later; fix
              start -> gate -> later -> exit
              gate -> later [condition="outcome=fail"]
              fix -> gate
              start -> fix [condition="context.never=1"]
            }
            """;
        using var cts = new CancellationTokenSource();
        kit.Script.On("gate", Outcome.Fail("not yet"));
        kit.Script.On("later", s => { cts.Cancel(); s.Context.Set("unused", 1); return Outcome.Success(); });
        var graph = EngineTestKit.Parse(Dot);
        var runner = kit.Runner(h => h["codergen"] = new DelegateHandler((stage, ct) =>
        {
            var outcome = kit.Script.ExecuteAsync(stage, ct);
            ct.ThrowIfCancellationRequested();
            return outcome;
        }));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(graph, cts.Token));
        var checkpoint = await CheckpointStore.LoadAsync(kit.LogsRoot);
        Assert.Equal("gate", checkpoint.CurrentNode);
        Assert.Equal(1, checkpoint.NodeRetries["gate"]);

        var resumedScript = new ScriptedHandler();
        var resumed = await kit.Runner(h => h["codergen"] = resumedScript).ResumeAsync(graph, kit.LogsRoot);
        Assert.True(resumed.Succeeded, resumed.FailureReason);
        Assert.Equal(["later", "fix", "gate", "later"], resumedScript.CalledNodes);
        Assert.Equal(["start", "gate", "later", "fix", "gate", "later"], resumed.CompletedNodes);
    }

    [Fact]
    public async Task Resume_degrades_full_fidelity_for_the_first_resumed_node_only()
    {
        using var kit = new EngineTestKit();
        var graph = EngineTestKit.Parse(Pipeline.Replace("goal=\"resume me\"", "default_fidelity=full", StringComparison.Ordinal));
        using var cts = new CancellationTokenSource();
        var crashing = kit.Runner(h => h["codergen"] = new DelegateHandler((stage, ct) =>
        {
            if (stage.Node.Id == "c")
            {
                cts.Cancel();
                ct.ThrowIfCancellationRequested();
            }

            return Task.FromResult(Outcome.Success());
        }));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => crashing.RunAsync(graph, cts.Token));

        var script = new ScriptedHandler();
        await kit.Runner(h => h["codergen"] = script).ResumeAsync(graph, kit.LogsRoot);
        Assert.Equal(["c", "d"], script.CalledNodes);
        Assert.Equal(new FidelityResolution("summary:high", null), script.Calls[0].Fidelity);
        Assert.Equal(new FidelityResolution("full", "c"), script.Calls[1].Fidelity);
    }

    [Fact]
    public async Task Resuming_a_finished_run_runs_nothing_again()
    {
        using var kit = new EngineTestKit();
        var path = kit.WriteFile("p.dot", Pipeline);
        var first = await kit.Runner().RunFileAsync(path);
        var script = new ScriptedHandler();
        var again = await kit.Runner(h => h["codergen"] = script).ResumeAsync(first.LogsRoot);
        Assert.True(again.Succeeded);
        Assert.Empty(script.Calls);
        Assert.Equal(first.CompletedNodes, again.CompletedNodes);
    }

    [Fact]
    public async Task Resume_needs_the_pipeline_source_or_the_graph()
    {
        using var kit = new EngineTestKit();
        await kit.RunAsync(Pipeline);
        await Assert.ThrowsAsync<FileNotFoundException>(() => kit.Runner().ResumeAsync(kit.LogsRoot));
        await Assert.ThrowsAsync<FileNotFoundException>(() => kit.Runner().ResumeAsync(Path.Combine(kit.Root, "nowhere")));
    }

    private static SortedDictionary<string, string> Comparable(PipelineContext context)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in context.Snapshot())
        {
            if (pair.Key != "internal.run_id")
            {
                values[pair.Key] = PipelineContext.ToText(pair.Value);
            }
        }

        return values;
    }
}
