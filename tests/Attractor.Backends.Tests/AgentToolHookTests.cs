// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Attractor.Pipelines.Handlers;

namespace Attractor.Backends.Tests;

/// <summary>tool_hooks.pre / post (attractor-spec §9.7) run as real shell commands around the agent's tool calls.</summary>
public sealed class AgentToolHookTests
{
    [Fact]
    public async Task Hooks_run_around_every_tool_call_and_a_failing_pre_hook_skips_the_call()
    {
        await using var harness = await BackendHarness.StartAsync();
        harness.Server.Enqueue(
            Wire.StreamCalls(("c1", "write_file", new { file_path = "a.txt", content = "A" }), ("c2", "shell", new { command = "touch shell-ran" })),
            Wire.StreamText("Tried both."));
        await using var backend = new AgentCodergenBackend(harness.Options());

        var result = await harness.RunAsync("""
            digraph G {
              graph [tool_hooks.pre="echo \"$TOOL_NAME $ATTRACTOR_NODE_ID\" >> pre-calls.txt; test \"$TOOL_NAME\" != shell || { echo 'shell is not allowed here' >&2; exit 3; }",
                     tool_hooks.post="cat > post-$TOOL_NAME.json"]
              start [shape=Mdiamond]; exit [shape=Msquare]
              work [prompt="Write a.txt and run a command"]
              start -> work -> exit
            }
            """, backend);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("A", await File.ReadAllTextAsync(Path.Combine(harness.Workspace, "a.txt")));
        Assert.False(File.Exists(Path.Combine(harness.Workspace, "shell-ran")));
        Assert.Equal(["shell work", "write_file work"], (await File.ReadAllLinesAsync(Path.Combine(harness.Workspace, "pre-calls.txt"))).Order(StringComparer.Ordinal));

        var post = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(harness.Workspace, "post-write_file.json"))).RootElement;
        Assert.Equal("post", post.GetProperty("hook").GetString());
        Assert.Equal("a.txt", post.GetProperty("arguments").GetProperty("file_path").GetString());
        Assert.Equal(0, post.GetProperty("exit_code").GetInt32());
        Assert.Contains("Wrote 1 bytes", post.GetProperty("result").GetString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(harness.Workspace, "post-shell.json")));

        var outputs = Wire.ToolOutputs(harness.Server.Requests[1]);
        Assert.Contains("skipped", outputs["c2"], StringComparison.Ordinal);
        Assert.Contains("exited with code 3", outputs["c2"], StringComparison.Ordinal);
        Assert.Contains("shell is not allowed here", outputs["c2"], StringComparison.Ordinal);
        Assert.DoesNotContain("skipped", outputs["c1"], StringComparison.Ordinal);
        var log = harness.ReadStageFile("work", ToolHooks.LogFileName);
        Assert.Contains("pre tool=shell node=work exit=3 blocked: tool call skipped", log, StringComparison.Ordinal);
        Assert.Contains("post tool=write_file node=work exit=0 ok", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_hook_replaces_the_graph_hook()
    {
        await using var harness = await BackendHarness.StartAsync();
        harness.Server.Enqueue(
            Wire.StreamCalls(("c1", "write_file", new { file_path = "b.txt", content = "B" })),
            Wire.StreamText("Done."));
        await using var backend = new AgentCodergenBackend(harness.Options());

        var result = await harness.RunAsync("""
            digraph G {
              graph [tool_hooks.pre="exit 1"]
              start [shape=Mdiamond]; exit [shape=Msquare]
              work [prompt="Write b.txt", tool_hooks.pre="echo node-hook > node-hook.txt"]
              start -> work -> exit
            }
            """, backend);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("B", await File.ReadAllTextAsync(Path.Combine(harness.Workspace, "b.txt")));
        Assert.Equal("node-hook\n", await File.ReadAllTextAsync(Path.Combine(harness.Workspace, "node-hook.txt")));
    }
}
