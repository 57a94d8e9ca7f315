// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Tests;

/// <summary>spawn_agent's optional parameters (working_dir, model, max_turns) and send_input to a running subagent.</summary>
public sealed class SubagentOptionsTests : IAsyncLifetime
{
    private const string ChildTask = "CHILD: work in sub";
    private SubagentHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SubagentHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Working_dir_scopes_the_child_to_a_subdirectory_of_the_shared_environment()
    {
        var sub = Path.Combine(_harness.Directory, "sub");
        Directory.CreateDirectory(sub);
        await File.WriteAllTextAsync(Path.Combine(sub, "AGENTS.md"), "SUB-RULE");
        _harness.Scripts.For(SubagentHarness.ParentTask,
            ResponsesWire.Calls(("p1", "spawn_agent", new { task = ChildTask, working_dir = "sub" })),
            ResponsesWire.Calls(("p2", "wait", new { agent_id = "agent-1" })),
            ResponsesWire.Text("Parent done."));
        _harness.Scripts.For(ChildTask,
            ResponsesWire.Calls(("c1", "write_file", new { file_path = "inner.txt", content = "scoped" }), ("c2", "shell", new { command = "pwd" })),
            ResponsesWire.Text("Done in sub."));
        await using var session = await _harness.CreateSessionAsync();

        await session.SubmitAsync(SubagentHarness.ParentTask);

        Assert.Equal("scoped", await File.ReadAllTextAsync(Path.Combine(sub, "inner.txt")));
        Assert.False(File.Exists(Path.Combine(_harness.Directory, "inner.txt")));
        Assert.Contains("working_dir: " + sub + "\n", _harness.ParentToolOutput("p1"), StringComparison.Ordinal);
        var childRequests = _harness.Scripts.RequestsOf(ChildTask);
        Assert.Contains(sub, ResponsesWire.ToolOutputs(childRequests[1])["c2"], StringComparison.Ordinal);
        var instructions = childRequests[0].Json.GetProperty("instructions").GetString()!;
        Assert.Contains("Working directory: " + sub + "\n", instructions, StringComparison.Ordinal);
        Assert.Contains("SUB-RULE", instructions, StringComparison.Ordinal);
        Assert.Contains("status: completed", _harness.ParentToolOutput("p2"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Working_dir_outside_the_working_directory_or_missing_is_an_error_result()
    {
        _harness.Scripts.For(SubagentHarness.ParentTask,
            ResponsesWire.Calls(
                ("p1", "spawn_agent", new { task = ChildTask, working_dir = "../elsewhere" }),
                ("p2", "spawn_agent", new { task = ChildTask, working_dir = "missing" }),
                ("p3", "spawn_agent", new { task = ChildTask, max_turns = -1 })),
            ResponsesWire.Text("Parent done."));
        await using var session = await _harness.CreateSessionAsync();

        await session.SubmitAsync(SubagentHarness.ParentTask);

        Assert.Equal(
            $"Error: Invalid working_dir '../elsewhere': it must be a subdirectory of the working directory {_harness.Directory}.",
            _harness.ParentToolOutput("p1"));
        Assert.Equal(
            $"Error: Invalid working_dir 'missing': {Path.Combine(_harness.Directory, "missing")} is not an existing directory.",
            _harness.ParentToolOutput("p2"));
        Assert.StartsWith("Error: Invalid arguments for tool 'spawn_agent'", _harness.ParentToolOutput("p3"), StringComparison.Ordinal);
        Assert.Empty(_harness.Scripts.RequestsOf(ChildTask));
    }

    [Fact]
    public async Task Model_override_and_max_turns_apply_to_the_child()
    {
        _harness.Scripts.For(SubagentHarness.ParentTask,
            ResponsesWire.Calls(("p1", "spawn_agent", new { task = ChildTask, model = "gpt-5.2", max_turns = 1 })),
            ResponsesWire.Calls(("p2", "wait", new { agent_id = "agent-1" })),
            ResponsesWire.Text("Parent done."));
        _harness.Scripts.For(ChildTask,
            ResponsesWire.Calls(("c1", "write_file", new { file_path = "partial.txt", content = "started" })),
            ResponsesWire.Text("never reached: the turn limit stops the child first"));
        await using var session = await _harness.CreateSessionAsync();

        await session.SubmitAsync(SubagentHarness.ParentTask);

        Assert.Contains("model: gpt-5.2\nmax_turns: 1\n", _harness.ParentToolOutput("p1"), StringComparison.Ordinal);
        var child = Assert.Single(_harness.Scripts.RequestsOf(ChildTask));
        Assert.Equal("gpt-5.2", child.Json.GetProperty("model").GetString());
        Assert.Equal("gpt-5.2-codex", _harness.Scripts.RequestsOf(SubagentHarness.ParentTask)[0].Json.GetProperty("model").GetString());
        Assert.Equal(
            "agent_id: agent-1\nstatus: failed\nsuccess: false\nturns_used: 1\nerror: The agent reached its turn limit (1) before finishing.\noutput:\n(no text output)",
            _harness.ParentToolOutput("p2"));
        Assert.True(File.Exists(Path.Combine(_harness.Directory, "partial.txt")));
    }

    [Fact]
    public async Task Send_input_to_a_running_child_is_processed_after_its_current_input()
    {
        // The child blocks until the parent writes the flag, which the parent does only after send_input.
        const string Wait = "for i in $(seq 1 600); do [ -f flag.txt ] && echo flag-seen && exit 0; sleep 0.1; done; echo flag-missing";
        _harness.Scripts.For(SubagentHarness.ParentTask,
            ResponsesWire.Calls(("p1", "spawn_agent", new { task = ChildTask })),
            ResponsesWire.Calls(("p2", "send_input", new { agent_id = "agent-1", message = "SECOND: report the flag" })),
            ResponsesWire.Calls(("p3", "write_file", new { file_path = "flag.txt", content = "go" })),
            ResponsesWire.Calls(("p4", "wait", new { agent_id = "agent-1" })),
            ResponsesWire.Text("Parent done."));
        _harness.Scripts.For(ChildTask,
            ResponsesWire.Calls(("c1", "shell", new { command = Wait, timeout_ms = 120_000 })),
            ResponsesWire.Text("first done"),
            ResponsesWire.Text("second done"));
        await using var session = await _harness.CreateSessionAsync();

        await session.SubmitAsync(SubagentHarness.ParentTask);

        Assert.Equal(
            "agent_id: agent-1\nstatus: running\nMessage queued: the agent processes it when it finishes its current input.",
            _harness.ParentToolOutput("p2"));
        Assert.Equal("agent_id: agent-1\nstatus: completed\nsuccess: true\nturns_used: 3\noutput:\nsecond done", _harness.ParentToolOutput("p4"));
        var childRequests = _harness.Scripts.RequestsOf(ChildTask);
        Assert.Equal(3, childRequests.Count);
        Assert.DoesNotContain("SECOND", childRequests[1].Json.GetProperty("input").GetRawText(), StringComparison.Ordinal);
        Assert.Contains("SECOND: report the flag", childRequests[2].Json.GetProperty("input").GetRawText(), StringComparison.Ordinal);
    }
}
