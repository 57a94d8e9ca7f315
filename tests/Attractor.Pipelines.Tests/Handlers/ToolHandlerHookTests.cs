// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using Attractor.Dot;
using Attractor.Pipelines.Handlers;
using Attractor.Pipelines.Tests.Engine;

namespace Attractor.Pipelines.Tests.Handlers;

/// <summary>§9.7 tool call hooks around a tool node's command (§4.10), with real <c>/bin/sh</c> scripts.</summary>
public sealed class ToolHandlerHookTests : IDisposable
{
    private readonly HandlerTestStage _stage = new();

    public void Dispose() => _stage.Dispose();

    private string StageDirectory => Path.Combine(_stage.LogsRoot, "tool");

    private string Read(string name) => File.ReadAllText(Path.Combine(StageDirectory, name));

    private static PipelineGraph Graph(string command, string? pre, string? post, params (string Key, string Value)[] graphAttributes)
    {
        var attributes = new List<(string, string)> { ("shape", "parallelogram"), ("tool_command", command) };
        if (pre is not null)
        {
            attributes.Add(("tool_hooks.pre", pre));
        }

        if (post is not null)
        {
            attributes.Add(("tool_hooks.post", post));
        }

        return HandlerTestStage.Graph([HandlerTestStage.Node("tool", [.. attributes])], null, graphAttributes);
    }

    private Task<Outcome> RunAsync(PipelineGraph graph) => new ToolHandler().ExecuteAsync(_stage.Create(graph, "tool"), CancellationToken.None);

    [Fact]
    public async Task Pre_and_post_hooks_run_around_the_command_with_tool_metadata()
    {
        var outcome = await RunAsync(Graph(
            "echo hello > \"$ATTRACTOR_STAGE_DIR/command-ran.txt\"; echo hello",
            "cat > \"$ATTRACTOR_STAGE_DIR/pre-stdin.json\"; test ! -e \"$ATTRACTOR_STAGE_DIR/command-ran.txt\" && echo \"$TOOL_NAME:$NODE_ID\" > \"$ATTRACTOR_STAGE_DIR/pre-hook.txt\"",
            "cat > \"$ATTRACTOR_STAGE_DIR/post-stdin.json\"; test -e \"$ATTRACTOR_STAGE_DIR/command-ran.txt\" && echo \"$TOOL_NAME:$NODE_ID:$EXIT_CODE\" > \"$ATTRACTOR_STAGE_DIR/post-hook.txt\""));

        Assert.Equal(StageStatus.Success, outcome.Status);
        Assert.Equal("shell:tool", Read("pre-hook.txt").Trim());
        Assert.Equal("shell:tool:0", Read("post-hook.txt").Trim());
        var preInput = JsonNode.Parse(Read("pre-stdin.json"))!;
        Assert.Equal("shell", (string?)preInput["tool_name"]);
        Assert.StartsWith("echo hello >", (string?)preInput["arguments"]!["command"], StringComparison.Ordinal);
        var postInput = JsonNode.Parse(Read("post-stdin.json"))!;
        Assert.Equal("hello", (string?)postInput["result"]);
        Assert.Equal(0, (int?)postInput["exit_code"]);
        var log = Read(ToolHooks.LogFileName);
        Assert.Contains(" pre tool=shell node=tool exit=0 ok", log, StringComparison.Ordinal);
        Assert.Contains(" post tool=shell node=tool exit=0 ok", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_pre_hook_skips_the_command_and_fails_naming_the_hook()
    {
        var outcome = await RunAsync(Graph(
            "touch \"$ATTRACTOR_STAGE_DIR/command-ran.txt\"",
            "echo 'network tools are not allowed' >&2; exit 7",
            "touch \"$ATTRACTOR_STAGE_DIR/post-ran.txt\""));

        Assert.Equal(StageStatus.Fail, outcome.Status);
        Assert.StartsWith("tool_hooks.pre exited with code 7; the tool command was skipped", outcome.FailureReason, StringComparison.Ordinal);
        Assert.Contains("network tools are not allowed", outcome.FailureReason, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(StageDirectory, "command-ran.txt")));
        Assert.False(File.Exists(Path.Combine(StageDirectory, "post-ran.txt")));
        Assert.Contains("blocked: tool call skipped", Read(ToolHooks.LogFileName), StringComparison.Ordinal);
        Assert.Equal(StageStatus.Fail, (await StatusFile.TryReadAsync(StageDirectory, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task A_blocking_pre_hook_is_not_retried_by_the_engine()
    {
        using var directory = new EngineTestKit();
        var counter = Path.Combine(directory.Root, "pre-runs.txt");
        var graph = EngineTestKit.Parse($$"""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              tool [shape=parallelogram, tool_command="true", max_retries=2, tool_hooks.pre="echo run >> '{{counter}}'; exit 1"]
              start -> tool -> exit
            }
            """);
        var result = await new PipelineRunner(new PipelineRunOptions { LogsRoot = directory.LogsRoot, RetryBackoff = BackoffConfig.None }).RunAsync(graph);

        Assert.False(result.Succeeded);
        Assert.Single(File.ReadAllLines(counter));
        Assert.Contains("tool_hooks.pre exited with code 1; the tool command was skipped: true", result.FailureReason, StringComparison.Ordinal);
        Assert.Contains("(terminal error: not retried)", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_post_hook_sees_a_failing_exit_code_and_its_own_failure_never_changes_the_outcome()
    {
        var failedCommand = await RunAsync(Graph("exit 4", null, "echo \"$EXIT_CODE\" > \"$ATTRACTOR_STAGE_DIR/post-exit.txt\""));
        Assert.Equal(StageStatus.Fail, failedCommand.Status);
        Assert.Equal("4", Read("post-exit.txt").Trim());

        var failingHook = await RunAsync(Graph("echo fine", null, "exit 9"));
        Assert.Equal(StageStatus.Success, failingHook.Status);
        Assert.Equal("fine", failingHook.ContextUpdates["tool.output"]);
        Assert.Contains("tool_hooks.post exited with code 9 (not blocking)", failingHook.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_level_hooks_apply_and_run_in_the_tools_working_directory()
    {
        var workdir = Path.Combine(_stage.LogsRoot, "work");
        Directory.CreateDirectory(workdir);
        var graph = HandlerTestStage.Graph(
            [HandlerTestStage.Node("tool", ("shape", "parallelogram"), ("tool_command", "true"), ("tool_cwd", workdir))],
            null,
            ("tool_hooks.pre", "pwd > \"$ATTRACTOR_STAGE_DIR/pre-cwd.txt\""));
        var outcome = await RunAsync(graph);

        Assert.Equal(StageStatus.Success, outcome.Status);
        Assert.Equal(Path.GetFullPath(workdir), Read("pre-cwd.txt").Trim());
    }

    [Fact]
    public async Task Corpus_tool_hooks_pipeline_writes_the_markers_it_checks()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", "wcraigjones__attractor__03-execution-21-tool-hooks__pipeline.dot");
        var prepared = PipelineLoader.Default.Load(await File.ReadAllTextAsync(path), path);
        Assert.False(prepared.HasErrors);
        using var directory = new EngineTempDirectory();
        var result = await new PipelineRunner(new PipelineRunOptions { LogsRoot = directory.Run(), RetryBackoff = BackoffConfig.None })
            .RunAsync(prepared.Graph);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("shell:tool", File.ReadAllText(Path.Combine(result.LogsRoot, "tool", "pre-hook.txt")).Trim());
        Assert.Equal("shell:tool:0", File.ReadAllText(Path.Combine(result.LogsRoot, "tool", "post-hook.txt")).Trim());
        Assert.Equal("hello", result.Context.GetString("tool.output"));
    }
}
