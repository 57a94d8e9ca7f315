// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using Attractor.Dot;
using Attractor.Pipelines.Handlers;

namespace Attractor.Pipelines.Tests.Hooks;

/// <summary>§9.7 tool call hooks with real <c>/bin/sh</c> scripts.</summary>
public sealed class ToolHooksTests : IDisposable
{
    private readonly string _stage = Path.Combine(Path.GetTempPath(), "attractor-hooks-" + Guid.NewGuid().ToString("N"), "impl");

    public ToolHooksTests() => Directory.CreateDirectory(_stage);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(_stage)!, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }

    private ToolCall Call(string tool = "write_file") =>
        new(tool, new JsonObject { ["path"] = "a.txt", ["content"] = "hi" }, "impl", _stage) { CallId = "call-7" };

    private string Read(string name) => File.ReadAllText(Path.Combine(_stage, name));

    [Fact]
    public async Task Pre_hook_receives_env_vars_and_stdin_json_and_exit_zero_proceeds()
    {
        var hooks = new ToolHooks(
            "cat > \"$ATTRACTOR_STAGE_DIR/pre-stdin.json\"; echo \"$ATTRACTOR_HOOK|$TOOL_NAME|$ATTRACTOR_TOOL_NAME|$NODE_ID|$ATTRACTOR_NODE_ID|$ATTRACTOR_TOOL_CALL_ID\" > \"$ATTRACTOR_STAGE_DIR/pre-env.txt\"",
            null);
        var result = await hooks.RunPreAsync(Call(), CancellationToken.None);

        Assert.True(result.Ran);
        Assert.True(result.Proceed);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("pre|write_file|write_file|impl|impl|call-7", Read("pre-env.txt").Trim());
        var stdin = JsonNode.Parse(Read("pre-stdin.json"))!;
        Assert.Equal("pre", (string?)stdin["hook"]);
        Assert.Equal("write_file", (string?)stdin["tool_name"]);
        Assert.Equal("a.txt", (string?)stdin["arguments"]!["path"]);
        Assert.Equal("impl", (string?)stdin["node_id"]);
        Assert.Equal("call-7", (string?)stdin["call_id"]);
        Assert.Null(stdin["result"]);
        Assert.Contains(" pre tool=write_file node=impl exit=0 ok", Read(ToolHooks.LogFileName), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pre_hook_non_zero_exit_skips_the_call_and_is_logged()
    {
        var hooks = new ToolHooks("echo 'rm is not allowed' >&2; exit 3", null);
        var result = await hooks.RunPreAsync(Call("shell"), CancellationToken.None);

        Assert.False(result.Proceed);
        Assert.False(result.Succeeded);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("rm is not allowed", result.Stderr, StringComparison.Ordinal);
        var log = Read(ToolHooks.LogFileName);
        Assert.Contains("pre tool=shell node=impl exit=3 blocked: tool call skipped", log, StringComparison.Ordinal);
        Assert.Contains("rm is not allowed", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_hook_receives_the_result_and_exit_code()
    {
        var hooks = new ToolHooks(null, "cat > \"$ATTRACTOR_STAGE_DIR/post-stdin.json\"; echo \"$TOOL_NAME:$NODE_ID:$EXIT_CODE:$ATTRACTOR_TOOL_EXIT_CODE\" > \"$ATTRACTOR_STAGE_DIR/post-hook.txt\"");
        var result = await hooks.RunPostAsync(Call(), "wrote 2 bytes", 0, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.True(result.Proceed);
        Assert.Equal("write_file:impl:0:0", Read("post-hook.txt").Trim());
        var stdin = JsonNode.Parse(Read("post-stdin.json"))!;
        Assert.Equal("post", (string?)stdin["hook"]);
        Assert.Equal("wrote 2 bytes", (string?)stdin["result"]);
        Assert.Equal(0, (int?)stdin["exit_code"]);
    }

    [Fact]
    public async Task Post_hook_failure_is_recorded_but_never_blocks()
    {
        var hooks = new ToolHooks(null, "exit 9");
        var result = await hooks.RunPostAsync(Call(), "error: disk full", 1, CancellationToken.None);
        Assert.False(result.Succeeded);
        Assert.True(result.Proceed);
        Assert.Equal(9, result.ExitCode);
        Assert.Contains("post tool=write_file node=impl exit=9 failed (not blocking)", Read(ToolHooks.LogFileName), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hook_that_outlives_its_timeout_is_killed_and_blocks_a_pre_call()
    {
        var hooks = new ToolHooks("sleep 30", null) { Timeout = TimeSpan.FromMilliseconds(100) };
        var started = DateTime.UtcNow;
        var result = await hooks.RunPreAsync(Call(), CancellationToken.None);
        Assert.True(result.TimedOut);
        Assert.False(result.Proceed);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.Contains("timed out", Read(ToolHooks.LogFileName), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_configured_hook_proceeds_without_running_anything()
    {
        var hooks = new ToolHooks(" ", null);
        Assert.True(hooks.IsEmpty);
        var pre = await hooks.RunPreAsync(Call(), CancellationToken.None);
        var post = await hooks.RunPostAsync(Call(), "r", 0, CancellationToken.None);
        Assert.False(pre.Ran);
        Assert.True(pre.Proceed);
        Assert.False(post.Ran);
        Assert.False(File.Exists(Path.Combine(_stage, ToolHooks.LogFileName)));
    }

    [Fact]
    public async Task Cancellation_kills_the_hook_and_throws()
    {
        var hooks = new ToolHooks("sleep 30", null);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hooks.RunPreAsync(Call(), cts.Token));
    }

    [Fact]
    public void Node_attributes_override_graph_attributes()
    {
        var graph = PipelineLoader.Default.Load("""
            digraph G {
              graph [tool_hooks.pre="graph-pre", tool_hooks.post="graph-post"]
              start [shape=Mdiamond]; exit [shape=Msquare]
              own [tool_hooks.pre="node-pre"]
              plain
              start -> own -> plain -> exit
            }
            """).Graph;
        var own = ToolHooks.For(graph, graph.FindNode("own")!);
        Assert.Equal("node-pre", own.PreCommand);
        Assert.Equal("graph-post", own.PostCommand);
        var plain = ToolHooks.For(graph, graph.FindNode("plain")!);
        Assert.Equal("graph-pre", plain.PreCommand);
        Assert.Equal(string.Empty, ToolHooks.For(null, graph.FindNode("plain")!).PreCommand);
    }

    [Fact]
    public async Task Concurrent_calls_each_append_a_log_line()
    {
        var hooks = new ToolHooks("exit 0", "exit 0");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => hooks.RunPreAsync(Call("t" + i), CancellationToken.None)));
        Assert.Equal(8, File.ReadAllLines(Path.Combine(_stage, ToolHooks.LogFileName)).Length);
    }

    [Fact]
    public async Task Background_jobs_of_a_hook_end_with_it()
    {
        var pidFile = Path.Combine(_stage, "hook-job.pid");
        var result = await new ToolHooks($"sleep 30 & echo $! > '{pidFile}'", null).RunPreAsync(Call(), CancellationToken.None);
        Assert.True(result.Proceed);

        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var gone = false;
        for (var i = 0; i < 100 && !gone; i++)
        {
            var stat = Path.Combine("/proc", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "stat");
            try
            {
                // Gone, or a zombie waiting for its new parent (init) to reap it.
                gone = File.ReadAllText(stat).Split(") ")[^1].StartsWith('Z');
            }
            catch (IOException)
            {
                gone = true;
            }

            if (!gone)
            {
                await Task.Delay(20);
            }
        }

        if (!gone)
        {
            // Never leave the test's own sleeper behind, even when the assertion below fails.
            using var sleeper = System.Diagnostics.Process.GetProcessById(pid);
            sleeper.Kill();
        }

        Assert.True(gone, $"the hook's background job {pid} outlived it");
    }
}
