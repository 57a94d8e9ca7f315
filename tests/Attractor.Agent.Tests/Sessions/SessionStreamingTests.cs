// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Text.Json;
using Attractor.Llm;
using Attractor.Llm.FakeProvider;

namespace Attractor.Agent.Tests;

/// <summary>Streaming model calls and streaming tool output (spec §2.5, §2.9), and shutdown mid-stream (Appendix B).</summary>
public sealed class SessionStreamingTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private SessionHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SessionHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Text_deltas_reach_the_host_before_the_response_is_complete()
    {
        _harness.Server.Enqueue(ResponsesWire.Text("Streaming works fine.") with { DelayBetweenEvents = TimeSpan.FromMilliseconds(700) });
        var session = _harness.CreateSession();
        var collecting = SessionHarness.CollectAsync(session, e => e.Kind == SessionEventKind.AssistantTextDelta, out var firstDelta);

        var submitting = session.SubmitAsync("Stream.");
        await firstDelta.WaitAsync(Patience);
        var historyAtFirstDelta = session.History;
        await submitting.WaitAsync(Patience);

        // The turn is recorded only when the stream finished, so a delta seen without it arrived mid-stream.
        Assert.DoesNotContain(historyAtFirstDelta, turn => turn is AssistantTurn);
        await session.DisposeAsync();
        var events = await collecting;
        var kinds = events.Select(e => e.Kind).ToList();
        var start = kinds.IndexOf(SessionEventKind.AssistantTextStart);
        var end = kinds.IndexOf(SessionEventKind.AssistantTextEnd);
        var deltas = events[(start + 1)..end];
        Assert.Equal(3, deltas.Count);
        Assert.All(deltas, e => Assert.Equal(SessionEventKind.AssistantTextDelta, e.Kind));
        Assert.Equal("Streaming works fine.", string.Concat(deltas.Select(e => e.GetString("delta"))));
        Assert.Equal("Streaming works fine.", events[end].GetString("text"));
        Assert.True(_harness.Server.Requests[0].Json.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task Streaming_and_single_shot_record_the_same_turn_and_replay_reasoning_intact()
    {
        var reasoning = ResponsesWire.ReasoningItem("I should list the files.", "gAAAA-encrypted-42");
        var call = ResponsesWire.CallItem(("call_ls", "shell", new { command = "echo listed" }));
        _harness.Server.Enqueue(ResponsesWire.Stream(reasoning, call), ResponsesWire.Text("Done."), ResponsesWire.Json(reasoning, call), ResponsesWire.TextJson("Done."));
        await using var streaming = _harness.CreateSession();
        await using var singleShot = _harness.CreateSession(new SessionConfig { Streaming = false });

        await streaming.SubmitAsync("List.");
        await singleShot.SubmitAsync("List.");

        var streamed = (AssistantTurn)streaming.History[1];
        var complete = (AssistantTurn)singleShot.History[1];
        Assert.Equal(JsonSerializer.Serialize(complete.Message.Content), JsonSerializer.Serialize(streamed.Message.Content));
        Assert.Equal("I should list the files.", streamed.Reasoning);
        Assert.Equal("call_ls", Assert.Single(streamed.ToolCalls).Id);
        var requests = _harness.Server.Requests;
        Assert.False(requests[2].Json.TryGetProperty("stream", out var stream) && stream.GetBoolean());
        foreach (var followUp in new[] { requests[1], requests[3] })
        {
            var replayed = Assert.Single(followUp.Json.GetProperty("input").EnumerateArray(), item => item.GetProperty("type").GetString() == "reasoning");
            Assert.Equal("gAAAA-encrypted-42", replayed.GetProperty("encrypted_content").GetString());
        }
    }

    [Fact]
    public async Task Single_shot_mode_still_emits_the_whole_text_as_one_delta()
    {
        _harness.Server.Enqueue(ResponsesWire.TextJson("All at once."));
        var session = _harness.CreateSession(new SessionConfig { Streaming = false });
        var collecting = SessionHarness.CollectAsync(session);

        await session.SubmitAsync("Answer.");

        await session.DisposeAsync();
        var text = (await collecting).Where(e => e.Kind is SessionEventKind.AssistantTextStart or SessionEventKind.AssistantTextDelta or SessionEventKind.AssistantTextEnd).ToList();
        Assert.Equal([SessionEventKind.AssistantTextStart, SessionEventKind.AssistantTextDelta, SessionEventKind.AssistantTextEnd], text.Select(e => e.Kind));
        Assert.Equal("All at once.", text[1].GetString("delta"));
    }

    [Fact]
    public async Task Shell_output_streams_as_deltas_while_the_command_runs()
    {
        // The command waits for a file the test creates only after it saw the first delta: output must stream to get there.
        var command = "echo started; while [ ! -f go ]; do sleep 0.05; done; echo oops >&2; echo finished";
        _harness.Server.Enqueue(ResponsesWire.Calls(("c1", "shell", new { command, timeout_ms = 120_000 })), ResponsesWire.Text("Ran it."));
        var session = _harness.CreateSession();
        var collecting = SessionHarness.CollectAsync(session, e => e.Kind == SessionEventKind.ToolCallOutputDelta, out var firstDelta);

        var submitting = session.SubmitAsync("Run it.");
        var first = await firstDelta.WaitAsync(Patience);
        await File.WriteAllTextAsync(Path.Combine(_harness.Directory, "go"), string.Empty);
        await submitting.WaitAsync(Patience);

        Assert.Equal("started\n", first.GetString("delta"));
        Assert.Equal("c1", first.GetString("call_id"));
        Assert.Equal("shell", first.GetString("tool_name"));
        await session.DisposeAsync();
        var events = await collecting;
        var deltas = events.Where(e => e.Kind == SessionEventKind.ToolCallOutputDelta).ToList();
        Assert.Equal("started\nfinished\n", string.Concat(deltas.Where(e => e.GetString("stream") == "stdout").Select(e => e.GetString("delta"))));
        Assert.Equal("oops\n", string.Concat(deltas.Where(e => e.GetString("stream") == "stderr").Select(e => e.GetString("delta"))));
        var kinds = events.Select(e => e.Kind).ToList();
        Assert.True(kinds.IndexOf(SessionEventKind.ToolCallStart) < kinds.IndexOf(SessionEventKind.ToolCallOutputDelta));
        Assert.True(kinds.LastIndexOf(SessionEventKind.ToolCallOutputDelta) < kinds.IndexOf(SessionEventKind.ToolCallEnd));
    }

    [Fact]
    public async Task A_consumer_environment_without_streaming_reports_output_once_the_command_ends()
    {
        _harness.Server.Enqueue(ResponsesWire.Calls(("c1", "shell", new { command = "echo out; echo err >&2" })), ResponsesWire.Text("Ok."));
        var session = new Session(_harness.Client, "openai", "gpt-5.2", new ForwardingEnvironment(_harness.Environment), _harness.Tools, "You are a test agent.");
        var collecting = SessionHarness.CollectAsync(session);

        await session.SubmitAsync("Run.");

        await session.DisposeAsync();
        var deltas = (await collecting).Where(e => e.Kind == SessionEventKind.ToolCallOutputDelta).ToList();
        Assert.Equal([("out\n", "stdout"), ("err\n", "stderr")], deltas.Select(e => (e.GetString("delta"), e.GetString("stream"))));
    }

    [Fact]
    public async Task Abort_mid_stream_closes_the_stream_and_ends_the_session()
    {
        var words = string.Join(' ', Enumerable.Range(1, 40).Select(i => "word" + i));
        _harness.Server.Enqueue(ResponsesWire.Text(words) with { DelayBetweenEvents = TimeSpan.FromSeconds(2) });
        var session = _harness.CreateSession();
        var collecting = SessionHarness.CollectAsync(session, e => e.Kind == SessionEventKind.AssistantTextDelta, out var firstDelta);

        var submitting = session.SubmitAsync("Talk a lot.");
        await firstDelta.WaitAsync(Patience);
        await session.AbortAsync().WaitAsync(Patience);
        await submitting.WaitAsync(Patience);

        Assert.Equal(SessionState.Closed, session.State);
        Assert.DoesNotContain(session.History, turn => turn is AssistantTurn);
        var events = await collecting.WaitAsync(Patience);
        Assert.Equal(SessionEventKind.SessionEnd, events[^1].Kind);
        Assert.Equal("Closed", events[^1].GetString("state"));
        Assert.DoesNotContain(events, e => e.Kind is SessionEventKind.AssistantTextEnd or SessionEventKind.ProcessingEnd);
        Assert.True(events.Count(e => e.Kind == SessionEventKind.AssistantTextDelta) < 40);
    }

    [Fact]
    public async Task Abort_kills_the_running_command_and_its_children()
    {
        var command = "sleep 300 & echo $! > child.pid; echo ready; wait";
        _harness.Server.Enqueue(ResponsesWire.Calls(("c1", "shell", new { command, timeout_ms = 600_000 })));
        var session = _harness.CreateSession();
        var collecting = SessionHarness.CollectAsync(session, e => e.Kind == SessionEventKind.ToolCallOutputDelta, out var ready);

        var submitting = session.SubmitAsync("Wait.");
        await ready.WaitAsync(Patience);
        var pid = int.Parse((await File.ReadAllTextAsync(Path.Combine(_harness.Directory, "child.pid"))).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(IsRunning(pid));
        await session.AbortAsync().WaitAsync(Patience);
        await submitting.WaitAsync(Patience);

        var deadline = Stopwatch.StartNew();
        while (IsRunning(pid) && deadline.Elapsed < Patience)
        {
            await Task.Delay(100);
        }

        Assert.False(IsRunning(pid), $"The command's child {pid} survived the abort.");
        var events = await collecting.WaitAsync(Patience);
        Assert.Equal(SessionEventKind.SessionEnd, events[^1].Kind);
        Assert.Equal(SessionState.Closed, session.State);
    }

    [Fact]
    public async Task A_stream_failing_before_any_text_is_retried()
    {
        _harness.Server.Enqueue(
            FakeResponse.Error(503, """{"error":{"message":"Overloaded.","type":"server_error","code":null}}"""),
            FakeResponse.Reset(),
            ResponsesWire.Text("Third time lucky."));
        await using var session = _harness.CreateSession(new SessionConfig { RetryPolicy = FastRetries(2) });

        await session.SubmitAsync("Hi.");

        Assert.Equal(3, _harness.Server.Requests.Count);
        Assert.Equal("Third time lucky.", ((AssistantTurn)session.History[^1]).Content);
        Assert.Equal(SessionState.Idle, session.State);
    }

    [Fact]
    public async Task A_stream_breaking_after_text_reached_the_host_is_not_retried()
    {
        _harness.Server.Enqueue(ResponsesWire.Text("Half of an answer that breaks.") with { CutAfterEvents = 4 }, ResponsesWire.Text("never requested"));
        var session = _harness.CreateSession(new SessionConfig { RetryPolicy = FastRetries(2) });
        var collecting = SessionHarness.CollectAsync(session);

        await Assert.ThrowsAnyAsync<LlmException>(() => session.SubmitAsync("Hi.").WaitAsync(Patience));

        Assert.Single(_harness.Server.Requests);
        Assert.Equal(SessionState.Closed, session.State);
        var events = await collecting.WaitAsync(Patience);
        Assert.Contains(events, e => e.Kind == SessionEventKind.AssistantTextDelta);
        Assert.Contains(events, e => e.Kind == SessionEventKind.Error);
        Assert.Equal(SessionEventKind.SessionEnd, events[^1].Kind);
    }

    [Fact]
    public async Task Authentication_error_closes_the_session_without_retrying()
    {
        _harness.Server.Enqueue(ResponsesWire.Unauthorized(), ResponsesWire.Text("never requested"));
        var session = _harness.CreateSession(new SessionConfig { RetryPolicy = FastRetries(3) });
        var collecting = SessionHarness.CollectAsync(session);

        var error = await Assert.ThrowsAsync<AuthenticationException>(() => session.SubmitAsync("Hi."));

        Assert.Single(_harness.Server.Requests);
        Assert.Equal(SessionState.Closed, session.State);
        var events = await collecting.WaitAsync(Patience);
        var reported = Assert.Single(events, e => e.Kind == SessionEventKind.Error);
        Assert.Equal(nameof(AuthenticationException), reported.GetString("error_type"));
        Assert.DoesNotContain("sk-test", reported.GetString("message"), StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test", error.Message, StringComparison.Ordinal);
        Assert.Equal([SessionEventKind.Error, SessionEventKind.SessionEnd], events.TakeLast(2).Select(e => e.Kind));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.SubmitAsync("Again."));
    }

    [Fact]
    public async Task Context_overflow_warns_and_leaves_the_session_usable()
    {
        _harness.Server.Enqueue(
            FakeResponse.Error(400, """{"error":{"message":"Your input exceeds the context window of this model.","type":"invalid_request_error","code":"context_length_exceeded"}}"""),
            ResponsesWire.Text("Short answer."));
        var session = _harness.CreateSession(new SessionConfig { RetryPolicy = FastRetries(2) });
        var collecting = SessionHarness.CollectAsync(session);

        await session.SubmitAsync("A very long input.");
        Assert.Equal(SessionState.Idle, session.State);
        await session.SubmitAsync("Shorter.");

        Assert.Equal(2, _harness.Server.Requests.Count);
        await session.DisposeAsync();
        var events = await collecting;
        var warning = Assert.Single(events, e => e.Kind == SessionEventKind.Warning);
        Assert.StartsWith("Context length exceeded", warning.GetString("message"), StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Kind == SessionEventKind.Error);
    }

    private static RetryPolicy FastRetries(int count) => new() { MaxRetries = count, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) };

    /// <summary>Whether a process exists and is not a zombie waiting to be reaped (a killed orphan may linger as one).</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
