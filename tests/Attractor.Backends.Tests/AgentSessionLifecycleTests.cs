// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using Attractor.Llm.FakeProvider;
using Attractor.Pipelines;
using Attractor.Pipelines.Handlers;

namespace Attractor.Backends.Tests;

/// <summary>What happens to agent sessions across nodes: per-node hooks and events in a reused session, errors, cancellation.</summary>
public sealed class AgentSessionLifecycleTests
{
    [Fact]
    public async Task A_reused_session_switches_hooks_and_event_log_to_each_node()
    {
        await using var harness = await BackendHarness.StartAsync();
        harness.Server.Enqueue(
            Wire.StreamCalls(("c1", "write_file", new { file_path = "one.txt", content = "1" })),
            Wire.StreamText("one done"),
            Wire.StreamCalls(("c2", "write_file", new { file_path = "two.txt", content = "2" })),
            Wire.StreamText("two done"));
        await using var backend = new AgentCodergenBackend(harness.Options());

        var result = await harness.RunAsync("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              one [prompt="First", fidelity="full", thread_id="t", tool_hooks.post="echo \"$NODE_ID\" >> one-hook.txt"]
              two [prompt="Second", fidelity="full", thread_id="t", tool_hooks.post="echo \"$NODE_ID\" >> two-hook.txt"]
              start -> one -> two -> exit
            }
            """, backend);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("one\n", await File.ReadAllTextAsync(Path.Combine(harness.Workspace, "one-hook.txt")));
        Assert.Equal("two\n", await File.ReadAllTextAsync(Path.Combine(harness.Workspace, "two-hook.txt")));
        Assert.Equal(["First", "Second"], Wire.UserTexts(harness.Server.Requests[3]).Select(text => text.Contains("Second", StringComparison.Ordinal) ? "Second" : "First"));

        var one = EventLines(harness, "one");
        var two = EventLines(harness, "two");
        Assert.Equal("SessionStart", one[0].GetProperty("kind").GetString());
        Assert.Equal("UserInput", two[0].GetProperty("kind").GetString());
        Assert.Equal(one[0].GetProperty("session_id").GetString(), two[0].GetProperty("session_id").GetString());
        Assert.Contains(one, e => e.GetProperty("data").TryGetProperty("arguments", out var a) && a.GetString()!.Contains("one.txt", StringComparison.Ordinal));
        Assert.DoesNotContain(one, e => e.GetProperty("data").TryGetProperty("arguments", out var a) && a.GetString()!.Contains("two.txt", StringComparison.Ordinal));
        Assert.Contains(two, e => e.GetProperty("data").TryGetProperty("arguments", out var a) && a.GetString()!.Contains("two.txt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_provider_error_fails_the_stage_and_the_thread_starts_a_fresh_session()
    {
        await using var harness = await BackendHarness.StartAsync();
        harness.Server.Enqueue(
            FakeResponse.Error(401, """{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","code":"invalid_api_key"}}"""),
            Wire.StreamText("recovered"));
        await using var backend = new AgentCodergenBackend(harness.Options());

        var result = await harness.RunAsync("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              one [prompt="First", fidelity="full", thread_id="t"]
              two [prompt="Second", fidelity="full", thread_id="t"]
              start -> one
              one -> two [condition="outcome=fail"]
              one -> exit [condition="outcome=success"]
              two -> exit
            }
            """, backend);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["start", "one", "two"], result.CompletedNodes);
        var failed = harness.ReadStageFile("one", StatusFile.FileName);
        Assert.Contains("\"fail\"", failed, StringComparison.Ordinal);
        Assert.Contains("Incorrect API key", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test-openai", failed, StringComparison.Ordinal);
        Assert.Contains(EventLines(harness, "one"), e => e.GetProperty("kind").GetString() == "Error");

        var second = Assert.Single(Wire.UserTexts(harness.Server.Requests[1]));
        Assert.StartsWith("<pipeline_context fidelity=\"full\">", second, StringComparison.Ordinal);
        Assert.Contains("- one: fail", second, StringComparison.Ordinal);
        Assert.Equal("recovered", harness.ReadStageFile("two", CodergenHandler.ResponseFileName));
    }

    [Fact]
    public async Task Cancelling_the_run_aborts_the_agent_and_kills_its_command()
    {
        await using var harness = await BackendHarness.StartAsync();
        harness.Server.Enqueue(Wire.StreamCalls(("c1", "shell", new { command = "echo $$ > shell.pid; sleep 120", timeout_ms = 300_000 })));
        await using var backend = new AgentCodergenBackend(harness.Options());
        using var cancellation = new CancellationTokenSource();
        var runner = new PipelineRunner(new PipelineRunOptions { Backend = backend, LogsRoot = harness.LogsRoot });
        var graph = Dot.PipelineLoader.Default.Load("""
            digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; work [prompt="Wait"]; start -> work -> exit }
            """).Graph;

        var run = runner.RunAsync(graph, cancellation.Token);
        var pidFile = Path.Combine(harness.Workspace, "shell.pid");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0) && DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            await Task.Delay(50);
        }

        Assert.True(File.Exists(pidFile), "the agent's shell command never started");
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(60)));
        var gone = DateTime.UtcNow.AddSeconds(30);
        while (Directory.Exists("/proc/" + pid) && DateTime.UtcNow < gone)
        {
            await Task.Delay(50);
        }

        Assert.False(Directory.Exists("/proc/" + pid), "the shell command outlived the cancelled run");
    }

    private static List<JsonElement> EventLines(BackendHarness harness, string nodeId) =>
        [.. File.ReadAllLines(harness.StageFile(nodeId, AgentStage.EventsFileName)).Select(line => JsonDocument.Parse(line).RootElement)];
}
