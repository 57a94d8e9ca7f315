// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm;

namespace Attractor.Agent.Tests;

public sealed class SessionTests : IAsyncLifetime
{
    private SessionHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SessionHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Model_writes_a_file_runs_a_command_and_answers()
    {
        _harness.Server.Enqueue(
            ResponsesWire.Calls(("call_1", "write_file", new { file_path = "hello.txt", content = "hi from the agent\n" })),
            ResponsesWire.Calls(("call_2", "shell", new { command = "cat hello.txt" })),
            ResponsesWire.Text("The file says hi."));
        var session = _harness.CreateSession();
        var collecting = SessionHarness.CollectAsync(session);

        await session.SubmitAsync("Create hello.txt and show it.");

        Assert.Equal(SessionState.Idle, session.State);
        Assert.Equal("hi from the agent\n", await File.ReadAllTextAsync(Path.Combine(_harness.Directory, "hello.txt")));
        Assert.Equal(
            [typeof(UserTurn), typeof(AssistantTurn), typeof(ToolResultsTurn), typeof(AssistantTurn), typeof(ToolResultsTurn), typeof(AssistantTurn)],
            session.History.Select(t => t.GetType()));
        Assert.Equal("The file says hi.", ((AssistantTurn)session.History[^1]).Content);
        var requests = _harness.Server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Contains("call_1", ResponsesWire.ToolOutputs(requests[1]).Keys);
        Assert.Contains("hi from the agent", ResponsesWire.ToolOutputs(requests[2])["call_2"], StringComparison.Ordinal);
        Assert.Equal(6, requests[0].Json.GetProperty("tools").GetArrayLength());

        await session.DisposeAsync();
        var events = await collecting;
        Assert.Equal(SessionEventKind.SessionStart, events[0].Kind);
        Assert.Equal(SessionEventKind.SessionEnd, events[^1].Kind);
        Assert.Equal(SessionState.Closed, session.State);
        var shellEnd = Assert.Single(events, e => e.Kind == SessionEventKind.ToolCallEnd && e.GetString("call_id") == "call_2");
        Assert.Contains("hi from the agent", shellEnd.GetString("output"), StringComparison.Ordinal);
        var kinds = events.Select(e => e.Kind).ToList();
        Assert.True(kinds.IndexOf(SessionEventKind.UserInput) < kinds.IndexOf(SessionEventKind.ToolCallStart));
        Assert.True(kinds.IndexOf(SessionEventKind.ToolCallStart) < kinds.IndexOf(SessionEventKind.ToolCallEnd));
        Assert.Equal(SessionEventKind.ProcessingEnd, kinds[^2]);
        var text = Assert.Single(events, e => e.Kind == SessionEventKind.AssistantTextEnd);
        Assert.Equal("The file says hi.", text.GetString("text"));
        var start = kinds.IndexOf(SessionEventKind.AssistantTextStart);
        var end = kinds.IndexOf(SessionEventKind.AssistantTextEnd);
        Assert.True(start < end);
        Assert.All(events[(start + 1)..end], e => Assert.Equal(SessionEventKind.AssistantTextDelta, e.Kind));
        Assert.Equal("The file says hi.", string.Concat(events[(start + 1)..end].Select(e => e.GetString("delta"))));
    }

    [Fact]
    public async Task Text_only_response_completes_naturally_after_one_call()
    {
        _harness.Server.Enqueue(ResponsesWire.Text("Hello."));
        await using var session = _harness.CreateSession();

        await session.SubmitAsync("Say hello.");

        Assert.Equal(SessionState.Idle, session.State);
        Assert.Single(_harness.Server.Requests);
        Assert.Equal([typeof(UserTurn), typeof(AssistantTurn)], session.History.Select(t => t.GetType()));
        var assistant = (AssistantTurn)session.History[1];
        Assert.Equal(15, assistant.Usage.TotalTokens);
        Assert.StartsWith("resp_", assistant.ResponseId, StringComparison.Ordinal);
        Assert.Equal("You are a test agent.", _harness.Server.Requests[0].Json.GetProperty("instructions").GetString());
    }

    [Fact]
    public async Task Max_tool_rounds_per_input_stops_the_loop_with_a_turn_limit_event()
    {
        _harness.Server.Enqueue(
            ResponsesWire.Calls(("c1", "shell", new { command = "echo one" })),
            ResponsesWire.Calls(("c2", "shell", new { command = "echo two" })),
            ResponsesWire.Calls(("c3", "shell", new { command = "echo three" })));
        var session = _harness.CreateSession(new SessionConfig { MaxToolRoundsPerInput = 2 });
        var collecting = SessionHarness.CollectAsync(session);

        await session.SubmitAsync("Loop.");

        Assert.Equal(2, _harness.Server.Requests.Count);
        Assert.Equal(SessionState.Idle, session.State);
        await session.DisposeAsync();
        var limit = Assert.Single(await collecting, e => e.Kind == SessionEventKind.TurnLimit);
        Assert.Equal("2", limit.GetString("round"));
    }

    [Fact]
    public async Task Max_turns_applies_across_inputs()
    {
        _harness.Server.Enqueue(ResponsesWire.Calls(("c1", "shell", new { command = "echo one" })), ResponsesWire.Text("never sent"));
        var session = _harness.CreateSession(new SessionConfig { MaxTurns = 1 });
        var collecting = SessionHarness.CollectAsync(session);

        await session.SubmitAsync("First.");
        await session.SubmitAsync("Second.");

        Assert.Single(_harness.Server.Requests);
        await session.DisposeAsync();
        var limits = (await collecting).Where(e => e.Kind == SessionEventKind.TurnLimit).ToList();
        Assert.Equal(2, limits.Count);
        Assert.All(limits, e => Assert.Equal("1", e.GetString("total_turns")));
    }

    [Fact]
    public async Task Steering_is_injected_before_the_next_call()
    {
        Session? session = null;
        _harness.Tools.Register(AgentTool.Create("nudge", "Lets the host steer.", """{"type":"object"}""", (_, _, _) =>
        {
            session!.Steer("STEER-MARKER-42: use tabs");
            return Task.FromResult(ToolOutput.Success("nudged"));
        }));
        _harness.Server.Enqueue(ResponsesWire.Calls(("c1", "nudge", new { })), ResponsesWire.Text("Using tabs."));
        session = _harness.CreateSession();
        var collecting = SessionHarness.CollectAsync(session);

        await session.SubmitAsync("Format the file.");

        var requests = _harness.Server.Requests;
        Assert.DoesNotContain("STEER-MARKER-42", requests[0].Body, StringComparison.Ordinal);
        Assert.Contains("STEER-MARKER-42", requests[1].Body, StringComparison.Ordinal);
        Assert.Equal(
            [typeof(UserTurn), typeof(AssistantTurn), typeof(ToolResultsTurn), typeof(SteeringTurn), typeof(AssistantTurn)],
            session.History.Select(t => t.GetType()));
        await session.DisposeAsync();
        Assert.Contains(await collecting, e => e.Kind == SessionEventKind.SteeringInjected && e.GetString("content") == "STEER-MARKER-42: use tabs");
    }

    [Fact]
    public async Task Steering_queued_before_submit_reaches_the_first_call_after_the_user_input()
    {
        _harness.Server.Enqueue(ResponsesWire.Text("Ok."));
        await using var session = _harness.CreateSession();

        session.Steer("EARLY-STEER");
        await session.SubmitAsync("USER-INPUT");

        var body = _harness.Server.Requests[0].Body;
        Assert.True(body.IndexOf("USER-INPUT", StringComparison.Ordinal) < body.IndexOf("EARLY-STEER", StringComparison.Ordinal));
        Assert.Equal([typeof(UserTurn), typeof(SteeringTurn), typeof(AssistantTurn)], session.History.Select(t => t.GetType()));
    }

    [Fact]
    public async Task Submitting_while_processing_is_rejected()
    {
        _harness.Server.Enqueue(ResponsesWire.Text("slow") with { FirstByteDelay = TimeSpan.FromSeconds(2) });
        await using var session = _harness.CreateSession();

        var first = session.SubmitAsync("First.");

        await Assert.ThrowsAsync<InvalidOperationException>(() => session.SubmitAsync("Second."));
        await first.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(SessionState.Idle, session.State);
        Assert.Single(_harness.Server.Requests);
    }

    [Fact]
    public async Task Follow_up_is_processed_after_the_current_input_completes()
    {
        Session? session = null;
        _harness.Tools.Register(AgentTool.Create("queue_follow_up", "Queues a follow-up.", """{"type":"object"}""", (_, _, _) =>
        {
            session!.FollowUp("FOLLOW-UP-QUESTION");
            return Task.FromResult(ToolOutput.Success("queued"));
        }));
        _harness.Server.Enqueue(ResponsesWire.Calls(("c1", "queue_follow_up", new { })), ResponsesWire.Text("First done."), ResponsesWire.Text("Second done."));
        session = _harness.CreateSession();
        await using var disposing = session;

        await session.SubmitAsync("First.");

        var requests = _harness.Server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.DoesNotContain("FOLLOW-UP-QUESTION", requests[1].Body, StringComparison.Ordinal);
        Assert.Contains("FOLLOW-UP-QUESTION", requests[2].Body, StringComparison.Ordinal);
        Assert.Equal(
            [typeof(UserTurn), typeof(AssistantTurn), typeof(ToolResultsTurn), typeof(AssistantTurn), typeof(UserTurn), typeof(AssistantTurn)],
            session.History.Select(t => t.GetType()));
        Assert.Equal("Second done.", ((AssistantTurn)session.History[^1]).Content);
    }

    [Fact]
    public async Task Identical_calls_trigger_loop_detection_and_a_steering_warning()
    {
        _harness.Server.Enqueue(
            ResponsesWire.Calls(("c1", "shell", new { command = "echo same" })),
            ResponsesWire.Calls(("c2", "shell", new { command = "echo same" })),
            ResponsesWire.Calls(("c3", "shell", new { command = "echo same" })),
            ResponsesWire.Text("Giving up."));
        var session = _harness.CreateSession(new SessionConfig { LoopDetectionWindow = 3 });
        var collecting = SessionHarness.CollectAsync(session);

        await session.SubmitAsync("Do it.");

        var requests = _harness.Server.Requests;
        Assert.Equal(4, requests.Count);
        Assert.DoesNotContain("Loop detected", requests[2].Body, StringComparison.Ordinal);
        Assert.Contains("Loop detected", requests[3].Body, StringComparison.Ordinal);
        Assert.IsType<SteeringTurn>(session.History[^2]);
        await session.DisposeAsync();
        Assert.Single(await collecting, e => e.Kind == SessionEventKind.LoopDetection);
    }

    [Fact]
    public async Task Disabled_loop_detection_never_warns()
    {
        _harness.Server.Enqueue(
            ResponsesWire.Calls(("c1", "shell", new { command = "echo same" })),
            ResponsesWire.Calls(("c2", "shell", new { command = "echo same" })),
            ResponsesWire.Text("Done."));
        await using var session = _harness.CreateSession(new SessionConfig { LoopDetectionWindow = 2, EnableLoopDetection = false });

        await session.SubmitAsync("Do it.");

        Assert.DoesNotContain(session.History, t => t is SteeringTurn);
    }

    [Fact]
    public async Task Tool_errors_and_unknown_tools_are_sent_back_and_the_loop_continues()
    {
        _harness.Server.Enqueue(
            ResponsesWire.Calls(("c1", "read_file", new { file_path = "missing.txt" }), ("c2", "no_such_tool", new { }), ("c3", "shell", new { command = "echo fine" })),
            ResponsesWire.Text("Recovered."));
        await using var session = _harness.CreateSession();

        await session.SubmitAsync("Read it.");

        Assert.Equal(SessionState.Idle, session.State);
        var results = ((ToolResultsTurn)session.History[2]).Results;
        Assert.Equal(["c1", "c2", "c3"], results.Select(r => r.ToolCallId));
        Assert.Equal([true, true, false], results.Select(r => r.IsError));
        var outputs = ResponsesWire.ToolOutputs(_harness.Server.Requests[1]);
        Assert.Contains("Unknown tool 'no_such_tool'", outputs["c2"], StringComparison.Ordinal);
        Assert.Contains("missing.txt", outputs["c1"], StringComparison.Ordinal);
        Assert.Equal("Recovered.", ((AssistantTurn)session.History[^1]).Content);
    }

    [Fact]
    public async Task Tool_call_end_carries_the_full_output_while_the_model_gets_it_truncated()
    {
        _harness.Server.Enqueue(
            ResponsesWire.Calls(("c1", "shell", new { command = "head -c 40000 /dev/zero | tr '\\0' 'a'" })),
            ResponsesWire.Text("Long."));
        var session = _harness.CreateSession();
        var collecting = SessionHarness.CollectAsync(session);

        await session.SubmitAsync("Print a lot.");

        var modelSaw = ResponsesWire.ToolOutputs(_harness.Server.Requests[1])["c1"];
        Assert.DoesNotContain(new string('a', 40_000), modelSaw, StringComparison.Ordinal);
        Assert.Contains(new string('a', 1_000), modelSaw, StringComparison.Ordinal);
        await session.DisposeAsync();
        var end = Assert.Single(await collecting, e => e.Kind == SessionEventKind.ToolCallEnd);
        Assert.Contains(new string('a', 40_000), end.GetString("output"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Abort_during_a_running_command_closes_the_session()
    {
        _harness.Server.Enqueue(ResponsesWire.Calls(("c1", "shell", new { command = "sleep 120", timeout_ms = 300_000 })));
        var session = _harness.CreateSession();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var collecting = Task.Run(async () =>
        {
            var events = new List<SessionEvent>();
            await foreach (var item in session.Events)
            {
                events.Add(item);
                if (item.Kind == SessionEventKind.ToolCallStart)
                {
                    started.TrySetResult();
                }
            }

            return events;
        });

        var submitting = session.SubmitAsync("Wait.");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await session.AbortAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await submitting.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(SessionState.Closed, session.State);
        var events = await collecting.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(SessionEventKind.SessionStart, events[0].Kind);
        Assert.Equal(SessionEventKind.SessionEnd, events[^1].Kind);
        Assert.DoesNotContain(events, e => e.Kind == SessionEventKind.ToolCallEnd);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.SubmitAsync("Again."));
    }

    [Fact]
    public async Task Cancelling_the_submit_token_aborts_the_session_and_throws()
    {
        _harness.Server.Enqueue(ResponsesWire.Text("slow") with { FirstByteDelay = TimeSpan.FromSeconds(120) });
        var session = _harness.CreateSession();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.SubmitAsync("Hi.", cancellation.Token).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(SessionState.Closed, session.State);
    }

    [Fact]
    public async Task Authentication_error_closes_the_session()
    {
        _harness.Server.Enqueue(ResponsesWire.Unauthorized());
        var session = _harness.CreateSession();
        var collecting = SessionHarness.CollectAsync(session);

        await Assert.ThrowsAsync<AuthenticationException>(() => session.SubmitAsync("Hi."));

        Assert.Equal(SessionState.Closed, session.State);
        var events = await collecting;
        Assert.Contains(events, e => e.Kind == SessionEventKind.Error && e.GetString("error_type") == nameof(AuthenticationException));
        Assert.Equal(SessionEventKind.SessionEnd, events[^1].Kind);
    }

    [Fact]
    public async Task Reasoning_effort_change_applies_to_the_next_call()
    {
        _harness.Server.Enqueue(ResponsesWire.Text("one"), ResponsesWire.Text("two"));
        await using var session = _harness.CreateSession(new SessionConfig { ReasoningEffort = "low" });

        await session.SubmitAsync("First.");
        session.ReasoningEffort = "high";
        await session.SubmitAsync("Second.");

        var requests = _harness.Server.Requests;
        Assert.Equal("low", requests[0].Json.GetProperty("reasoning").GetProperty("effort").GetString());
        Assert.Equal("high", requests[1].Json.GetProperty("reasoning").GetProperty("effort").GetString());
    }

    [Fact]
    public async Task High_context_usage_emits_one_warning()
    {
        _harness.Server.Enqueue(ResponsesWire.Text(new string('x', 400)), ResponsesWire.Text(new string('y', 400)));
        var session = _harness.CreateSession(new SessionConfig { ContextWindowSize = 100 });
        var collecting = SessionHarness.CollectAsync(session);

        await session.SubmitAsync("Talk.");
        await session.SubmitAsync("More.");

        await session.DisposeAsync();
        var warning = Assert.Single(await collecting, e => e.Kind == SessionEventKind.Warning);
        Assert.Contains("Context usage at", warning.GetString("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_to_the_user_waits_for_input_and_the_answer_resumes_processing()
    {
        _harness.Server.Enqueue(ResponsesWire.Text("Should I use tabs or spaces?"), ResponsesWire.Text("Done, with tabs."));
        var session = _harness.CreateSession();
        var collecting = SessionHarness.CollectAsync(session);

        await session.SubmitAsync("Format the file.");
        Assert.Equal(SessionState.AwaitingInput, session.State);
        await session.SubmitAsync("Tabs.");
        Assert.Equal(SessionState.Idle, session.State);

        Assert.Equal("Tabs.", Assert.IsType<UserTurn>(session.History[2]).Content);
        await session.DisposeAsync();
        var events = await collecting;
        Assert.Equal(["AwaitingInput", "Idle"], events.Where(e => e.Kind == SessionEventKind.ProcessingEnd).Select(e => e.GetString("state")));
        Assert.Equal(["Format the file.", "Tabs."], events.Where(e => e.Kind == SessionEventKind.UserInput).Select(e => e.GetString("content")));
        Assert.Equal(("gpt-5.2", "openai"), (events[0].GetString("model"), events[0].GetString("provider")));
        Assert.All(events, e => Assert.Equal(session.Id, e.SessionId));
    }

    [Theory]
    [InlineData("Which test runner do you use?", true)]
    [InlineData("Do you want me to push the branch? **", true)]
    [InlineData("Shall I continue?)\n\n", true)]
    [InlineData("All tests pass.", false)]
    [InlineData("I wondered whether X? It is fine now.", false)]
    [InlineData("", false)]
    public void Questions_are_recognized_by_their_final_question_mark(string text, bool asks) =>
        Assert.Equal(asks, QuestionDetector.AsksUser(text));
}
