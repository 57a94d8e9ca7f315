// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using Attractor.Dot.Validation;

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>§11.3 execution engine, §11.7 state and context, and the §11.12 execution rows.</summary>
public sealed class EngineLoopTests
{
    [Fact]
    public async Task Linear_three_node_pipeline_runs_end_to_end_with_the_built_in_handlers()
    {
        using var dir = new EngineTempDirectory();
        var graph = EngineTestKit.Parse("""
            digraph Linear {
              goal="ship it"
              start [shape=Mdiamond]; exit [shape=Msquare]
              a [prompt="Plan $goal"]; b [prompt="Build"]; c [prompt="Test"]
              start -> a -> b -> c -> exit
            }
            """);
        var result = await new PipelineRunner(new PipelineRunOptions { LogsRoot = dir.Run() }).RunAsync(graph);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["start", "a", "b", "c"], result.CompletedNodes);
        Assert.Equal("Plan ship it", File.ReadAllText(Path.Combine(result.LogsRoot, "a", "prompt.md")));
        Assert.Equal("[Simulated] Response for stage: b", File.ReadAllText(Path.Combine(result.LogsRoot, "b", "response.md")));
        foreach (var id in new[] { "start", "a", "b", "c" })
        {
            var status = JsonNode.Parse(File.ReadAllText(Path.Combine(result.LogsRoot, id, "status.json")))!;
            Assert.Equal("success", (string?)status["outcome"]);
        }

        Assert.Equal("c", result.Context.GetString("last_stage"));
        Assert.Equal("ship it", result.Context.GetString("graph.goal"));
    }

    [Fact]
    public async Task Pipeline_with_more_than_ten_nodes_completes()
    {
        using var dir = new EngineTempDirectory();
        var ids = Enumerable.Range(1, 12).Select(i => "n" + i).ToArray();
        var dot = "digraph Big { start [shape=Mdiamond]; exit [shape=Msquare]; "
            + string.Concat(ids.Select(id => id + " [prompt=\"do " + id + "\"]; "))
            + "start -> " + string.Join(" -> ", ids) + " -> exit }";
        var result = await new PipelineRunner(new PipelineRunOptions { LogsRoot = dir.Run() }).RunAsync(EngineTestKit.Parse(dot));
        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["start", .. ids], result.CompletedNodes);
        var checkpoint = await CheckpointStore.LoadAsync(result.LogsRoot);
        Assert.Equal("exit", checkpoint.CurrentNode);
    }

    [Fact]
    public async Task Engine_starts_at_the_start_node_and_stops_at_the_terminal_node_without_running_it()
    {
        using var kit = new EngineTestKit();
        var result = await kit.RunAsync("digraph G { a; begin [shape=Mdiamond]; done [shape=Msquare]; b; begin -> a -> done; begin -> b [condition=\"context.never=1\"]; b -> done }");
        Assert.True(result.Succeeded);
        Assert.Equal(["a"], kit.Script.CalledNodes);
        Assert.Equal(["begin", "a"], result.CompletedNodes);
        Assert.Equal("Pipeline completed", result.Outcome.Notes);
    }

    [Fact]
    public async Task Handlers_resolve_by_shape_and_explicit_type()
    {
        using var kit = new EngineTestKit();
        var seen = new List<string>();
        var runner = kit.Runner(h =>
        {
            h["tool"] = new DelegateHandler(s => { seen.Add("tool:" + s.Node.Id); return Outcome.Success(); });
            h["my.custom"] = new DelegateHandler(s => { seen.Add("custom:" + s.Node.Id); return Outcome.Success(); });
        });
        var result = await runner.RunAsync(EngineTestKit.Parse("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              t [shape=parallelogram, tool_command="true"]; c [type="my.custom"]; box
              start -> t -> c -> box -> exit
            }
            """));
        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["tool:t", "custom:c"], seen);
        Assert.Equal(["box"], kit.Script.CalledNodes);
    }

    [Fact]
    public async Task Handler_receives_node_context_graph_and_logs_root()
    {
        using var kit = new EngineTestKit();
        var graph = EngineTestKit.Parse("digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; a; start -> a -> exit }");
        await kit.Runner().RunAsync(graph);
        var call = Assert.Single(kit.Script.Calls);
        Assert.Equal("a", call.Node.Id);
        Assert.Same(graph, call.Graph);
        Assert.Equal(Path.GetFullPath(kit.LogsRoot), call.LogsRoot);
        Assert.Equal(Path.Combine(call.LogsRoot, "a"), call.StageDirectory);
        Assert.True(Directory.Exists(call.StageDirectory));
        Assert.Equal(1, call.Attempt);
        Assert.Equal("a", call.Context.GetString("current_node"));
    }

    [Theory]
    [InlineData(true, "passed")]
    [InlineData(false, "failed")]
    public async Task Conditional_branching_follows_the_success_or_fail_path(bool succeed, string expected)
    {
        using var kit = new EngineTestKit();
        kit.Script.On("check", succeed ? Outcome.Success() : Outcome.Fail("tests red"));
        var result = await kit.RunAsync("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              check; route [shape=diamond]; passed; failed
              start -> check -> route
              route -> passed [condition="outcome=success"]
              route -> failed [condition="outcome!=success"]
              check -> failed [condition="outcome=fail"]
              passed -> exit; failed -> exit
            }
            """);
        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Contains(expected, result.CompletedNodes);
        Assert.DoesNotContain(succeed ? "failed" : "passed", result.CompletedNodes);
    }

    [Fact]
    public async Task Context_updates_from_one_node_are_visible_to_the_next()
    {
        using var kit = new EngineTestKit();
        string? seen = null;
        kit.Script.On("a", new Outcome(StageStatus.Success) { ContextUpdates = new Dictionary<string, object?> { ["context.plan"] = "v1", ["count"] = 3 } });
        kit.Script.On("b", s => { seen = s.Context.GetString("context.plan") + "/" + s.Context.GetString("count"); return Outcome.Success(); });
        var result = await kit.RunAsync("digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; a; b; start -> a -> b -> exit }");
        Assert.Equal("v1/3", seen);
        Assert.Equal("v1", result.Context.GetString("context.plan"));
    }

    [Fact]
    public async Task Engine_mirrors_outcome_preferred_label_current_node_and_graph_attributes()
    {
        using var kit = new EngineTestKit();
        var seen = new Dictionary<string, string>();
        kit.Script.On("a", new Outcome(StageStatus.PartialSuccess) { PreferredLabel = "Go" });
        kit.Script.On("b", s =>
        {
            foreach (var key in new[] { "outcome", "preferred_label", "current_node", "graph.goal", "graph.label", "seed" })
            {
                seen[key] = s.Context.GetString(key);
            }

            return Outcome.Success();
        });
        var options = kit.Options();
        var runner = new PipelineRunner(new PipelineRunOptions
        {
            LogsRoot = options.LogsRoot,
            Handlers = options.Handlers,
            TimeProvider = options.TimeProvider,
            InitialContext = new Dictionary<string, object?> { ["seed"] = "s1" },
        });
        var result = await runner.RunAsync(EngineTestKit.Parse("digraph G { goal=g1; label=L; start [shape=Mdiamond]; exit [shape=Msquare]; a; b; start -> a; a -> b [label=Go]; b -> exit }"));
        Assert.True(result.Succeeded);
        Assert.Equal("partial_success", seen["outcome"]);
        Assert.Equal("Go", seen["preferred_label"]);
        Assert.Equal("b", seen["current_node"]);
        Assert.Equal("g1", seen["graph.goal"]);
        Assert.Equal("L", seen["graph.label"]);
        Assert.Equal("s1", seen["seed"]);
        Assert.Equal("success", result.Context.GetString("outcome"));
    }

    [Fact]
    public async Task Skipped_outcome_proceeds_without_recording()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("a", new Outcome(StageStatus.Skipped) { ContextUpdates = new Dictionary<string, object?> { ["ignored"] = "x" } });
        var result = await kit.RunAsync("digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; a; b; start -> a -> b -> exit }");
        Assert.True(result.Succeeded);
        Assert.Equal(["start", "b"], result.CompletedNodes);
        Assert.Equal(["a", "b"], kit.Script.CalledNodes);
        Assert.Equal(string.Empty, result.Context.GetString("ignored"));
    }

    [Fact]
    public async Task Dead_end_after_success_completes_and_after_failure_fails()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("b", Outcome.Fail("boom"));
        var ok = await kit.RunAsync("digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; a; start -> a; start -> exit [condition=\"outcome=fail\"] }");
        Assert.True(ok.Succeeded);
        Assert.Equal(["start", "a"], ok.CompletedNodes);
        using var kit2 = new EngineTestKit();
        kit2.Script.On("b", Outcome.Fail("boom"));
        var failed = await kit2.RunAsync("digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; b; start -> b -> exit }");
        Assert.False(failed.Succeeded);
        Assert.Equal(StageStatus.Fail, failed.Status);
        Assert.Equal("boom", failed.FailureReason);
    }

    [Fact]
    public async Task Graph_with_error_diagnostics_is_refused()
    {
        using var kit = new EngineTestKit();
        var graph = new Attractor.Dot.PipelineGraph("G", null, [new Attractor.Dot.PipelineNode("a")], []);
        await Assert.ThrowsAsync<PipelineValidationException>(() => kit.Runner().RunAsync(graph));
        Assert.False(Directory.Exists(kit.LogsRoot));
    }

    [Fact]
    public async Task RunFileAsync_loads_the_file_and_keeps_a_copy_for_resume()
    {
        using var kit = new EngineTestKit();
        const string Dot = "digraph F { goal=\"from file\"; start [shape=Mdiamond]; exit [shape=Msquare]; a [prompt=\"$goal\"]; start -> a -> exit }";
        var path = kit.WriteFile("f.dot", Dot);
        var result = await kit.Runner().RunFileAsync(path);
        Assert.True(result.Succeeded);
        Assert.Equal(Dot, File.ReadAllText(Path.Combine(result.LogsRoot, "pipeline.dot")));
        Assert.Equal("from file", kit.Script.Calls[0].Node.Prompt);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(result.LogsRoot, "manifest.json")))!;
        Assert.Equal("F", (string?)manifest["name"]);
        Assert.Equal("from file", (string?)manifest["goal"]);
        Assert.Equal(Path.GetFullPath(path), (string?)manifest["source_path"]);
        Assert.False(string.IsNullOrEmpty((string?)manifest["run_id"]));
        Assert.Equal(kit.Time.GetUtcNow(), DateTimeOffset.Parse((string)manifest["start_time"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_manifest_names_the_runner_only_when_the_options_give_one()
    {
        using var kit = new EngineTestKit();
        const string Dot = "digraph R { start [shape=Mdiamond]; exit [shape=Msquare]; a; start -> a -> exit }";
        var options = kit.Options();
        var named = new PipelineRunOptions { LogsRoot = Path.Combine(kit.Root, "named"), Handlers = options.Handlers, TimeProvider = kit.Time, Runner = "MyApp.RPipeline" };

        var withRunner = await new PipelineRunner(named).RunAsync(EngineTestKit.Parse(Dot));
        var plain = await kit.RunAsync(Dot);

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(withRunner.LogsRoot, "manifest.json")))!.AsObject();
        Assert.Equal("MyApp.RPipeline", (string?)manifest["runner"]);
        Assert.Equal("MyApp.RPipeline", (await RunDirectory.TryReadManifestAsync(withRunner.LogsRoot, CancellationToken.None))!.Runner);

        // Manifests of ordinary runs keep their shape: no "runner": null.
        Assert.False(JsonNode.Parse(File.ReadAllText(Path.Combine(plain.LogsRoot, "manifest.json")))!.AsObject().ContainsKey("runner"));
    }

    [Fact]
    public async Task The_manifest_names_the_backend_only_when_the_options_give_its_name()
    {
        using var kit = new EngineTestKit();
        const string Dot = "digraph R { start [shape=Mdiamond]; exit [shape=Msquare]; a; start -> a -> exit }";
        var options = kit.Options();
        var named = new PipelineRunOptions { LogsRoot = Path.Combine(kit.Root, "named"), Handlers = options.Handlers, TimeProvider = kit.Time, BackendName = "claude-code" };

        var withBackend = await new PipelineRunner(named).RunAsync(EngineTestKit.Parse(Dot));
        var plain = await kit.RunAsync(Dot);

        Assert.Equal("claude-code", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(withBackend.LogsRoot, "manifest.json")))!["backend"]);
        Assert.Equal("claude-code", (await RunDirectory.TryReadManifestAsync(withBackend.LogsRoot, CancellationToken.None))!.Backend);
        Assert.False(JsonNode.Parse(File.ReadAllText(Path.Combine(plain.LogsRoot, "manifest.json")))!.AsObject().ContainsKey("backend"));
    }

    [Fact]
    public async Task RunFileAsync_refuses_invalid_files()
    {
        using var kit = new EngineTestKit();
        var path = kit.WriteFile("bad.dot", "digraph G { a -> b }");
        await Assert.ThrowsAsync<PipelineValidationException>(() => kit.Runner().RunFileAsync(path));
    }

    [Fact]
    public void Default_logs_root_is_under_dot_attractor_runs_and_unique()
    {
        using var dir = new EngineTempDirectory();
        var now = new DateTimeOffset(2026, 11, 23, 20, 15, 30, TimeSpan.Zero);
        var first = RunDirectory.CreateDefaultPath("My Graph", now, dir.FullPath);
        Assert.Equal(Path.Combine(dir.FullPath, ".attractor", "runs", "My Graph-20261123-201530"), first);
        Directory.CreateDirectory(first);
        Assert.Equal(first + "-2", RunDirectory.CreateDefaultPath("My Graph", now, dir.FullPath));
    }
}
