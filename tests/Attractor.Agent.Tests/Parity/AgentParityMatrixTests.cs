// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Tests.Parity;

/// <summary>
/// The cross-provider parity matrix of spec §9.12: each row is one theory, each column (OpenAI, Anthropic, Gemini) a
/// case. The model's side is scripted in the provider's wire format (<see cref="AgentWire"/>); the session runs the
/// profile's real tools in a temp directory. Each cell checks the files, the events, and what the session sent back.
/// </summary>
public sealed class AgentParityMatrixTests
{
    private const string TimeoutMessage = "[ERROR: Command timed out after 3000ms. Partial output is shown above.\nYou can retry with a longer timeout by setting the timeout_ms parameter.]";

    public static TheoryData<string> Providers => new(AgentWire.Names);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Simple_file_creation(string provider)
    {
        await using var h = await ParityHarness.StartAsync(provider);
        var path = h.PathOf("hello.py");
        var write = ModelCall.Of("call_write", "write_file", new { file_path = path, content = "print('Hello World')\n" });
        h.Script(ModelTurn.Calling(write), ModelTurn.Say("Created hello.py."));

        await h.Session.SubmitAsync("Create a file called hello.py that prints 'Hello World'");

        Assert.Equal("print('Hello World')\n", h.Read("hello.py"));
        Assert.Equal(2, h.Requests.Count);
        Assert.Equal(["Create a file called hello.py that prints 'Hello World'"], h.Wire.UserTexts(h.Body(0)));
        var result = Assert.Single(h.ResultsSentIn(1, write));
        Assert.Equal("Wrote 21 bytes to " + path, result.Output);
        Assert.False(result.IsError);
        Assert.Equal(SessionState.Idle, h.Session.State);
        var events = await h.CloseAsync();
        var start = Assert.Single(events, e => e.Kind == SessionEventKind.ToolCallStart);
        Assert.Equal("write_file", start.GetString("tool_name"));
        var end = Assert.Single(events, e => e.Kind == SessionEventKind.ToolCallEnd);
        Assert.Equal(start.GetString("call_id"), end.GetString("call_id"));
        Assert.Equal("Wrote 21 bytes to " + path, end.GetString("output"));
        Assert.Equal("Created hello.py.", Assert.Single(events, e => e.Kind == SessionEventKind.AssistantTextEnd).GetString("text"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Read_file_then_edit_it(string provider)
    {
        await using var h = await ParityHarness.StartAsync(provider);
        h.Write("greet.py", "def greet(name):\n    return 'Hello ' + name\n\nprint(greet('World'))\n");
        var read = ModelCall.Of("call_read", "read_file", new { file_path = h.PathOf("greet.py") });
        var edit = h.Wire.EditCall("call_edit", h.Root, "greet.py", "    return 'Hello ' + name", "    return f'Hello, {name}!'");
        h.Script(ModelTurn.Calling(read), ModelTurn.Calling(edit), ModelTurn.Say("greet now adds a comma and an exclamation mark."));

        await h.Session.SubmitAsync("Read greet.py and make the greeting 'Hello, <name>!'.");

        Assert.Equal("def greet(name):\n    return f'Hello, {name}!'\n\nprint(greet('World'))\n", h.Read("greet.py"));
        var readResult = Assert.Single(h.ResultsSentIn(1, read));
        Assert.Equal("1 | def greet(name):\n2 |     return 'Hello ' + name\n3 | \n4 | print(greet('World'))\n", readResult.Output);
        var editResult = Assert.Single(h.ResultsSentIn(2, edit));
        Assert.Equal(h.Wire.EditSucceeded(h.Root, "greet.py"), editResult.Output);
        Assert.False(editResult.IsError);
        var events = await h.CloseAsync();
        Assert.Equal(["read_file", h.Wire.EditTool], events.Where(e => e.Kind == SessionEventKind.ToolCallEnd).Select(e => e.GetString("tool_name")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Multi_file_edit_in_one_session(string provider)
    {
        await using var h = await ParityHarness.StartAsync(provider);
        h.Write("src/a.py", "A = 1\n");
        h.Write("src/b.py", "B = 2\n");
        h.Write("src/c.py", "C = 3\n");
        var editA = h.Wire.EditCall("call_a", h.Root, "src/a.py", "A = 1", "A = 10");
        var editB = h.Wire.EditCall("call_b", h.Root, "src/b.py", "B = 2", "B = 20");
        var create = ModelCall.Of("call_new", "write_file", new { file_path = h.PathOf("src/d.py"), content = "D = 40\n" });
        var editC = h.Wire.EditCall("call_c", h.Root, "src/c.py", "C = 3", "C = 30");
        h.Script(ModelTurn.Calling(editA, editB), ModelTurn.Calling(create), ModelTurn.Calling(editC), ModelTurn.Say("All four modules updated."));

        await h.Session.SubmitAsync("Multiply every constant in src by ten and add D = 40.");

        Assert.Equal(["A = 10\n", "B = 20\n", "C = 30\n", "D = 40\n"], new[] { "a", "b", "c", "d" }.Select(n => h.Read($"src/{n}.py")));
        Assert.Equal(
            [h.Wire.EditSucceeded(h.Root, "src/a.py"), h.Wire.EditSucceeded(h.Root, "src/b.py")],
            h.ResultsSentIn(1, editA, editB).Select(r => r.Output));
        Assert.False(Assert.Single(h.ResultsSentIn(2, create)).IsError);
        Assert.Equal(h.Wire.EditSucceeded(h.Root, "src/c.py"), Assert.Single(h.ResultsSentIn(3, editC)).Output);
        var events = await h.CloseAsync();
        Assert.Equal(4, events.Count(e => e.Kind == SessionEventKind.ToolCallEnd && e.GetString("is_error") == bool.FalseString));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Shell_command_execution(string provider)
    {
        System.Environment.SetEnvironmentVariable("AGENT_PARITY_SHELL_API_KEY", "sk-host-secret");
        await using var h = await ParityHarness.StartAsync(provider);
        h.Write("data.txt", "one\ntwo\nthree\n");
        var shell = ModelCall.Of("call_sh", "shell", new { command = "pwd; wc -l < data.txt; echo \"key=[$AGENT_PARITY_SHELL_API_KEY]\"; echo warn >&2", description = "Inspect the data" });
        var failing = ModelCall.Of("call_fail", "shell", new { command = "echo trying; exit 3" });
        h.Script(ModelTurn.Calling(shell), ModelTurn.Calling(failing), ModelTurn.Say("data.txt has 3 lines."));

        await h.Session.SubmitAsync("How many lines does data.txt have?");

        var result = Assert.Single(h.ResultsSentIn(1, shell));
        Assert.False(result.IsError);
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(h.Root)}\n3\nkey=\[\]\n\[stderr\]\nwarn\n\[exit code: 0, duration: \d+ ms\]$", result.Output);
        var failed = Assert.Single(h.ResultsSentIn(2, failing));
        Assert.True(failed.IsError);
        Assert.Contains("trying\n[exit code: 3, duration: ", failed.Output, StringComparison.Ordinal);
        var events = await h.CloseAsync();
        var end = events.First(e => e.Kind == SessionEventKind.ToolCallEnd);
        Assert.Equal("shell", end.GetString("tool_name"));
        Assert.Contains("key=[]", end.GetString("output"), StringComparison.Ordinal);

        // The output also streamed while the command ran.
        Assert.Equal(h.Root + "\n3\nkey=[]\n", ParityHarness.OutputDeltas(events, end.GetString("call_id")!, "stdout"));
        Assert.Equal("warn\n", ParityHarness.OutputDeltas(events, end.GetString("call_id")!, "stderr"));
        Assert.DoesNotContain(events, e => string.Join('\n', e.Data.Values).Contains("sk-host-secret", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Shell_command_timeout_handling(string provider)
    {
        await using var h = await ParityHarness.StartAsync(provider);
        // 3 s: long enough for "echo partial" to run first on a loaded machine, far below the 30 s sleep.
        var slow = ModelCall.Of("call_slow", "shell", new { command = "echo partial; sleep 30; echo never", timeout_ms = 3000 });
        var quick = ModelCall.Of("call_quick", "shell", new { command = "echo quick" });
        h.Script(ModelTurn.Calling(slow), ModelTurn.SayAndCall("The command timed out; running a quicker one.", quick), ModelTurn.Say("Done."));

        await h.Session.SubmitAsync("Run the slow command, then recover.");

        var timedOut = Assert.Single(h.ResultsSentIn(1, slow));
        Assert.True(timedOut.IsError);
        Assert.Contains("partial\n[exit code: ", timedOut.Output, StringComparison.Ordinal);
        Assert.EndsWith(TimeoutMessage, timedOut.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("never", timedOut.Output, StringComparison.Ordinal);
        var recovered = Assert.Single(h.ResultsSentIn(2, quick));
        Assert.False(recovered.IsError);
        Assert.StartsWith("quick\n", recovered.Output, StringComparison.Ordinal);
        Assert.Equal(SessionState.Idle, h.Session.State);
        var events = await h.CloseAsync();
        var end = events.First(e => e.Kind == SessionEventKind.ToolCallEnd);
        Assert.Equal(bool.TrueString, end.GetString("is_error"));
        Assert.EndsWith(TimeoutMessage, end.GetString("output"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Grep_and_glob_find_files(string provider)
    {
        await using var h = await ParityHarness.StartAsync(provider);
        var main = h.Write("src/app/Main.cs", "class Main\n{\n    // TODO: wire up the parser\n}\n");
        var util = h.Write("src/lib/Util.cs", "static class Util { }\n");
        h.Write("docs/notes.md", "TODO: write docs\n");
        var glob = ModelCall.Of("call_glob", "glob", new { pattern = "**/*.cs" });
        var grep = ModelCall.Of("call_grep", "grep", new { pattern = "TODO", glob_filter = "*.cs" });
        var read = ModelCall.Of("call_read", "read_file", new { file_path = main, offset = 3, limit = 1 });
        h.Script(ModelTurn.Calling(glob, grep), ModelTurn.Calling(read), ModelTurn.Say("The TODO is in src/app/Main.cs line 3."));

        await h.Session.SubmitAsync("Find the C# files and the TODO among them.");

        var results = h.ResultsSentIn(1, glob, grep);
        Assert.Equal([main, util], results[0].Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        var match = Assert.Single(results[1].Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith("Main.cs:3:    // TODO: wire up the parser", match, StringComparison.Ordinal);
        Assert.All(results, r => Assert.False(r.IsError));
        Assert.Equal("3 |     // TODO: wire up the parser\n", Assert.Single(h.ResultsSentIn(2, read)).Output);
        var events = await h.CloseAsync();
        Assert.Equal(["glob", "grep", "read_file"], events.Where(e => e.Kind == SessionEventKind.ToolCallStart).Select(e => e.GetString("tool_name")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Multi_step_read_analyze_edit(string provider)
    {
        await using var h = await ParityHarness.StartAsync(provider);
        h.Write("settings.ini", "[net]\ntimeout = 30\nretries = 2\n");
        h.Write("client.py", "from settings import TIMEOUT\nconnect(timeout=TIMEOUT)\n");
        var read = ModelCall.Of("call_read", "read_file", new { file_path = h.PathOf("settings.ini") });
        var grep = ModelCall.Of("call_grep", "grep", new { pattern = "timeout", case_insensitive = true, path = h.Root, glob_filter = "*.py" });
        var edit = h.Wire.EditCall("call_edit", h.Root, "settings.ini", "timeout = 30", "timeout = 60");
        var verify = ModelCall.Of("call_verify", "shell", new { command = "grep -n timeout settings.ini" });
        h.Script(
            ModelTurn.Calling(read),
            ModelTurn.SayAndCall("The timeout is 30 seconds; checking who uses it.", grep),
            ModelTurn.SayAndCall("Only client.py reads it, so raising it is safe.", edit),
            ModelTurn.Calling(verify),
            ModelTurn.Say("Raised the timeout to 60 seconds."));

        await h.Session.SubmitAsync("Analyze the network timeout and double it.");

        Assert.Equal("[net]\ntimeout = 60\nretries = 2\n", h.Read("settings.ini"));
        Assert.Equal(5, h.Requests.Count);
        Assert.Contains("2 | timeout = 30", Assert.Single(h.ResultsSentIn(1, read)).Output, StringComparison.Ordinal);
        Assert.Equal(2, Assert.Single(h.ResultsSentIn(2, grep)).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(h.Wire.EditSucceeded(h.Root, "settings.ini"), Assert.Single(h.ResultsSentIn(3, edit)).Output);
        Assert.StartsWith("2:timeout = 60\n", Assert.Single(h.ResultsSentIn(4, verify)).Output, StringComparison.Ordinal);

        // The earlier analysis is replayed to the model with every later request.
        Assert.Contains("The timeout is 30 seconds; checking who uses it.", h.Requests[4].Body, StringComparison.Ordinal);
        var events = await h.CloseAsync();
        Assert.Equal(
            ["The timeout is 30 seconds; checking who uses it.", "Only client.py reads it, so raising it is safe.", "Raised the timeout to 60 seconds."],
            events.Where(e => e.Kind == SessionEventKind.AssistantTextEnd).Select(e => e.GetString("text")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Tool_output_truncation_of_a_large_file(string provider)
    {
        await using var h = await ParityHarness.StartAsync(provider);
        h.Write("big.txt", new string('x', 100_000));
        var read = ModelCall.Of("call_big", "read_file", new { file_path = h.PathOf("big.txt") });
        h.Script(ModelTurn.Calling(read), ModelTurn.Say("It is a file of x."));

        await h.Session.SubmitAsync("Read big.txt");

        // "1 | " + 100,000 characters + "\n" is 100,005 characters; read_file keeps 50,000 around the marker.
        var sent = Assert.Single(h.ResultsSentIn(1, read)).Output;
        Assert.StartsWith("1 | " + new string('x', 24_996) + "\n\n[WARNING: Tool output was truncated. 50005 characters were removed from the middle.", sent, StringComparison.Ordinal);
        Assert.EndsWith("re-run the tool with more targeted parameters.]\n\n" + new string('x', 24_999) + "\n", sent, StringComparison.Ordinal);
        var events = await h.CloseAsync();
        var end = Assert.Single(events, e => e.Kind == SessionEventKind.ToolCallEnd);
        Assert.Equal("1 | " + new string('x', 100_000) + "\n", end.GetString("output"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Parallel_tool_calls(string provider)
    {
        await using var h = await ParityHarness.StartAsync(provider);
        h.Write("notes.txt", "note\n");

        // Each command waits for the other's flag: run one after the other, they would both time out.
        var left = ModelCall.Of("call_left", "shell", new { command = "touch left.flag; while [ ! -f right.flag ]; do sleep 0.05; done; echo left done", timeout_ms = 60_000 });
        var right = ModelCall.Of("call_right", "shell", new { command = "touch right.flag; while [ ! -f left.flag ]; do sleep 0.05; done; echo right done", timeout_ms = 60_000 });
        var read = ModelCall.Of("call_notes", "read_file", new { file_path = h.PathOf("notes.txt") });
        h.Script(ModelTurn.Calling(left, right, read), ModelTurn.Say("Both sides met."));

        await h.Session.SubmitAsync("Run both halves at once and read the notes.");

        var results = h.ResultsSentIn(1, left, right, read);
        Assert.All(results, r => Assert.False(r.IsError));
        Assert.StartsWith("left done\n", results[0].Output, StringComparison.Ordinal);
        Assert.StartsWith("right done\n", results[1].Output, StringComparison.Ordinal);
        Assert.Equal("1 | note\n", results[2].Output);
        Assert.Equal(2, h.Requests.Count);
        var events = await h.CloseAsync();
        var shells = events.Where(e => e.GetString("tool_name") == "shell" && e.Kind is SessionEventKind.ToolCallStart or SessionEventKind.ToolCallEnd).Select(e => e.Kind);
        Assert.Equal([SessionEventKind.ToolCallStart, SessionEventKind.ToolCallStart, SessionEventKind.ToolCallEnd, SessionEventKind.ToolCallEnd], shells);
        var callIds = events.Where(e => e.Kind == SessionEventKind.ToolCallStart && e.GetString("tool_name") == "shell").Select(e => e.GetString("call_id")!).ToList();
        Assert.Equal(["left done\n", "right done\n"], callIds.Select(id => ParityHarness.OutputDeltas(events, id, "stdout")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Steering_mid_task(string provider)
    {
        const string Steer = "Actually, just create a single /health endpoint for now.";
        await using var h = await ParityHarness.StartAsync(provider);
        var survey = ModelCall.Of("call_survey", "shell", new { command = "while [ ! -f go ]; do sleep 0.05; done; echo surveyed", timeout_ms = 60_000 });
        var health = ModelCall.Of("call_health", "write_file", new { file_path = h.PathOf("app.py"), content = "@app.get('/health')\ndef health():\n    return 'ok'\n" });
        h.Script(ModelTurn.Calling(survey), ModelTurn.SayAndCall("Understood: only /health.", health), ModelTurn.Say("Created the /health endpoint."));

        var submitting = h.Session.SubmitAsync("Create a Flask web application with multiple routes");
        await h.WaitForEventAsync(e => e.Kind == SessionEventKind.ToolCallStart);
        h.Session.Steer(Steer);
        h.Write("go", string.Empty);
        await submitting.WaitAsync(TimeSpan.FromSeconds(120));

        Assert.DoesNotContain(Steer, h.Requests[0].Body, StringComparison.Ordinal);
        Assert.Equal(["Create a Flask web application with multiple routes", Steer], h.Wire.UserTexts(h.Body(1)));
        var body = h.Requests[1].Body;
        Assert.True(body.IndexOf("surveyed", StringComparison.Ordinal) < body.IndexOf(Steer, StringComparison.Ordinal), "the steering message follows the tool result");
        Assert.Contains("/health", h.Read("app.py"), StringComparison.Ordinal);
        Assert.Equal(
            [typeof(UserTurn), typeof(AssistantTurn), typeof(ToolResultsTurn), typeof(SteeringTurn), typeof(AssistantTurn), typeof(ToolResultsTurn), typeof(AssistantTurn)],
            h.Session.History.Select(t => t.GetType()));
        var events = await h.CloseAsync();
        var kinds = events.Select(e => e.Kind).ToList();
        Assert.Equal(Steer, Assert.Single(events, e => e.Kind == SessionEventKind.SteeringInjected).GetString("content"));
        Assert.True(kinds.IndexOf(SessionEventKind.ToolCallEnd) < kinds.IndexOf(SessionEventKind.SteeringInjected));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reasoning_effort_change(string provider)
    {
        await using var h = await ParityHarness.StartAsync(provider, new SessionConfig { ReasoningEffort = "low" });
        var wait = ModelCall.Of("call_wait", "shell", new { command = "while [ ! -f go ]; do sleep 0.05; done; echo ready", timeout_ms = 60_000 });
        h.Script(
            ModelTurn.Calling(wait) with { Reasoning = "Plan: wait until the go file exists." },
            ModelTurn.Say("Thought harder.") with { Reasoning = "The file exists now; summarise." },
            ModelTurn.Say("And again."));

        var submitting = h.Session.SubmitAsync("Think about it.");
        await h.WaitForEventAsync(e => e.Kind == SessionEventKind.ToolCallStart);
        h.Session.ReasoningEffort = "high";
        h.Write("go", string.Empty);
        await submitting.WaitAsync(TimeSpan.FromSeconds(120));
        h.Session.ReasoningEffort = "medium";
        await h.Session.SubmitAsync("Once more.");

        Assert.Equal(["low", "high", "medium"], h.Recorder.Requests.Select(r => r.ReasoningEffort));
        Assert.Equal(
            new[] { "low", "high", "medium" }.Select(h.Wire.ExpectedReasoning),
            Enumerable.Range(0, 3).Select(i => h.Wire.ReasoningEffort(h.Body(i))));

        // The model's reasoning goes back with its signature, so the provider can resume it.
        Assert.Empty(h.Wire.ReplayedReasoning(h.Body(0)));
        Assert.Equal([AgentWire.SignatureOf("Plan: wait until the go file exists.")], h.Wire.ReplayedReasoning(h.Body(1)));
        Assert.Contains(AgentWire.SignatureOf("The file exists now; summarise."), h.Wire.ReplayedReasoning(h.Body(2)));
        var events = await h.CloseAsync();
        Assert.Equal("The file exists now; summarise.", events.First(e => e.Kind == SessionEventKind.AssistantTextEnd).GetString("reasoning"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Subagent_spawn_and_wait(string provider)
    {
        const string Task = "Write a test for hello.py in test_hello.py.";
        await using var h = await ParityHarness.StartAsync(provider);
        h.Write("pkg/hello.py", "def hello():\n    return 'Hello'\n");
        var spawn = ModelCall.Of("call_spawn", "spawn_agent", new { task = Task, working_dir = "pkg" });
        var wait = ModelCall.Of("call_wait", "wait", new { agent_id = "agent-1" });
        h.Script(ModelTurn.Calling(spawn), ModelTurn.SayAndCall("Waiting for the test writer.", wait), ModelTurn.Say("The subagent wrote a passing test."));
        var write = ModelCall.Of("call_child_write", "write_file", new { file_path = "test_hello.py", content = "from hello import hello\n\ndef test_hello():\n    assert hello() == 'Hello'\n" });
        h.ScriptConversation(Task, ModelTurn.Calling(write), ModelTurn.Say("Wrote test_hello.py with one test."));

        await h.Session.SubmitAsync("Spawn a subagent to write tests for hello.py, then review its output");

        // The child worked in the shared file system, scoped to pkg/.
        Assert.Contains("def test_hello():", h.Read("pkg/test_hello.py"), StringComparison.Ordinal);
        var parent = h.Conversation("Spawn a subagent to write tests for hello.py, then review its output");
        Assert.Equal(3, parent.Count);
        var spawned = Assert.Single(h.ResultsSentIn(parent, 1, spawn));
        Assert.False(spawned.IsError);
        Assert.Contains("agent_id: agent-1\nstatus: running", spawned.Output, StringComparison.Ordinal);
        var waited = Assert.Single(h.ResultsSentIn(parent, 2, wait));
        Assert.False(waited.IsError);
        Assert.Contains("status: completed\nsuccess: true\nturns_used: 2\noutput:\nWrote test_hello.py with one test.", waited.Output, StringComparison.Ordinal);

        // The child has its own history: its first request holds only its task, not the parent's conversation.
        var child = h.Conversation(Task);
        Assert.Equal(2, child.Count);
        Assert.Equal([Task], h.Wire.UserTexts(child[0]));
        Assert.Contains(h.Wire.EditTool, h.Wire.ToolNames(child[0]));
        Assert.Equal("Wrote 73 bytes to test_hello.py", Assert.Single(h.ResultsSentIn(child, 1, write)).Output);

        // The child's events are republished into the parent's stream, tagged with its agent id.
        var events = await h.CloseAsync();
        var childWrite = Assert.Single(events, e => e.Kind == SessionEventKind.ToolCallEnd && e.GetString("tool_name") == "write_file");
        Assert.Equal("agent-1", childWrite.GetString("agent_id"));
        Assert.NotEqual(h.Session.Id, childWrite.SessionId);
        Assert.Equal(
            ["spawn_agent", "wait"],
            events.Where(e => e.Kind == SessionEventKind.ToolCallEnd && e.SessionId == h.Session.Id).Select(e => e.GetString("tool_name")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Loop_detection_triggers_a_warning(string provider)
    {
        await using var h = await ParityHarness.StartAsync(provider);
        h.Write("a.txt", "a\n");
        h.Write("b.txt", "b\n");
        var rounds = Enumerable.Range(1, 5)
            .Select(i => ModelTurn.Calling(
                ModelCall.Of($"call_a{i}", "read_file", new { file_path = h.PathOf("a.txt") }),
                ModelCall.Of($"call_b{i}", "read_file", new { file_path = h.PathOf("b.txt") })))
            .ToList();
        var different = ModelCall.Of("call_diff", "shell", new { command = "diff a.txt b.txt || true" });
        h.Script([.. rounds, ModelTurn.SayAndCall("I keep rereading; comparing instead.", different), ModelTurn.Say("They differ in one line.")]);

        await h.Session.SubmitAsync("Compare a.txt and b.txt.");

        // Five rounds of the same two reads fill the default window of 10 with a pattern of length 2.
        Assert.Equal(7, h.Requests.Count);
        Assert.DoesNotContain(h.Wire.UserTexts(h.Body(4)), t => t.StartsWith("Loop detected", StringComparison.Ordinal));
        var warning = Assert.Single(h.Wire.UserTexts(h.Body(5)), t => t.StartsWith("Loop detected", StringComparison.Ordinal));
        Assert.Contains("Try a different approach.", warning, StringComparison.Ordinal);
        Assert.Equal(2, h.ResultsSentIn(5, ModelCall.Of("call_a5", "read_file", new { }), ModelCall.Of("call_b5", "read_file", new { })).Count);
        var events = await h.CloseAsync();
        Assert.Equal(warning, Assert.Single(events, e => e.Kind == SessionEventKind.LoopDetection).GetString("message"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Error_recovery_tool_fails_and_the_model_retries(string provider)
    {
        await using var h = await ParityHarness.StartAsync(provider);
        h.Write("version.txt", "version = 1.2.3\n");
        var wrong = h.Wire.EditCall("call_wrong", h.Root, "version.txt", "version = 1.2.2", "version = 1.3.0");
        var read = ModelCall.Of("call_read", "read_file", new { file_path = h.PathOf("version.txt") });
        var right = h.Wire.EditCall("call_right", h.Root, "version.txt", "version = 1.2.3", "version = 1.3.0");
        h.Script(
            ModelTurn.Calling(wrong),
            ModelTurn.SayAndCall("The edit failed; reading the file first.", read),
            ModelTurn.Calling(right),
            ModelTurn.Say("Bumped to 1.3.0."));

        await h.Session.SubmitAsync("Bump the minor version.");

        Assert.Equal("version = 1.3.0\n", h.Read("version.txt"));
        var failed = Assert.Single(h.ResultsSentIn(1, wrong));
        Assert.True(failed.IsError);
        Assert.Contains(h.Wire.EditMissFragment, failed.Output, StringComparison.Ordinal);
        Assert.Equal("1 | version = 1.2.3\n", Assert.Single(h.ResultsSentIn(2, read)).Output);
        var retried = Assert.Single(h.ResultsSentIn(3, right));
        Assert.False(retried.IsError);
        Assert.Equal(h.Wire.EditSucceeded(h.Root, "version.txt"), retried.Output);
        Assert.Equal(SessionState.Idle, h.Session.State);
        var events = await h.CloseAsync();
        Assert.Equal(
            [bool.TrueString, bool.FalseString, bool.FalseString],
            events.Where(e => e.Kind == SessionEventKind.ToolCallEnd).Select(e => e.GetString("is_error")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Provider_specific_editing_format(string provider)
    {
        await using var h = await ParityHarness.StartAsync(provider);
        h.Write("app/config.py", "DEBUG = False\nTIMEOUT = 30\n\ndef load():\n    return {'debug': DEBUG}\n");
        h.Write("app/old.py", "legacy = True\n");
        var foreign = h.Wire.EditTool == "apply_patch" ? "edit_file" : "apply_patch";
        var wrongTool = ModelCall.Of("call_foreign", foreign, new { });
        var (edits, expectedOutputs) = h.Wire.EditTool == "apply_patch" ? PatchScript(h) : EditFileScript(h);
        h.Script([ModelTurn.Calling(wrongTool), .. edits.Select(e => ModelTurn.Calling(e)), ModelTurn.Say("Edited in my own format.")]);

        await h.Session.SubmitAsync("Turn on debugging, raise the timeout and retire old.py.");

        // The profile offers its own editing tool and not the other one; its prompt describes it.
        var tools = h.Wire.ToolNames(h.Body(0));
        Assert.Equal([.. h.Profile.ToolRegistry.Names(), "spawn_agent", "send_input", "wait", "close_agent"], tools);
        Assert.Contains(h.Wire.EditTool, tools);
        Assert.DoesNotContain(foreign, tools);
        Assert.Contains(h.Wire.EditTool, h.Wire.SystemPrompt(h.Body(0)), StringComparison.Ordinal);
        var refused = Assert.Single(h.ResultsSentIn(1, wrongTool));
        Assert.True(refused.IsError);
        Assert.Contains($"Unknown tool '{foreign}'", refused.Output, StringComparison.Ordinal);
        for (var i = 0; i < edits.Count; i++)
        {
            var result = Assert.Single(h.ResultsSentIn(i + 2, edits[i]));
            Assert.Equal(expectedOutputs[i].IsError, result.IsError);
            Assert.Contains(expectedOutputs[i].Output, result.Output, StringComparison.Ordinal);
        }

        Assert.Equal("DEBUG = True\nTIMEOUT = 60\n\ndef load():\n    return {'debug': DEBUG, 'timeout': TIMEOUT}\n", h.Read("app/settings.py"));
        Assert.False(File.Exists(h.PathOf("app/config.py")));
        Assert.False(File.Exists(h.PathOf("app/old.py")));
        Assert.Equal("print('new')\n", h.Read("app/new.py"));
        await h.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Single_shot_mode_runs_the_same_task(string provider)
    {
        await using var h = await ParityHarness.StartAsync(provider, new SessionConfig { Streaming = false });
        h.Write("notes.txt", "alpha\n");
        var edit = h.Wire.EditCall("call_edit", h.Root, "notes.txt", "alpha", "beta");
        var show = ModelCall.Of("call_show", "shell", new { command = "cat notes.txt" });
        h.Script(ModelTurn.Calling(edit), ModelTurn.SayAndCall("Edited; checking.", show), ModelTurn.Say("Renamed alpha to beta."));

        await h.Session.SubmitAsync("Rename alpha to beta in notes.txt and show it.");

        Assert.Equal("beta\n", h.Read("notes.txt"));
        Assert.Equal(h.Wire.EditSucceeded(h.Root, "notes.txt"), Assert.Single(h.ResultsSentIn(1, edit)).Output);
        Assert.StartsWith("beta\n[exit code: 0", Assert.Single(h.ResultsSentIn(2, show)).Output, StringComparison.Ordinal);
        Assert.Equal([false, false, false], h.Streamed);
        var events = await h.CloseAsync();
        Assert.Equal(["Edited; checking.", "Renamed alpha to beta."], events.Where(e => e.Kind == SessionEventKind.AssistantTextDelta).Select(e => e.GetString("delta")));
    }

    // OpenAI: one v4a patch adds, updates with two hunks, moves and deletes; the summary names every operation.
    private static (List<ModelCall> Edits, List<(string Output, bool IsError)> Expected) PatchScript(ParityHarness h)
    {
        const string Patch = """
            *** Begin Patch
            *** Add File: app/new.py
            +print('new')
            *** Update File: app/config.py
            *** Move to: app/settings.py
            @@
            -DEBUG = False
            -TIMEOUT = 30
            +DEBUG = True
            +TIMEOUT = 60
            @@ def load():
            -    return {'debug': DEBUG}
            +    return {'debug': DEBUG, 'timeout': TIMEOUT}
            *** Delete File: app/old.py
            *** End Patch
            """;
        return (
            [ModelCall.Of("call_patch", "apply_patch", new { patch = Patch })],
            [("Success. Updated the following files:\nA app/new.py\nR app/config.py -> app/settings.py\nD app/old.py\n", false)]);
    }

    // Anthropic and Gemini: edit_file refuses an ambiguous old_string, then replace_all; files move through shell.
    private static (List<ModelCall> Edits, List<(string Output, bool IsError)> Expected) EditFileScript(ParityHarness h)
    {
        var config = h.PathOf("app/config.py");
        return (
            [
                ModelCall.Of("call_ambiguous", "edit_file", new { file_path = config, old_string = "DEBUG", new_string = "DEBUG_MODE" }),
                ModelCall.Of("call_debug", "edit_file", new { file_path = config, old_string = "DEBUG = False", new_string = "DEBUG = True" }),
                ModelCall.Of("call_timeout", "edit_file", new { file_path = config, old_string = "30", new_string = "60", replace_all = true }),
                ModelCall.Of("call_load", "edit_file", new { file_path = config, old_string = "{'debug': DEBUG}", new_string = "{'debug': DEBUG, 'timeout': TIMEOUT}" }),
                ModelCall.Of("call_new", "write_file", new { file_path = h.PathOf("app/new.py"), content = "print('new')\n" }),
                ModelCall.Of("call_move", "shell", new { command = "mv app/config.py app/settings.py && rm app/old.py" }),
            ],
            [
                ("matches 2 locations", true),
                ("Replaced 1 occurrence in " + config, false),
                ("Replaced 1 occurrence in " + config, false),
                ("Replaced 1 occurrence in " + config, false),
                ("Wrote 13 bytes to " + h.PathOf("app/new.py"), false),
                ("[exit code: 0, ", false),
            ]);
    }
}
