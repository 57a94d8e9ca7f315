// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Attractor.Llm.Tests.Interop;

public sealed class ChatClientAdapterTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 9, 9];

    [Fact]
    public async Task A_request_becomes_chat_messages_and_options_and_the_response_comes_back_normalized()
    {
        var localImage = Path.Combine(Path.GetTempPath(), "interop-" + Guid.NewGuid().ToString("N") + ".png");
        await File.WriteAllBytesAsync(localImage, Png);
        try
        {
            var fake = new FakeChatClient().Respond(new ChatResponse(new ChatMessage(ChatRole.Assistant,
            [
                new TextReasoningContent("Thinking it over.") { ProtectedData = "sig-xyz" },
                new TextContent("Calling the tool."),
                new FunctionCallContent("call_5", "lookup", new Dictionary<string, object?> { ["q"] = "cats" }),
            ]))
            {
                ResponseId = "r-77",
                ModelId = "llama3.3:70b",
                FinishReason = ChatFinishReason.ToolCalls,
                Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 4, CachedInputTokenCount = 3, ReasoningTokenCount = 2 },
            });
            var adapter = new ChatClientAdapter("ollama", fake);
            var schema = ScriptedAdapter.Json("""{"type":"object","properties":{"q":{"type":"string"}},"required":["q"]}""");
            var request = new Request
            {
                Model = "llama3.3",
                Messages =
                [
                    Message.System("sys"),
                    Message.Developer("dev"),
                    Message.User(
                        ContentPart.FromText("Look:"),
                        ContentPart.FromImage(new ImageData(Png, "image/png")),
                        ContentPart.FromImage(new ImageData("https://example.com/a.jpg", "image/jpeg")),
                        ContentPart.FromImage(new ImageData(localImage)),
                        ContentPart.FromDocument(new DocumentData(Png, "application/pdf", "doc.pdf"))),
                    new Message(Role.Assistant,
                    [
                        ContentPart.FromThinking(new ThinkingData("prior thought", "sig-1")),
                        ContentPart.FromToolCall(new ToolCallData("call_1", "lookup", """{"q": "dogs"}""")),
                    ]),
                    Message.ToolResult("call_1", "3 dogs"),
                ],
                Tools = [new ToolDefinition("lookup", "Looks things up.", schema)],
                ToolChoice = ToolChoice.Named("lookup"),
                ResponseFormat = ResponseFormat.ForSchema(schema, strict: true, name: "answer"),
                Temperature = 0.25,
                TopP = 0.5,
                MaxTokens = 64,
                StopSequences = ["##"],
                ReasoningEffort = "medium",
                ProviderOptions = new JsonObject { ["ollama"] = new JsonObject { ["num_ctx"] = 4096 }, ["openai"] = new JsonObject { ["store"] = true } },
            };

            var response = await adapter.CompleteAsync(request);

            var (messages, options) = Assert.Single(fake.Calls);
            Assert.Equal(["system", "developer", "user", "assistant", "tool"], messages.Select(m => m.Role.Value));
            var user = messages[2].Contents;
            Assert.Equal("Look:", Assert.IsType<TextContent>(user[0]).Text);
            Assert.Equal(Png, Assert.IsType<DataContent>(user[1]).Data.ToArray());
            Assert.Equal(new Uri("https://example.com/a.jpg"), Assert.IsType<UriContent>(user[2]).Uri);
            var local = Assert.IsType<DataContent>(user[3]);
            Assert.Equal(Png, local.Data.ToArray());
            Assert.Equal("image/png", local.MediaType);
            Assert.Equal("doc.pdf", Assert.IsType<DataContent>(user[4]).Name);
            var prior = Assert.IsType<TextReasoningContent>(messages[3].Contents[0]);
            Assert.Equal(("prior thought", "sig-1"), (prior.Text, prior.ProtectedData));
            var priorCall = Assert.IsType<FunctionCallContent>(messages[3].Contents[1]);
            Assert.Equal("dogs", ((JsonElement)priorCall.Arguments!["q"]!).GetString());
            var toolResult = Assert.IsType<FunctionResultContent>(Assert.Single(messages[4].Contents));
            Assert.Equal(("call_1", (object?)"3 dogs"), (toolResult.CallId, toolResult.Result));

            Assert.NotNull(options);
            Assert.Equal("llama3.3", options.ModelId);
            Assert.Equal(0.25f, options.Temperature);
            Assert.Equal(0.5f, options.TopP);
            Assert.Equal(64, options.MaxOutputTokens);
            Assert.Equal(["##"], options.StopSequences!);
            Assert.Equal(ReasoningEffort.Medium, options.Reasoning!.Effort);
            var declaration = Assert.IsAssignableFrom<AIFunctionDeclaration>(Assert.Single(options.Tools!));
            Assert.Equal(("lookup", "Looks things up."), (declaration.Name, declaration.Description));
            Assert.Equal(schema.GetRawText(), declaration.JsonSchema.GetRawText());
            Assert.Equal("lookup", Assert.IsType<RequiredChatToolMode>(options.ToolMode).RequiredFunctionName);
            var format = Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat);
            Assert.Equal("answer", format.SchemaName);
            Assert.Equal(true, options.AdditionalProperties!["strictJsonSchema"]);
            Assert.Equal(4096, ((JsonElement)options.AdditionalProperties["num_ctx"]!).GetInt32());
            Assert.False(options.AdditionalProperties.ContainsKey("store"));

            Assert.Equal("r-77", response.Id);
            Assert.Equal("llama3.3:70b", response.Model);
            Assert.Equal("ollama", response.Provider);
            Assert.Equal("Calling the tool.", response.Text);
            Assert.Equal("Thinking it over.", response.Reasoning);
            Assert.Equal("sig-xyz", response.Message.Content[0].Thinking!.Signature);
            var call = Assert.Single(response.ToolCalls);
            Assert.Equal(("call_5", "lookup", "cats"), (call.Id, call.Name, call.Arguments.GetProperty("q").GetString()));
            Assert.Equal(new FinishReason(FinishReason.ToolCalls, "tool_calls"), response.FinishReason);
            Assert.Equal(new Usage { InputTokens = 10, OutputTokens = 4, TotalTokens = 14, CacheReadTokens = 3, ReasoningTokens = 2 }, response.Usage);
        }
        finally
        {
            File.Delete(localImage);
        }
    }

    [Fact]
    public async Task Missing_ids_model_and_finish_reason_are_filled_in()
    {
        var fake = new FakeChatClient()
            .Respond(new ChatResponse(new ChatMessage(ChatRole.Assistant, "plain")))
            .Respond(new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("c", "t")])))
            .Respond(new ChatResponse(new ChatMessage(ChatRole.Assistant, "cut")) { FinishReason = ChatFinishReason.Length })
            .Respond(new ChatResponse(new ChatMessage(ChatRole.Assistant, "odd")) { FinishReason = new ChatFinishReason("recitation") });
        var adapter = new ChatClientAdapter("fake", fake);
        var request = new Request { Model = "m1", Messages = [Message.User("hi")] };

        var plain = await adapter.CompleteAsync(request);
        var tools = await adapter.CompleteAsync(request);
        var cut = await adapter.CompleteAsync(request);
        var odd = await adapter.CompleteAsync(request);

        Assert.StartsWith("chat_", plain.Id, StringComparison.Ordinal);
        Assert.Equal("m1", plain.Model);
        Assert.Equal(FinishReason.Stop, plain.FinishReason.Reason);
        Assert.Equal(Usage.Empty, plain.Usage);
        Assert.Equal(FinishReason.ToolCalls, tools.FinishReason.Reason);
        Assert.Equal("{}", Assert.Single(tools.ToolCalls).RawArguments);
        Assert.Equal(FinishReason.Length, cut.FinishReason.Reason);
        Assert.Equal(new FinishReason(FinishReason.Other, "recitation"), odd.FinishReason);
    }

    [Fact]
    public async Task Streaming_updates_become_start_delta_end_events_and_a_finish_with_the_accumulated_response()
    {
        var fake = new FakeChatClient().Stream(
            new ChatResponseUpdate(ChatRole.Assistant, [new TextReasoningContent("Think")]) { ResponseId = "r-s", MessageId = "m" },
            new ChatResponseUpdate(null, [new TextReasoningContent("ing")]),
            new ChatResponseUpdate(null, "Hel"),
            new ChatResponseUpdate(null, "lo"),
            new ChatResponseUpdate(null, [new FunctionCallContent("call_1", "lookup", new Dictionary<string, object?> { ["q"] = "x" })]),
            new ChatResponseUpdate(null, " again"),
            new ChatResponseUpdate(null, [new UsageContent(new UsageDetails { InputTokenCount = 8, OutputTokenCount = 6, TotalTokenCount = 14 })]),
            new ChatResponseUpdate { FinishReason = ChatFinishReason.ToolCalls, ModelId = "served-model" });
        var adapter = new ChatClientAdapter("fake", fake);

        var events = new List<StreamEvent>();
        await foreach (var streamEvent in adapter.StreamAsync(new Request { Model = "m1", Messages = [Message.User("hi")] }))
        {
            events.Add(streamEvent);
        }

        Assert.Equal(
        [
            StreamEventType.StreamStart,
            StreamEventType.ReasoningStart, StreamEventType.ReasoningDelta, StreamEventType.ReasoningDelta, StreamEventType.ReasoningEnd,
            StreamEventType.TextStart, StreamEventType.TextDelta, StreamEventType.TextDelta, StreamEventType.TextEnd,
            StreamEventType.ToolCallStart, StreamEventType.ToolCallDelta, StreamEventType.ToolCallEnd,
            StreamEventType.TextStart, StreamEventType.TextDelta, StreamEventType.TextEnd,
            StreamEventType.Finish,
        ], events.Select(e => e.Type));
        Assert.NotEqual(events[5].TextId, events[12].TextId);
        Assert.Equal("""{"q":"x"}""", events[11].ToolCall!.RawArguments);
        var finish = events[^1];
        var response = finish.Response!;
        Assert.Equal(string.Concat(events.Where(e => e.Type == StreamEventType.TextDelta).Select(e => e.Delta)), response.Text);
        Assert.Equal("Hello again", response.Text);
        Assert.Equal("Thinking", response.Reasoning);
        Assert.Equal("lookup", Assert.Single(response.ToolCalls).Name);
        Assert.Equal(("r-s", "served-model", "fake"), (response.Id, response.Model, response.Provider));
        Assert.Equal(FinishReason.ToolCalls, finish.FinishReason!.Reason);
        Assert.Equal(14, finish.Usage!.TotalTokens);
    }

    [Fact]
    public async Task Both_bridges_compose_through_an_LlmClient()
    {
        var fake = new FakeChatClient().Respond(new ChatResponse(new ChatMessage(ChatRole.Assistant, "pong"))
        {
            Usage = new UsageDetails { InputTokenCount = 2, OutputTokenCount = 1 },
            FinishReason = ChatFinishReason.Stop,
        });
        using var client = new LlmClient([fake.AsProviderAdapter("fake")], "fake");
        using var chat = client.AsIChatClient("tiny-model");

        var response = await chat.GetResponseAsync("ping");

        Assert.Equal("pong", response.Text);
        Assert.Equal(3, response.Usage!.TotalTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal("tiny-model", fake.Calls[0].Options!.ModelId);
        Assert.Equal("ping", Assert.Single(fake.Calls[0].Messages).Text);
    }

    [Fact]
    public async Task Chat_client_failures_map_onto_the_error_hierarchy()
    {
        var ours = new ContentFilterException(new ProviderErrorDetails("fake", "blocked"));
        var fake = new FakeChatClient()
            .Fail(new HttpRequestException("Too many requests", null, HttpStatusCode.TooManyRequests))
            .Fail(new HttpRequestException("Unauthorized", null, HttpStatusCode.Unauthorized))
            .Fail(new HttpRequestException("Connection refused"))
            .Fail(new TimeoutException("slow"))
            .Fail(new InvalidOperationException("bug"))
            .Fail(ours)
            .Fail(new OperationCanceledException());
        var adapter = new ChatClientAdapter("fake", fake);
        var request = new Request { Model = "m", Messages = [Message.User("x")] };

        var rateLimited = await Assert.ThrowsAsync<RateLimitException>(() => adapter.CompleteAsync(request));
        Assert.Equal(("fake", 429, true), (rateLimited.Provider, rateLimited.StatusCode, rateLimited.Retryable));
        await Assert.ThrowsAsync<AuthenticationException>(() => adapter.CompleteAsync(request));
        await Assert.ThrowsAsync<NetworkException>(() => adapter.CompleteAsync(request));
        await Assert.ThrowsAsync<RequestTimeoutException>(() => adapter.CompleteAsync(request));
        var unknown = await Assert.ThrowsAsync<ProviderException>(() => adapter.CompleteAsync(request));
        Assert.False(unknown.Retryable);
        Assert.IsType<InvalidOperationException>(unknown.InnerException);
        Assert.Same(ours, await Assert.ThrowsAsync<ContentFilterException>(() => adapter.CompleteAsync(request)));
        await Assert.ThrowsAsync<OperationCanceledException>(() => adapter.CompleteAsync(request));
    }

    [Fact]
    public async Task A_stream_that_breaks_after_data_is_a_stream_error()
    {
        var fake = new FakeChatClient { StreamFailure = new IOException("connection reset") }.Stream(new ChatResponseUpdate(ChatRole.Assistant, "partial"));
        var adapter = new ChatClientAdapter("fake", fake);
        var types = new List<StreamEventType>();

        var error = await Assert.ThrowsAsync<StreamException>(async () =>
        {
            await foreach (var streamEvent in adapter.StreamAsync(new Request { Model = "m", Messages = [Message.User("x")] }))
            {
                types.Add(streamEvent.Type);
            }
        });

        Assert.IsType<IOException>(error.InnerException);
        Assert.Equal([StreamEventType.StreamStart, StreamEventType.TextStart, StreamEventType.TextDelta, StreamEventType.Error], types);
    }

    [Fact]
    public async Task Cancelling_a_stream_passes_the_cancellation_through_without_an_error_event()
    {
        var fake = new FakeChatClient().Stream(new ChatResponseUpdate(ChatRole.Assistant, "a"), new ChatResponseUpdate(null, "b"));
        var adapter = new ChatClientAdapter("fake", fake);
        using var cancellation = new CancellationTokenSource();
        var types = new List<StreamEventType>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var streamEvent in adapter.StreamAsync(new Request { Model = "m", Messages = [Message.User("x")] }, cancellation.Token))
            {
                types.Add(streamEvent.Type);
                if (streamEvent.Type == StreamEventType.TextDelta)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.Equal([StreamEventType.StreamStart, StreamEventType.TextStart, StreamEventType.TextDelta], types);
    }

    [Fact]
    public async Task A_tool_result_with_an_image_travels_as_contents_both_ways()
    {
        var fake = new FakeChatClient().Respond(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
        using var client = new LlmClient([fake.AsProviderAdapter("fake")], "fake");
        using var chat = client.AsIChatClient("m");
        var screenshot = new FunctionResultContent("call_1", new List<AIContent> { new TextContent("Screenshot taken."), new DataContent(Png, "image/png") });

        await chat.GetResponseAsync(
        [
            new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_1", "screenshot")]),
            new ChatMessage(ChatRole.Tool, [screenshot]),
        ]);

        // LlmChatClient turned the contents into a tool result with an image; ChatClientAdapter turned it back.
        var result = Assert.IsType<FunctionResultContent>(Assert.Single(fake.Calls[0].Messages[1].Contents));
        var contents = Assert.IsType<List<AIContent>>(result.Result);
        Assert.Equal("Screenshot taken.", Assert.IsType<TextContent>(contents[0]).Text);
        var image = Assert.IsType<DataContent>(contents[1]);
        Assert.Equal(Png, image.Data.ToArray());
        Assert.Equal("image/png", image.MediaType);
    }
}
