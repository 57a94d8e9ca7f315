// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm;
using Attractor.Llm.FakeProvider;

namespace Attractor.Agent.Tests;

/// <summary>Every profile's sessions offer the subagent tools: spawn and wait against a fake server in the profile's wire format.</summary>
public sealed class SubagentProfileTests : IDisposable
{
    private const string ParentTask = "PARENT: delegate the notes.";
    private const string ChildTask = "CHILD: write notes.txt";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("gemini")]
    public async Task Spawn_and_wait(string profileId)
    {
        var wire = ProfileWire.For(profileId);
        await using var server = await FakeProviderServer.StartAsync();
        var scripts = new AgentScripts(wire.FirstUserText);
        server.Responder = scripts.Respond;
        using var client = new LlmClient([wire.CreateAdapter(server)], profileId);
        scripts.For(ParentTask,
            wire.Call("p1", "spawn_agent", new { task = ChildTask }),
            wire.Call("p2", "wait", new { agent_id = "agent-1" }),
            wire.Text("Parent done."));
        scripts.For(ChildTask,
            wire.Call("c1", "write_file", new { file_path = "notes.txt", content = "from the " + profileId + " child\n" }),
            wire.Text("Wrote notes.txt."));
        var profile = wire.CreateProfile();

        var session = await profile.CreateSessionAsync(client, new LocalExecutionEnvironment(_temp.Path), config: new SessionConfig { Streaming = false });
        var log = new EventLog(session);
        await session.SubmitAsync(ParentTask);
        await session.DisposeAsync();
        await log.Completion;

        Assert.Equal("from the " + profileId + " child\n", await File.ReadAllTextAsync(Path.Combine(_temp.Path, "notes.txt")));
        var parentTools = log.Events.Where(e => e.SessionId == session.Id && e.Kind == SessionEventKind.ToolCallEnd).ToList();
        Assert.Equal(["spawn_agent", "wait"], parentTools.Select(e => e.GetString("tool_name")));
        Assert.Equal(
            "agent_id: agent-1\nstatus: completed\nsuccess: true\nturns_used: 2\noutput:\nWrote notes.txt.",
            parentTools[1].GetString("output"));
        Assert.Equal("Parent done.", ((AssistantTurn)session.History[^1]).Content);
        Assert.Equal(2, scripts.RequestsOf(ChildTask).Count);
        Assert.Equal(3, scripts.RequestsOf(ParentTask).Count);
        Assert.Contains(log.Events, e => e.GetString("agent_id") == "agent-1" && e.Kind == SessionEventKind.ToolCallEnd && e.GetString("tool_name") == "write_file");
        foreach (var request in server.Requests)
        {
            // Parent and child both offer the profile's tools followed by the subagent tools.
            Assert.Contains("\"spawn_agent\"", request.Body, StringComparison.Ordinal);
            Assert.Contains("\"close_agent\"", request.Body, StringComparison.Ordinal);
        }
    }
}
