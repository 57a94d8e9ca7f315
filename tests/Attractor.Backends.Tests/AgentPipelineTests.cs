// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Attractor.Pipelines;
using Attractor.Pipelines.Handlers;

namespace Attractor.Backends.Tests;

/// <summary>Pipelines running end to end through <see cref="AgentCodergenBackend"/> against the fake provider; the agent really edits files.</summary>
public sealed class AgentPipelineTests
{
    private const string Pipeline = """
        digraph G {
          graph [goal="Greet the world"]
          start [shape=Mdiamond]; exit [shape=Msquare]
          write [prompt="Create hello.txt for: $goal"]
          verify [prompt="Check that hello.txt is polite"]
          polish [prompt="Make hello.txt polite"]
          done [prompt="Summarize the work"]
          start -> write -> verify
          verify -> done [condition="outcome=success"]
          verify -> polish [condition="outcome=fail"]
          polish -> done -> exit
        }
        """;

    [Fact]
    public async Task Codergen_nodes_run_as_agent_sessions_and_a_status_file_written_by_the_agent_routes_the_run()
    {
        await using var harness = await BackendHarness.StartAsync();
        var verdict = JsonSerializer.Serialize(new { outcome = "fail", failure_reason = "hello.txt is not polite", notes = "needs polish" });
        harness.Server.Enqueue(
            Wire.StreamCalls(("c1", "write_file", new { file_path = "hello.txt", content = "hello\n" })),
            Wire.StreamText("Created hello.txt."),
            Wire.StreamCalls(("c2", "shell", new { command = "cat hello.txt" }), ("c3", "write_file", new { file_path = harness.StageFile("verify", StatusFile.FileName), content = verdict })),
            Wire.StreamText("hello.txt is not polite; failing the stage."),
            Wire.StreamCalls(("c4", "write_file", new { file_path = "hello.txt", content = "hello, dear world\n" })),
            Wire.StreamText("Polished hello.txt."),
            Wire.StreamText("All done."));
        await using var backend = new AgentCodergenBackend(harness.Options());

        var result = await harness.RunAsync(Pipeline, backend);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["start", "write", "verify", "polish", "done"], result.CompletedNodes);
        Assert.Equal("hello, dear world\n", await File.ReadAllTextAsync(Path.Combine(harness.Workspace, "hello.txt")));

        Assert.Equal("Create hello.txt for: Greet the world", harness.ReadStageFile("write", CodergenHandler.PromptFileName));
        Assert.Equal("Created hello.txt.", harness.ReadStageFile("write", CodergenHandler.ResponseFileName));
        Assert.Equal("success", Outcome(harness, "write"));
        Assert.Equal("hello.txt is not polite; failing the stage.", harness.ReadStageFile("verify", CodergenHandler.ResponseFileName));
        Assert.Equal("fail", Outcome(harness, "verify"));
        Assert.Equal("needs polish", JsonDocument.Parse(harness.ReadStageFile("verify", StatusFile.FileName)).RootElement.GetProperty("notes").GetString());
        Assert.Equal("success", Outcome(harness, "polish"));
        Assert.Equal("All done.", harness.ReadStageFile("done", CodergenHandler.ResponseFileName));

        // The shell really ran in the workspace, and the agent was told where the stage directory is.
        var requests = harness.Server.Requests;
        Assert.Equal(7, requests.Count);
        var outputs = Wire.ToolOutputs(requests[3]);
        Assert.StartsWith("hello\n", outputs["c2"], StringComparison.Ordinal);
        Assert.Contains(Path.Combine(harness.LogsRoot, "verify"), Wire.UserTexts(requests[2])[0], StringComparison.Ordinal);
        Assert.Contains("<environment>", requests[0].Json.GetProperty("instructions").GetString(), StringComparison.Ordinal);
        Assert.Contains("Working directory: " + harness.Workspace, requests[0].Json.GetProperty("instructions").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fresh_session_starts_with_the_fidelity_summary_and_events_are_recorded_per_stage()
    {
        await using var harness = await BackendHarness.StartAsync();
        harness.Server.Enqueue(
            Wire.StreamCalls(("c1", "write_file", new { file_path = "notes.md", content = "# Notes\n" })),
            Wire.StreamText("Wrote the notes."),
            Wire.StreamText("Reviewed."));
        var seen = new List<AgentStageEvent>();
        await using var backend = new AgentCodergenBackend(harness.Options(e =>
        {
            lock (seen)
            {
                seen.Add(e);
            }
        }));

        var result = await harness.RunAsync("""
            digraph G {
              graph [goal="Document the parser"]
              start [shape=Mdiamond]; exit [shape=Msquare]
              write [prompt="Write notes"]
              review [prompt="Review the notes", fidelity="summary:medium"]
              start -> write -> review -> exit
            }
            """, backend);

        Assert.True(result.Succeeded, result.FailureReason);
        var first = Wire.UserTexts(harness.Server.Requests[2]);
        var preamble = Assert.Single(first);
        Assert.StartsWith("<pipeline_context fidelity=\"summary:medium\">", preamble, StringComparison.Ordinal);
        Assert.Contains("Goal: Document the parser", preamble, StringComparison.Ordinal);
        Assert.Contains("- write: success", preamble, StringComparison.Ordinal);
        Assert.Contains("- last_response: Wrote the notes.", preamble, StringComparison.Ordinal);
        Assert.Contains("Review the notes", preamble, StringComparison.Ordinal);

        var lines = await File.ReadAllLinesAsync(harness.StageFile("write", AgentStage.EventsFileName));
        var kinds = lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("kind").GetString()).ToList();
        Assert.Equal("SessionStart", kinds[0]);
        Assert.Contains("ToolCallStart", kinds);
        Assert.Contains("ToolCallEnd", kinds);
        Assert.Equal("ProcessingEnd", kinds[^1]);
        var toolStart = lines.Select(line => JsonDocument.Parse(line).RootElement).First(e => e.GetProperty("kind").GetString() == "ToolCallStart");
        Assert.Equal("write_file", toolStart.GetProperty("data").GetProperty("tool_name").GetString());

        lock (seen)
        {
            Assert.Contains(seen, e => e.NodeId == "write" && e.Event.Kind == Agent.SessionEventKind.ToolCallEnd);
            Assert.Contains(seen, e => e.NodeId == "review" && e.Event.Kind == Agent.SessionEventKind.AssistantTextEnd && e.Event.GetString("text") == "Reviewed.");
        }
    }

    [Fact]
    public async Task Summary_high_fidelity_carries_the_earlier_tool_calls_and_summary_low_does_not()
    {
        await using var harness = await BackendHarness.StartAsync();
        harness.Server.Enqueue(
            Wire.StreamCalls(("c1", "write_file", new { file_path = "notes.md", content = "# Secret-free notes\n" }), ("c2", "shell", new { command = "exit 4" })),
            Wire.StreamText("Wrote the notes."),
            Wire.StreamText("Reviewed."),
            Wire.StreamText("Briefed."));
        await using var backend = new AgentCodergenBackend(harness.Options());

        var result = await harness.RunAsync("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              write [prompt="Write notes"]
              review [prompt="Review the notes", fidelity="summary:high"]
              brief [prompt="Brief", fidelity="summary:low"]
              start -> write -> review -> brief -> exit
            }
            """, backend);

        Assert.True(result.Succeeded, result.FailureReason);
        var high = Assert.Single(Wire.UserTexts(harness.Server.Requests[2]));
        Assert.Contains("Tool calls (2):", high, StringComparison.Ordinal);
        Assert.Contains("- write: write_file(file_path=notes.md) → ok", high, StringComparison.Ordinal);
        Assert.Contains("- write: shell(command=exit 4) → error", high, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret-free notes", high, StringComparison.Ordinal);
        var low = Assert.Single(Wire.UserTexts(harness.Server.Requests[3]));
        Assert.StartsWith("<pipeline_context fidelity=\"summary:low\">", low, StringComparison.Ordinal);
        Assert.Contains("- review: success", low, StringComparison.Ordinal);
        Assert.DoesNotContain("Tool calls", low, StringComparison.Ordinal);
        Assert.DoesNotContain("last_response", low, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nodes_sharing_a_thread_key_under_full_fidelity_reuse_the_session()
    {
        await using var harness = await BackendHarness.StartAsync();
        harness.Server.Enqueue(Wire.StreamText("one done"), Wire.StreamText("two done"), Wire.StreamText("three done"));
        await using var backend = new AgentCodergenBackend(harness.Options());

        var result = await harness.RunAsync("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              one [prompt="First task", fidelity="full", thread_id="impl"]
              two [prompt="Second task", fidelity="full", thread_id="impl"]
              three [prompt="Third task"]
              start -> one -> two -> three -> exit
            }
            """, backend);

        Assert.True(result.Succeeded, result.FailureReason);
        var requests = harness.Server.Requests;
        var second = Wire.UserTexts(requests[1]);
        Assert.Equal(2, second.Count);
        Assert.StartsWith("<pipeline_context fidelity=\"full\">", second[0], StringComparison.Ordinal);
        Assert.Contains("First task", second[0], StringComparison.Ordinal);
        Assert.StartsWith("Second task", second[1], StringComparison.Ordinal);
        Assert.Contains("one done", requests[1].Json.GetProperty("input").ToString(), StringComparison.Ordinal);
        Assert.Equal("two done", harness.ReadStageFile("two", CodergenHandler.ResponseFileName));

        var third = Assert.Single(Wire.UserTexts(requests[2]));
        Assert.DoesNotContain("First task", third, StringComparison.Ordinal);
        Assert.Contains("- two: success", third, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_runs_on_one_backend_do_not_share_a_thread()
    {
        await using var harness = await BackendHarness.StartAsync();
        harness.Server.Enqueue(Wire.StreamText("first run"), Wire.StreamText("second run"));
        await using var backend = new AgentCodergenBackend(harness.Options());
        const string ThreadPipeline = """
            digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; work [prompt="Work", fidelity="full", thread_id="shared"]; start -> work -> exit }
            """;

        Assert.True((await harness.RunAsync(ThreadPipeline, backend)).Succeeded);
        var second = await new PipelineRunner(new PipelineRunOptions { Backend = backend, LogsRoot = harness.LogsRoot + "-again" })
            .RunAsync(Dot.PipelineLoader.Default.Load(ThreadPipeline).Graph);

        Assert.True(second.Succeeded, second.FailureReason);
        Assert.Single(Wire.UserTexts(harness.Server.Requests[1]));
    }

    private static string? Outcome(BackendHarness harness, string nodeId) =>
        JsonDocument.Parse(harness.ReadStageFile(nodeId, StatusFile.FileName)).RootElement.GetProperty("outcome").GetString();
}
