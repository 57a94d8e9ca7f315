// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using Attractor.Llm;
using Attractor.Llm.FakeProvider;

namespace Attractor.Agent.Tests;

public sealed class RequestHistoryTests
{
    [Fact]
    public async Task Each_turn_becomes_request_messages_once_and_later_requests_reuse_them()
    {
        await using var server = await FakeProviderServer.StartAsync();
        using var temp = new TempDirectory();
        var recorder = new RequestRecorder();
        using var client = new LlmClient(
            [new OpenAIAdapter(new OpenAIAdapterOptions { ApiKey = "sk-test", BaseUrl = new Uri(server.BaseUrl, "v1").ToString() })],
            "openai",
            [recorder]);
        var tools = new ToolRegistry();
        foreach (var tool in CoreTools.All())
        {
            tools.Register(tool);
        }

        server.Enqueue(
            ResponsesWire.Calls(("call_1", "write_file", new { file_path = "a.txt", content = "alpha\n" })),
            ResponsesWire.Calls(("call_2", "read_file", new { file_path = "a.txt" }), ("call_3", "glob", new { pattern = "*.txt" })),
            ResponsesWire.Text("Done."));
        var session = new Session(client, "openai", "gpt-5.2", new LocalExecutionEnvironment(temp.Path), tools, "You are a test agent.");
        var collecting = SessionHarness.CollectAsync(session);

        await session.SubmitAsync("Write a.txt, then read it.");
        await session.DisposeAsync();
        _ = await collecting;

        var requests = recorder.Requests;
        Assert.Equal(3, requests.Count);

        // system, user | assistant, 1 tool result | assistant, 2 tool results
        Assert.Equal([2, 4, 7], requests.Select(r => r.Messages.Count));
        Assert.Equal(
            [Role.System, Role.User, Role.Assistant, Role.Tool, Role.Assistant, Role.Tool, Role.Tool],
            requests[2].Messages.Select(m => m.Role));
        Assert.Equal(["call_2", "call_3"], requests[2].Messages.Skip(5).Select(m => m.ToolCallId));
        Assert.Contains("alpha", requests[2].Messages[5].Content[0].ToolResult!.ContentText, StringComparison.Ordinal);

        // The same message objects, not rebuilt ones: the cost of a call no longer grows with the history before it.
        for (var i = 1; i < requests.Count; i++)
        {
            for (var m = 0; m < requests[i - 1].Messages.Count; m++)
            {
                Assert.Same(requests[i - 1].Messages[m], requests[i].Messages[m]);
            }
        }

        var wire = server.Requests;
        Assert.Contains("alpha", ResponsesWire.ToolOutputs(wire[2])["call_2"], StringComparison.Ordinal);
    }

    [Fact]
    public void Characters_count_prompt_text_reasoning_arguments_and_truncated_outputs()
    {
        var history = new RequestHistory("system!");
        var now = DateTimeOffset.UtcNow;
        history.Add(new UserTurn("hello", now));
        var assistant = new Message(Role.Assistant,
        [
            ContentPart.FromThinking(new ThinkingData("think")),
            ContentPart.FromText("ok"),
            ContentPart.FromToolCall(new ToolCallData("c1", "shell", """{"command":"ls"}""")),
        ]);
        history.Add(new AssistantTurn(assistant, Usage.Empty, "r1", now));
        history.Add(new ToolResultsTurn([new ToolExecutionResult("c1", "shell", "cut", "the full output", IsError: false)], now));
        history.Add(new SteeringTurn("steer", now));
        history.Add(new AssistantTurn(Message.Assistant("bye"), Usage.Empty, "r2", now));

        // 7 + 5 + (5 + 2 + 16) + 3 (the truncated output, not the full one) + 5 + 3
        Assert.Equal(46, history.Characters);
        Assert.Equal(2, history.ModelCalls);
        var messages = history.Messages();
        Assert.Equal([Role.System, Role.User, Role.Assistant, Role.Tool, Role.User, Role.Assistant], messages.Select(m => m.Role));
        Assert.Same(assistant, messages[2]);
        Assert.Equal("cut", messages[3].Content[0].ToolResult!.ContentText);
    }

    [Fact]
    public void Messages_handed_out_do_not_change_when_turns_are_added()
    {
        var history = new RequestHistory("system");
        var before = history.Messages();

        history.Add(new UserTurn("next", DateTimeOffset.UtcNow));

        Assert.Single(before);
        Assert.Equal(2, history.Messages().Count);
    }

    /// <summary>Keeps the requests the session hands to the client, as objects (the fake server sees only their JSON).</summary>
    private sealed class RequestRecorder : ILlmMiddleware
    {
        private readonly ConcurrentQueue<Request> _requests = new();

        public IReadOnlyList<Request> Requests => [.. _requests];

        public Task<Response> CompleteAsync(Request request, CompleteNext next, CancellationToken cancellationToken)
        {
            _requests.Enqueue(request);
            return next(request, cancellationToken);
        }

        public IAsyncEnumerable<StreamEvent> StreamAsync(Request request, StreamNext next, CancellationToken cancellationToken)
        {
            _requests.Enqueue(request);
            return next(request, cancellationToken);
        }
    }
}
