// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;

namespace Attractor.Agent.Tests;

/// <summary>
/// Subagents (spec §7): parent and children driven by one fake OpenAI server, working in a real temp directory. The
/// OpenAI adapter sends error results to the model with an "Error: " prefix.
/// </summary>
public sealed class SubagentTests : IAsyncLifetime
{
    private const string ChildTask = "CHILD: write notes.txt";
    private SubagentHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SubagentHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Spawn_then_wait_returns_the_child_output_after_it_edited_the_shared_directory()
    {
        _harness.Scripts.For(SubagentHarness.ParentTask,
            ResponsesWire.Calls(("p1", "spawn_agent", new { task = ChildTask })),
            ResponsesWire.Calls(("p2", "wait", new { agent_id = "agent-1" })),
            ResponsesWire.Text("Parent done."));
        _harness.Scripts.For(ChildTask,
            ResponsesWire.Calls(("c1", "write_file", new { file_path = "notes.txt", content = "from the child\n" })),
            ResponsesWire.Text("Wrote notes.txt."));
        var session = await _harness.CreateSessionAsync();
        var log = new EventLog(session);

        await session.SubmitAsync(SubagentHarness.ParentTask);

        Assert.Equal("from the child\n", await File.ReadAllTextAsync(Path.Combine(_harness.Directory, "notes.txt")));
        var spawned = _harness.ParentToolOutput("p1");
        Assert.StartsWith("agent_id: agent-1\nstatus: running\n", spawned, StringComparison.Ordinal);
        Assert.Equal(
            "agent_id: agent-1\nstatus: completed\nsuccess: true\nturns_used: 2\noutput:\nWrote notes.txt.",
            _harness.ParentToolOutput("p2"));
        Assert.Equal("Parent done.", ((AssistantTurn)session.History[^1]).Content);

        // Independent history: the child's conversation starts with its task, never sees the parent's.
        var childRequests = _harness.Scripts.RequestsOf(ChildTask);
        Assert.Equal(2, childRequests.Count);
        Assert.DoesNotContain("PARENT", childRequests[0].Json.GetProperty("input").GetRawText(), StringComparison.Ordinal);
        Assert.Contains("You are a subagent", childRequests[0].Json.GetProperty("instructions").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("You are a subagent", _harness.Scripts.RequestsOf(SubagentHarness.ParentTask)[0].Json.GetProperty("instructions").GetString(), StringComparison.Ordinal);
        Assert.Equal(_harness.Profile.Model, childRequests[0].Json.GetProperty("model").GetString());

        await session.DisposeAsync();
        await log.Completion;
        var events = log.Events;
        Assert.Equal(SessionEventKind.SessionEnd, events[^1].Kind);
        Assert.Equal(session.Id, events[^1].SessionId);

        // The child's events reach the parent's stream under the child's session id, tagged with the agent id.
        var childWrite = Assert.Single(events, e => e.Kind == SessionEventKind.ToolCallEnd && e.GetString("tool_name") == "write_file");
        Assert.NotEqual(session.Id, childWrite.SessionId);
        Assert.Equal("agent-1", childWrite.GetString("agent_id"));
        Assert.Contains(events, e => e.Kind == SessionEventKind.SessionEnd && e.SessionId == childWrite.SessionId);
        Assert.All(events.Where(e => e.SessionId == session.Id), e => Assert.Null(e.GetString("agent_id")));
    }

    [Fact]
    public async Task Child_runs_concurrently_with_the_parent()
    {
        // The child waits for a file only the parent writes after spawn_agent returned: a spawn that blocked until the
        // child finished would leave the flag missing.
        const string Wait = "for i in $(seq 1 600); do [ -f flag.txt ] && echo flag-seen && exit 0; sleep 0.1; done; echo flag-missing";
        _harness.Scripts.For(SubagentHarness.ParentTask,
            ResponsesWire.Calls(("p1", "spawn_agent", new { task = ChildTask })),
            ResponsesWire.Calls(("p2", "write_file", new { file_path = "flag.txt", content = "go" })),
            ResponsesWire.Calls(("p3", "wait", new { agent_id = "agent-1" })),
            ResponsesWire.Text("Parent done."));
        _harness.Scripts.For(ChildTask,
            ResponsesWire.Calls(("c1", "shell", new { command = Wait, timeout_ms = 120_000 })),
            ResponsesWire.Text("The flag appeared."));
        await using var session = await _harness.CreateSessionAsync();

        await session.SubmitAsync(SubagentHarness.ParentTask);

        Assert.Contains("status: completed", _harness.ParentToolOutput("p3"), StringComparison.Ordinal);
        Assert.Contains("flag-seen", ResponsesWire.ToolOutputs(_harness.Scripts.RequestsOf(ChildTask)[1])["c1"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_input_continues_a_finished_child_with_its_history()
    {
        _harness.Scripts.For(SubagentHarness.ParentTask,
            ResponsesWire.Calls(("p1", "spawn_agent", new { task = ChildTask })),
            ResponsesWire.Calls(("p2", "wait", new { agent_id = "agent-1" })),
            ResponsesWire.Calls(("p3", "send_input", new { agent_id = "agent-1", message = "SECOND: also count to two" })),
            ResponsesWire.Calls(("p4", "wait", new { agent_id = "agent-1" })),
            ResponsesWire.Text("Parent done."));
        _harness.Scripts.For(ChildTask, ResponsesWire.Text("first answer"), ResponsesWire.Text("one, two"));
        await using var session = await _harness.CreateSessionAsync();

        await session.SubmitAsync(SubagentHarness.ParentTask);

        Assert.EndsWith("turns_used: 1\noutput:\nfirst answer", _harness.ParentToolOutput("p2"), StringComparison.Ordinal);
        Assert.StartsWith("agent_id: agent-1\nstatus: running\nMessage sent", _harness.ParentToolOutput("p3"), StringComparison.Ordinal);
        Assert.Equal("agent_id: agent-1\nstatus: completed\nsuccess: true\nturns_used: 2\noutput:\none, two", _harness.ParentToolOutput("p4"));
        var second = _harness.Scripts.RequestsOf(ChildTask)[1].Json.GetProperty("input").GetRawText();
        Assert.Contains("first answer", second, StringComparison.Ordinal);
        Assert.Contains("SECOND: also count to two", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_agent_stops_a_running_child_and_forgets_its_id()
    {
        _harness.Scripts.For(SubagentHarness.ParentTask,
            ResponsesWire.Calls(("p1", "spawn_agent", new { task = ChildTask })),
            ResponsesWire.Calls(("p2", "close_agent", new { agent_id = "agent-1" })),
            ResponsesWire.Calls(("p3", "wait", new { agent_id = "agent-1" })),
            ResponsesWire.Text("Parent done."));
        _harness.Scripts.For(ChildTask,
            ResponsesWire.Calls(("c1", "shell", new { command = "sleep 300", timeout_ms = 400_000 })),
            ResponsesWire.Text("never reached"));
        await using var session = await _harness.CreateSessionAsync();
        var log = new EventLog(session);

        await session.SubmitAsync(SubagentHarness.ParentTask).WaitAsync(TimeSpan.FromSeconds(120));

        var closed = _harness.ParentToolOutput("p2");
        Assert.StartsWith("agent_id: agent-1\nstatus: failed\nsuccess: false\n", closed, StringComparison.Ordinal);
        Assert.Contains("error: The agent was closed before it finished.", closed, StringComparison.Ordinal);
        Assert.Contains("closed: true (it was running and was stopped)", closed, StringComparison.Ordinal);
        Assert.Equal("Error: Agent 'agent-1' was closed. Spawn a new agent with spawn_agent.", _harness.ParentToolOutput("p3"));
        Assert.True(_harness.Scripts.RequestsOf(ChildTask).Count <= 1);
        var childEnd = await log.WaitForAsync(e => e.Kind == SessionEventKind.SessionEnd && e.GetString("agent_id") == "agent-1");
        Assert.NotEqual(session.Id, childEnd.SessionId);
        Assert.Equal(SessionState.Idle, session.State);
    }

    [Fact]
    public async Task Subagent_cannot_spawn_beyond_the_default_depth()
    {
        _harness.Scripts.For(SubagentHarness.ParentTask,
            ResponsesWire.Calls(("p1", "spawn_agent", new { task = ChildTask })),
            ResponsesWire.Calls(("p2", "wait", new { agent_id = "agent-1" })),
            ResponsesWire.Text("Parent done."));
        _harness.Scripts.For(ChildTask,
            ResponsesWire.Calls(("c1", "spawn_agent", new { task = "GRANDCHILD: help" })),
            ResponsesWire.Text("Did it myself."));
        await using var session = await _harness.CreateSessionAsync();

        await session.SubmitAsync(SubagentHarness.ParentTask);

        Assert.Equal(1, session.Config.MaxSubagentDepth);
        Assert.Equal(
            "Error: Cannot spawn a subagent: this agent is a subagent at depth 1 and the maximum subagent depth is 1. Do the task yourself.",
            ResponsesWire.ToolOutputs(_harness.Scripts.RequestsOf(ChildTask)[1])["c1"]);
        Assert.Empty(_harness.Scripts.RequestsOf("GRANDCHILD: help"));
        Assert.Contains("status: completed", _harness.ParentToolOutput("p2"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_greater_depth_lets_a_child_spawn_a_grandchild_whose_events_reach_the_top()
    {
        _harness.Scripts.For(SubagentHarness.ParentTask,
            ResponsesWire.Calls(("p1", "spawn_agent", new { task = ChildTask })),
            ResponsesWire.Calls(("p2", "wait", new { agent_id = "agent-1" })),
            ResponsesWire.Text("Parent done."));
        _harness.Scripts.For(ChildTask,
            ResponsesWire.Calls(("c1", "spawn_agent", new { task = "GRANDCHILD: help" })),
            ResponsesWire.Calls(("c2", "wait", new { agent_id = "agent-1.1" })),
            ResponsesWire.Text("The grandchild helped."));
        _harness.Scripts.For("GRANDCHILD: help", ResponsesWire.Calls(("g1", "shell", new { command = "echo grand" })), ResponsesWire.Text("helped"));
        var session = await _harness.CreateSessionAsync(new SessionConfig { MaxSubagentDepth = 2 });
        var log = new EventLog(session);

        await session.SubmitAsync(SubagentHarness.ParentTask);
        await session.DisposeAsync();
        await log.Completion;

        Assert.StartsWith("agent_id: agent-1.1\nstatus: running", ResponsesWire.ToolOutputs(_harness.Scripts.RequestsOf(ChildTask)[1])["c1"], StringComparison.Ordinal);
        Assert.EndsWith("output:\nhelped", ResponsesWire.ToolOutputs(_harness.Scripts.RequestsOf(ChildTask)[2])["c2"], StringComparison.Ordinal);
        Assert.EndsWith("output:\nThe grandchild helped.", _harness.ParentToolOutput("p2"), StringComparison.Ordinal);
        var shell = Assert.Single(log.Events, e => e.Kind == SessionEventKind.ToolCallEnd && e.GetString("tool_name") == "shell");
        Assert.Equal("agent-1.1", shell.GetString("agent_id"));
    }

    [Fact]
    public async Task Depth_zero_disables_spawning()
    {
        _harness.Scripts.For(SubagentHarness.ParentTask,
            ResponsesWire.Calls(("p1", "spawn_agent", new { task = ChildTask })),
            ResponsesWire.Text("Parent done."));
        await using var session = await _harness.CreateSessionAsync(new SessionConfig { MaxSubagentDepth = 0 });

        await session.SubmitAsync(SubagentHarness.ParentTask);

        Assert.StartsWith("Error: Cannot spawn a subagent: subagents are disabled", _harness.ParentToolOutput("p1"), StringComparison.Ordinal);
        Assert.Empty(_harness.Scripts.RequestsOf(ChildTask));
    }

    [Fact]
    public async Task Unknown_agent_ids_are_error_results()
    {
        _harness.Scripts.For(SubagentHarness.ParentTask,
            ResponsesWire.Calls(
                ("p1", "wait", new { agent_id = "agent-9" }),
                ("p2", "send_input", new { agent_id = "nope", message = "hi" }),
                ("p3", "close_agent", new { agent_id = "agent-1" })),
            ResponsesWire.Text("Parent done."));
        var session = await _harness.CreateSessionAsync();
        var log = new EventLog(session);

        await session.SubmitAsync(SubagentHarness.ParentTask);
        await session.DisposeAsync();
        await log.Completion;

        Assert.Equal("Error: Unknown agent id 'agent-9'. Active agents: (none).", _harness.ParentToolOutput("p1"));
        Assert.Equal("Error: Unknown agent id 'nope'. Active agents: (none).", _harness.ParentToolOutput("p2"));
        Assert.Equal("Error: Unknown agent id 'agent-1'. Active agents: (none).", _harness.ParentToolOutput("p3"));
        Assert.All(
            log.Events.Where(e => e.Kind == SessionEventKind.ToolCallEnd),
            e => Assert.Equal(true, e.Data["is_error"]));
    }

    [Fact]
    public async Task Aborting_the_parent_aborts_its_running_children()
    {
        _harness.Scripts.For(SubagentHarness.ParentTask,
            ResponsesWire.Calls(("p1", "spawn_agent", new { task = ChildTask })),
            ResponsesWire.Calls(("p2", "wait", new { agent_id = "agent-1" })),
            ResponsesWire.Text("never reached"));
        _harness.Scripts.For(ChildTask,
            ResponsesWire.Calls(("c1", "shell", new { command = "echo $$ > child.pid; exec sleep 300", timeout_ms = 400_000 })),
            ResponsesWire.Text("never reached"));
        var session = await _harness.CreateSessionAsync();
        var log = new EventLog(session);
        var submitted = session.SubmitAsync(SubagentHarness.ParentTask);
        _ = await log.WaitForAsync(e => e.Kind == SessionEventKind.ToolCallStart && e.GetString("tool_name") == "wait");
        _ = await log.WaitForAsync(e => e.Kind == SessionEventKind.ToolCallStart && e.GetString("agent_id") == "agent-1");
        var pidFile = Path.Combine(_harness.Directory, "child.pid");
        await WaitUntilAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0);
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);

        await session.AbortAsync().WaitAsync(TimeSpan.FromSeconds(120));
        await submitted;
        await log.Completion;

        Assert.Equal(SessionState.Closed, session.State);
        var events = log.Events.ToList();
        var childEnd = events.FindIndex(e => e.Kind == SessionEventKind.SessionEnd && e.GetString("agent_id") == "agent-1");
        Assert.InRange(childEnd, 0, events.Count - 2);
        Assert.Equal(session.Id, events[^1].SessionId);
        Assert.Equal(SessionEventKind.SessionEnd, events[^1].Kind);
        Assert.Single(_harness.Scripts.RequestsOf(ChildTask));
        await WaitUntilAsync(() => !IsRunning(pid));
    }

    [Fact]
    public async Task Cancelling_the_parents_submit_closes_its_children()
    {
        _harness.Scripts.For(SubagentHarness.ParentTask,
            ResponsesWire.Calls(("p1", "spawn_agent", new { task = ChildTask })),
            ResponsesWire.Calls(("p2", "wait", new { agent_id = "agent-1" })),
            ResponsesWire.Text("never reached"));
        _harness.Scripts.For(ChildTask,
            ResponsesWire.Calls(("c1", "shell", new { command = "sleep 300", timeout_ms = 400_000 })),
            ResponsesWire.Text("never reached"));
        var session = await _harness.CreateSessionAsync();
        var log = new EventLog(session);
        using var cancellation = new CancellationTokenSource();
        var submitted = session.SubmitAsync(SubagentHarness.ParentTask, cancellation.Token);
        _ = await log.WaitForAsync(e => e.Kind == SessionEventKind.ToolCallStart && e.GetString("tool_name") == "shell" && e.GetString("agent_id") == "agent-1");

        await cancellation.CancelAsync();

        _ = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => submitted.WaitAsync(TimeSpan.FromSeconds(120)));
        await log.Completion.WaitAsync(TimeSpan.FromSeconds(120));
        var events = log.Events.ToList();
        Assert.InRange(events.FindIndex(e => e.Kind == SessionEventKind.SessionEnd && e.GetString("agent_id") == "agent-1"), 0, events.Count - 2);
        Assert.Equal(session.Id, events[^1].SessionId);
        Assert.Equal(SessionState.Closed, session.State);
    }

    [Fact]
    public async Task A_child_whose_provider_call_fails_reports_a_failed_result_and_takes_no_more_input()
    {
        _harness.Scripts.For(SubagentHarness.ParentTask,
            ResponsesWire.Calls(("p1", "spawn_agent", new { task = ChildTask })),
            ResponsesWire.Calls(("p2", "wait", new { agent_id = "agent-1" })),
            ResponsesWire.Calls(("p3", "send_input", new { agent_id = "agent-1", message = "try again" })),
            ResponsesWire.Text("Parent done."));
        _harness.Scripts.For(ChildTask, ResponsesWire.Unauthorized());
        await using var session = await _harness.CreateSessionAsync();

        await session.SubmitAsync(SubagentHarness.ParentTask);

        var waited = _harness.ParentToolOutput("p2");
        Assert.StartsWith("agent_id: agent-1\nstatus: failed\nsuccess: false\nturns_used: 0\nerror: The agent failed: ", waited, StringComparison.Ordinal);
        Assert.Contains("Incorrect API key provided.", waited, StringComparison.Ordinal);
        var sent = _harness.ParentToolOutput("p3");
        Assert.StartsWith("Error: Agent 'agent-1' has stopped and cannot take input: The agent failed: ", sent, StringComparison.Ordinal);
        Assert.EndsWith("Close it and spawn a new agent.", sent, StringComparison.Ordinal);
        Assert.Single(_harness.Scripts.RequestsOf(ChildTask));
        Assert.Equal(SessionState.Idle, session.State);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // Generous: CI has two busy cores.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true within 60 seconds.");
            await Task.Delay(50);
        }
    }
}
