// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm;

namespace Attractor.Agent.Tests.Smoke;

/// <summary>
/// The integration smoke test of spec §9.13, once per profile against the real provider (see
/// <see cref="LiveProfileFactAttribute"/>): a session in a temp directory creates, edits and runs a file, reads a
/// large file, is steered, delegates to a subagent, and handles a command timeout.
/// </summary>
public sealed class AgentSmokeTests
{
    private const string TruncationMarker = "[WARNING: Tool output was truncated.";

    [LiveProfileFact("OPENAI_API_KEY")]
    public Task OpenAI_profile_passes_the_smoke_test() => RunAsync(ProviderProfile.OpenAI());

    [LiveProfileFact("ANTHROPIC_API_KEY")]
    public Task Anthropic_profile_passes_the_smoke_test() => RunAsync(ProviderProfile.Anthropic());

    [LiveProfileFact("GEMINI_API_KEY")]
    public Task Gemini_profile_passes_the_smoke_test() => RunAsync(ProviderProfile.Gemini());

    private static async Task RunAsync(ProviderProfile profile)
    {
        using var temp = new TempDirectory();
        using var client = LlmClient.FromEnv();
        var environment = new LocalExecutionEnvironment(temp.Path);

        // Bounds the cost of a model that goes astray; every step below needs a handful of rounds.
        await using var session = await profile.CreateSessionAsync(client, environment, config: new SessionConfig { MaxToolRoundsPerInput = 25 });
        var events = new List<SessionEvent>();
        var collecting = Task.Run(async () =>
        {
            await foreach (var item in session.Events)
            {
                lock (events)
                {
                    events.Add(item);
                }
            }
        });
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(20));

        // 1. Simple file creation.
        await session.SubmitAsync("Create a file called hello.py that prints 'Hello World'", deadline.Token);
        Assert.True(await environment.FileExistsAsync("hello.py", deadline.Token), "hello.py was not created");
        Assert.Contains("Hello", await environment.ReadFileAsync("hello.py", null, null, deadline.Token), StringComparison.Ordinal);

        // 2. Read and edit.
        await session.SubmitAsync("Read hello.py and add a second print statement that says 'Goodbye'", deadline.Token);
        var content = await environment.ReadFileAsync("hello.py", null, null, deadline.Token);
        Assert.Contains("Hello", content, StringComparison.Ordinal);
        Assert.Contains("Goodbye", content, StringComparison.Ordinal);

        // 3. Shell execution.
        var before = Snapshot(events).Count;
        await session.SubmitAsync("Run hello.py and show the output", deadline.Token);
        Assert.Contains(Snapshot(events).Skip(before), e => e.Kind == SessionEventKind.ToolCallStart && e.GetString("tool_name") == "shell");

        // 4. Truncation: the event keeps all 100k characters, the result sent to the model carries the marker.
        await environment.WriteFileAsync("big.txt", new string('x', 100_000), deadline.Token);
        before = Snapshot(events).Count;
        var historyBefore = session.History.Count;
        await session.SubmitAsync("Read big.txt", deadline.Token);
        Assert.Contains(Snapshot(events).Skip(before), e => e.Kind == SessionEventKind.ToolCallEnd && e.GetString("output")!.Contains(new string('x', 100_000), StringComparison.Ordinal));
        Assert.Contains(
            session.History.Skip(historyBefore).OfType<ToolResultsTurn>().SelectMany(t => t.Results),
            r => r.Output.Contains(TruncationMarker, StringComparison.Ordinal));

        // 5. Steering: queued while the model works on the first request, injected before its next call.
        var submitting = session.SubmitAsync("Create a Flask web application with multiple routes", deadline.Token);
        session.Steer("Actually, just create a single /health endpoint for now");
        await submitting;
        Assert.Contains(Snapshot(events), e => e.Kind == SessionEventKind.SteeringInjected);
        Assert.Contains(session.History, t => t is SteeringTurn);

        // 6. Subagent: its tool calls are republished into the parent's stream, tagged with its agent id.
        before = Snapshot(events).Count;
        await session.SubmitAsync("Spawn a subagent to write tests for hello.py, then review its output", deadline.Token);
        var delegated = Snapshot(events).Skip(before).ToList();
        Assert.Contains(delegated, e => e.Kind == SessionEventKind.ToolCallStart && e.GetString("tool_name") == "spawn_agent" && e.SessionId == session.Id);
        Assert.Contains(delegated, e => e.Kind == SessionEventKind.ToolCallStart && e.GetString("agent_id") is not null && e.SessionId != session.Id);

        // 7. Timeout handling: profiles with a default below 30 s time the command out and the session carries on.
        before = Snapshot(events).Count;
        await session.SubmitAsync("Run 'sleep 30' with the default timeout", deadline.Token);
        var sleeps = Snapshot(events).Skip(before).Where(e => e.Kind == SessionEventKind.ToolCallEnd && e.GetString("tool_name") == "shell").ToList();
        Assert.NotEmpty(sleeps);
        if (profile.Id != "anthropic")
        {
            Assert.Contains(sleeps, e => e.GetString("output")!.Contains("[ERROR: Command timed out after 10000ms.", StringComparison.Ordinal));
        }

        Assert.Equal(SessionState.Idle, session.State);
        await session.DisposeAsync();
        await collecting;
    }

    private static List<SessionEvent> Snapshot(List<SessionEvent> events)
    {
        lock (events)
        {
            return [.. events];
        }
    }
}
