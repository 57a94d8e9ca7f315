// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Attractor.Llm.Tests.Interop;

public sealed class LlmChatClientTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];

    [Fact]
    public async Task Text_request_and_response_translate_with_options_usage_and_finish_reason()
    {
        var adapter = new ScriptedAdapter().Complete(ScriptedAdapter.TextResponse("Hello there") with
        {
            Usage = new Usage { InputTokens = 11, OutputTokens = 7, TotalTokens = 18, ReasoningTokens = 3, CacheReadTokens = 5, CacheWriteTokens = 2 },
        });
        using var client = new LlmClient([adapter], "scripted");
        using var chat = new LlmChatClient(client, "default-model");

        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hi")],
            new ChatOptions
            {
                ModelId = "model-x",
                Instructions = "Answer in English.",
                Temperature = 0.5f,
                TopP = 0.9f,
                MaxOutputTokens = 100,
                StopSequences = ["END"],
                Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High },
                AdditionalProperties = new() { ["provider_options"] = new JsonObject { ["scripted"] = new JsonObject { ["k"] = 1 } } },
            });

        var request = Assert.Single(adapter.Requests);
        Assert.Equal("model-x", request.Model);
        Assert.Null(request.Provider);
        Assert.Equal([Role.System, Role.System, Role.User], request.Messages.Select(m => m.Role));
        Assert.Equal(["Answer in English.", "Be brief.", "Hi"], request.Messages.Select(m => m.Text));
        Assert.Equal(0.5, request.Temperature!.Value, 5);
        Assert.Equal(0.9, request.TopP!.Value, 5);
        Assert.Equal(100, request.MaxTokens);
        Assert.Equal(["END"], request.StopSequences!);
        Assert.Equal("high", request.ReasoningEffort);
        Assert.Equal(1, request.ProviderOptions!["scripted"]!["k"]!.GetValue<int>());

        Assert.Equal("Hello there", response.Text);
        Assert.Equal("resp_1", response.ResponseId);
        Assert.Equal("model-1", response.ModelId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(ChatRole.Assistant, Assert.Single(response.Messages).Role);
        Assert.Equal(11, response.Usage!.InputTokenCount);
        Assert.Equal(7, response.Usage.OutputTokenCount);
        Assert.Equal(18, response.Usage.TotalTokenCount);
        Assert.Equal(3, response.Usage.ReasoningTokenCount);
        Assert.Equal(5, response.Usage.CachedInputTokenCount);
        Assert.Equal(2, response.Usage.AdditionalCounts!["cache_write_tokens"]);
        Assert.IsType<Response>(response.RawRepresentation);
    }

    [Fact]
    public async Task The_default_model_applies_and_a_missing_model_is_a_configuration_error()
    {
        var adapter = new ScriptedAdapter().Complete(ScriptedAdapter.TextResponse("ok"));
        using var client = new LlmClient([adapter], "scripted");

        await new LlmChatClient(client, "default-model").GetResponseAsync("Hi");
        await Assert.ThrowsAsync<ConfigurationException>(() => new LlmChatClient(client).GetResponseAsync("Hi"));

        Assert.Equal("default-model", Assert.Single(adapter.Requests).Model);
    }

    [Fact]
    public async Task Images_as_bytes_and_urls_and_developer_messages_translate()
    {
        var adapter = new ScriptedAdapter().Complete(ScriptedAdapter.TextResponse("A cat."));
        using var client = new LlmClient([adapter], "scripted");
        using var chat = new LlmChatClient(client, "m");

        await chat.GetResponseAsync(
        [
            new ChatMessage(new ChatRole("developer"), "Describe images."),
            new ChatMessage(ChatRole.User,
            [
                new TextContent("What is this?"),
                new DataContent(Png, "image/png") { AdditionalProperties = new() { ["detail"] = "high" } },
                new UriContent("https://example.com/cat.jpg", "image/jpeg"),
                new DataContent(Png, "application/pdf") { Name = "a.pdf" },
            ]),
        ]);

        var request = Assert.Single(adapter.Requests);
        Assert.Equal(Role.Developer, request.Messages[0].Role);
        var parts = request.Messages[1].Content;
        Assert.Equal([ContentKind.Text, ContentKind.Image, ContentKind.Image, ContentKind.Document], parts.Select(p => p.Kind));
        Assert.Equal(Png, parts[1].Image!.Data!.Value.ToArray());
        Assert.Equal("image/png", parts[1].Image!.MediaType);
        Assert.Equal("high", parts[1].Image!.Detail);
        Assert.Equal("https://example.com/cat.jpg", parts[2].Image!.Url);
        Assert.Equal("image/jpeg", parts[2].Image!.MediaType);
        Assert.Equal("a.pdf", parts[3].Document!.FileName);
    }

    [Fact]
    public async Task Tool_calls_keep_their_raw_arguments_and_parallel_results_become_one_message_each()
    {
        const string RawArguments = "{ \"city\" : \"Paris\",\"days\":2 }";
        var adapter = new ScriptedAdapter()
            .Complete(ScriptedAdapter.ToolCallResponse("call_1", "get_weather", RawArguments))
            .Complete(ScriptedAdapter.TextResponse("Sunny."));
        using var client = new LlmClient([adapter], "scripted");
        using var chat = new LlmChatClient(client, "m");
        List<ChatMessage> history = [new(ChatRole.User, "Weather?")];

        var first = await chat.GetResponseAsync(history);

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(first.Messages[0].Contents));
        Assert.Equal("call_1", call.CallId);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Paris", ((JsonElement)call.Arguments!["city"]!).GetString());
        Assert.Equal(2, ((JsonElement)call.Arguments["days"]!).GetInt32());

        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.Tool,
        [
            new FunctionResultContent("call_1", "sunny"),
            new FunctionResultContent("call_2", new { temperature = 21 }) { Exception = new InvalidOperationException("partly failed") },
        ]));
        await chat.GetResponseAsync(history);

        var second = adapter.Requests[1];
        Assert.Equal([Role.User, Role.Assistant, Role.Tool, Role.Tool], second.Messages.Select(m => m.Role));
        Assert.Equal(RawArguments, second.Messages[1].Content[0].ToolCall!.Arguments);
        Assert.Equal("call_1", second.Messages[2].ToolCallId);
        Assert.Equal("sunny", second.Messages[2].Content[0].ToolResult!.Content.GetString());
        Assert.False(second.Messages[2].Content[0].ToolResult!.IsError);
        Assert.Equal("call_2", second.Messages[3].ToolCallId);
        Assert.Equal(21, second.Messages[3].Content[0].ToolResult!.Content.GetProperty("temperature").GetInt32());
        Assert.True(second.Messages[3].Content[0].ToolResult!.IsError);
    }

    [Fact]
    public async Task A_call_built_by_hand_serializes_its_arguments()
    {
        var adapter = new ScriptedAdapter().Complete(ScriptedAdapter.TextResponse("ok"));
        using var client = new LlmClient([adapter], "scripted");

        await new LlmChatClient(client, "m").GetResponseAsync(
            [new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("c1", "lookup", new Dictionary<string, object?> { ["q"] = "x", ["n"] = 3 })])]);

        var call = adapter.Requests[0].Messages[0].Content[0].ToolCall!;
        Assert.Equal("c1", call.Id);
        Assert.Equal("""{"q":"x","n":3}""", call.Arguments);
    }

    [Fact]
    public async Task Tools_tool_modes_and_response_formats_translate()
    {
        var adapter = new ScriptedAdapter();
        for (var i = 0; i < 6; i++)
        {
            adapter.Complete(ScriptedAdapter.TextResponse("{}"));
        }

        using var client = new LlmClient([adapter], "scripted");
        using var chat = new LlmChatClient(client, "m");
        var weather = AIFunctionFactory.Create((string city) => "sunny in " + city, "get_weather", "Gets the weather.");
        var schema = ScriptedAdapter.Json("""{"type":"object","properties":{"name":{"type":"string"}}}""");

        await chat.GetResponseAsync("q", new ChatOptions { Tools = [weather], ToolMode = ChatToolMode.Auto, ResponseFormat = ChatResponseFormat.Text });
        await chat.GetResponseAsync("q", new ChatOptions { Tools = [weather], ToolMode = ChatToolMode.None, ResponseFormat = ChatResponseFormat.Json });
        await chat.GetResponseAsync("q", new ChatOptions { Tools = [weather], ToolMode = ChatToolMode.RequireAny });
        await chat.GetResponseAsync("q", new ChatOptions
        {
            Tools = [weather.AsDeclarationOnly()],
            ToolMode = ChatToolMode.RequireSpecific("get_weather"),
            ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "person"),
            AdditionalProperties = new() { ["strictJsonSchema"] = true },
        });
        await Assert.ThrowsAsync<NotSupportedException>(() => chat.GetResponseAsync("q", new ChatOptions { Tools = [new HostedWebSearchTool()] }));

        var tool = Assert.Single(adapter.Requests[0].Tools!);
        Assert.Equal("get_weather", tool.Name);
        Assert.Equal("Gets the weather.", tool.Description);
        Assert.Equal("string", tool.Parameters.GetProperty("properties").GetProperty("city").GetProperty("type").GetString());
        Assert.Equal([ToolChoiceMode.Auto, ToolChoiceMode.None, ToolChoiceMode.Required, ToolChoiceMode.Named], adapter.Requests.Select(r => r.ToolChoice!.Mode));
        Assert.Equal("get_weather", adapter.Requests[3].ToolChoice!.ToolName);
        Assert.Equal("text", adapter.Requests[0].ResponseFormat!.Type);
        Assert.Equal("json", adapter.Requests[1].ResponseFormat!.Type);
        Assert.Null(adapter.Requests[2].ResponseFormat);
        var format = adapter.Requests[3].ResponseFormat!;
        Assert.Equal("json_schema", format.Type);
        Assert.Equal("person", format.SchemaName);
        Assert.True(format.Strict);
        Assert.Equal("string", format.JsonSchema!.Value.GetProperty("properties").GetProperty("name").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Thinking_with_signature_and_redacted_thinking_round_trip_through_reasoning_content()
    {
        var answer = ScriptedAdapter.TextResponse("42") with
        {
            Message = new Message(Role.Assistant,
            [
                ContentPart.FromThinking(new ThinkingData("Let me think.", "sig-abc") { Provider = "anthropic" }),
                ContentPart.FromThinking(new ThinkingData("opaque-data", Redacted: true) { Provider = "anthropic" }),
                ContentPart.FromText("42"),
            ]),
        };
        var adapter = new ScriptedAdapter().Complete(answer).Complete(ScriptedAdapter.TextResponse("ok"));
        using var client = new LlmClient([adapter], "scripted");
        using var chat = new LlmChatClient(client, "m");

        var response = await chat.GetResponseAsync("Question");
        var reasoning = response.Messages[0].Contents.OfType<TextReasoningContent>().ToList();
        Assert.Equal("Let me think.", reasoning[0].Text);
        Assert.Equal("sig-abc", reasoning[0].ProtectedData);
        Assert.Equal(string.Empty, reasoning[1].Text);
        Assert.Equal("opaque-data", reasoning[1].ProtectedData);

        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "Question"), .. response.Messages, new ChatMessage(ChatRole.User, "Again")]);

        Assert.Equal(answer.Message.Content, adapter.Requests[1].Messages[1].Content);
    }

    [Fact]
    public async Task Streaming_yields_text_reasoning_function_calls_and_a_final_update_with_usage()
    {
        var final = new Response
        {
            Id = "resp_s",
            Model = "model-s",
            Provider = "scripted",
            Message = new Message(Role.Assistant,
            [
                ContentPart.FromThinking(new ThinkingData("Hmm, weather.", "sig-1")),
                ContentPart.FromText("Checking."),
                ContentPart.FromToolCall(new ToolCallData("call_9", "get_weather", """{"city":"Oslo"}""")),
            ]),
            FinishReason = new FinishReason(FinishReason.ToolCalls, "tool_use"),
            Usage = new Usage { InputTokens = 30, OutputTokens = 12, TotalTokens = 42, ReasoningTokens = 4 },
        };
        var toolCall = ToolCall.FromData(final.Message.Content[2].ToolCall!);
        var adapter = new ScriptedAdapter().Stream(
            new StreamEvent(StreamEventType.StreamStart),
            new StreamEvent(StreamEventType.ReasoningStart),
            new StreamEvent(StreamEventType.ReasoningDelta) { ReasoningDelta = "Hmm, " },
            new StreamEvent(StreamEventType.ReasoningDelta) { ReasoningDelta = "weather." },
            new StreamEvent(StreamEventType.ReasoningEnd),
            new StreamEvent(StreamEventType.TextStart) { TextId = "t" },
            new StreamEvent(StreamEventType.TextDelta) { TextId = "t", Delta = "Check" },
            new StreamEvent(StreamEventType.TextDelta) { TextId = "t", Delta = "ing." },
            new StreamEvent(StreamEventType.TextEnd) { TextId = "t" },
            new StreamEvent(StreamEventType.ToolCallStart) { ToolCall = toolCall with { RawArguments = string.Empty } },
            new StreamEvent(StreamEventType.ToolCallDelta) { Delta = """{"city":"Oslo"}""" },
            new StreamEvent(StreamEventType.ToolCallEnd) { ToolCall = toolCall },
            new StreamEvent(StreamEventType.Finish) { FinishReason = final.FinishReason, Usage = final.Usage, Response = final });
        adapter.Complete(ScriptedAdapter.TextResponse("ok"));
        using var client = new LlmClient([adapter], "scripted");
        using var chat = new LlmChatClient(client, "m");

        List<ChatResponseUpdate> updates = [];
        await foreach (var update in chat.GetStreamingResponseAsync("Weather in Oslo?"))
        {
            updates.Add(update);
        }

        Assert.Equal("Checking.", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(["Hmm, ", "weather."], updates.SelectMany(u => u.Contents).OfType<TextReasoningContent>().Where(r => r.Text.Length > 0).Select(r => r.Text));
        var call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal("Oslo", ((JsonElement)call.Arguments!["city"]!).GetString());
        var last = updates[^1];
        Assert.Equal(ChatFinishReason.ToolCalls, last.FinishReason);
        Assert.Equal("resp_s", last.ResponseId);
        Assert.Equal("model-s", last.ModelId);

        var combined = updates.ToChatResponse();
        Assert.Equal(42, combined.Usage!.TotalTokenCount);
        Assert.Equal(4, combined.Usage.ReasoningTokenCount);
        Assert.Equal("resp_s", combined.ResponseId);

        // The combined message goes back to the provider with the thinking signed and the call's raw arguments intact.
        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "Weather in Oslo?"), .. combined.Messages]);
        Assert.Equal(final.Message.Content, adapter.Requests[1].Messages[1].Content);
    }

    [Fact]
    public async Task A_streamed_turn_keeps_redacted_thinking_before_the_signed_thinking_it_preceded()
    {
        var final = new Response
        {
            Id = "resp_r",
            Model = "m",
            Provider = "scripted",
            Message = new Message(Role.Assistant,
            [
                ContentPart.FromThinking(new ThinkingData("opaque", Redacted: true) { Provider = "anthropic" }),
                ContentPart.FromThinking(new ThinkingData("visible thought", "sig-2") { Provider = "anthropic" }),
                ContentPart.FromToolCall(new ToolCallData("call_1", "t", "{}")),
            ]),
            FinishReason = new FinishReason(FinishReason.ToolCalls),
            Usage = Usage.Empty,
        };
        var adapter = new ScriptedAdapter().Stream(
            new StreamEvent(StreamEventType.StreamStart),
            new StreamEvent(StreamEventType.ReasoningStart),
            new StreamEvent(StreamEventType.ReasoningEnd),
            new StreamEvent(StreamEventType.ReasoningStart),
            new StreamEvent(StreamEventType.ReasoningDelta) { ReasoningDelta = "visible thought" },
            new StreamEvent(StreamEventType.ReasoningEnd),
            new StreamEvent(StreamEventType.ToolCallEnd) { ToolCall = ToolCall.FromData(final.Message.Content[2].ToolCall!) },
            new StreamEvent(StreamEventType.Finish) { FinishReason = final.FinishReason, Usage = final.Usage, Response = final });
        adapter.Complete(ScriptedAdapter.TextResponse("ok"));
        using var client = new LlmClient([adapter], "scripted");
        using var chat = new LlmChatClient(client, "m");

        var combined = await chat.GetStreamingResponseAsync("q").ToChatResponseAsync();
        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "q"), .. combined.Messages]);

        Assert.Equal(final.Message.Content, adapter.Requests[1].Messages[1].Content);
    }

    [Fact]
    public async Task Provider_parts_a_stream_reports_at_its_end_go_back_to_their_place()
    {
        var signature = ContentPart.FromCustom(new ContentKind("gemini_thought_signature"), "sig==");
        var final = new Response
        {
            Id = "resp_g",
            Model = "m",
            Provider = "scripted",
            Message = new Message(Role.Assistant,
            [
                ContentPart.FromText("Checking."),
                ContentPart.FromToolCall(new ToolCallData("call_1", "get_weather", """{"location":"Paris"}""")),
                signature,
                ContentPart.FromToolCall(new ToolCallData("call_2", "get_weather", """{"location":"Rome"}""")),
            ]),
            FinishReason = new FinishReason(FinishReason.ToolCalls),
            Usage = Usage.Empty,
        };
        var adapter = new ScriptedAdapter().Stream(
            new StreamEvent(StreamEventType.StreamStart),
            new StreamEvent(StreamEventType.TextDelta) { Delta = "Checking." },
            new StreamEvent(StreamEventType.ToolCallEnd) { ToolCall = ToolCall.FromData(final.Message.Content[1].ToolCall!) },
            new StreamEvent(StreamEventType.ToolCallEnd) { ToolCall = ToolCall.FromData(final.Message.Content[3].ToolCall!) },
            new StreamEvent(StreamEventType.Finish) { FinishReason = final.FinishReason, Usage = final.Usage, Response = final });
        adapter.Complete(ScriptedAdapter.TextResponse("ok")).Complete(ScriptedAdapter.TextResponse("ok"));
        using var client = new LlmClient([adapter], "scripted");
        using var chat = new LlmChatClient(client, "m");

        var combined = await chat.GetStreamingResponseAsync("q").ToChatResponseAsync();
        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "q"), .. combined.Messages]);

        Assert.Equal(final.Message.Content, adapter.Requests[1].Messages[1].Content);

        // Serialized history (RawRepresentation is not serialized) keeps the part too.
        var json = JsonSerializer.Serialize(combined.Messages, AIJsonUtilities.DefaultOptions);
        var restored = JsonSerializer.Deserialize<List<ChatMessage>>(json, AIJsonUtilities.DefaultOptions)!;
        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "q"), .. restored]);
        Assert.Equal(final.Message.Content.Select(p => (p.Kind, p.Text)), adapter.Requests[2].Messages[1].Content.Select(p => (p.Kind, p.Text)));
        Assert.Equal(final.Message.Content[1].ToolCall, adapter.Requests[2].Messages[1].Content[1].ToolCall);
    }

    [Fact]
    public async Task An_error_event_ends_the_stream_with_its_error()
    {
        var error = new ServerException(new ProviderErrorDetails("scripted", "overloaded") { StatusCode = 529 });
        var adapter = new ScriptedAdapter().Stream(
            new StreamEvent(StreamEventType.StreamStart),
            new StreamEvent(StreamEventType.TextDelta) { Delta = "par" },
            new StreamEvent(StreamEventType.Error) { Error = error });
        using var client = new LlmClient([adapter], "scripted");
        using var chat = new LlmChatClient(client, "m");
        var text = new List<string>();

        var thrown = await Assert.ThrowsAsync<ServerException>(async () =>
        {
            await foreach (var update in chat.GetStreamingResponseAsync("q"))
            {
                text.Add(update.Text);
            }
        });

        Assert.Same(error, thrown);
        Assert.Equal(["par"], text);
    }

    [Fact]
    public async Task Cancelling_a_stream_stops_it_with_an_OperationCanceledException()
    {
        var adapter = new ScriptedAdapter().Stream(ScriptedAdapter.TextStream(ScriptedAdapter.TextResponse("abc"), "a", "b", "c"));
        using var client = new LlmClient([adapter], "scripted");
        using var chat = new LlmChatClient(client, "m");
        using var cancellation = new CancellationTokenSource();
        var text = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in chat.GetStreamingResponseAsync("q", cancellationToken: cancellation.Token))
            {
                text.Add(update.Text);
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(["a"], text);
    }

    [Fact]
    public async Task Metadata_and_services_expose_the_provider_model_client_and_adapter()
    {
        var adapter = new ScriptedAdapter("gemini");
        using var client = new LlmClient([adapter], "gemini");
        using var chat = new LlmChatClient(client, "gemini-3-pro");

        var metadata = chat.GetService<ChatClientMetadata>()!;
        Assert.Equal("gcp.gemini", metadata.ProviderName);
        Assert.Equal("gemini-3-pro", metadata.DefaultModelId);
        Assert.Same(chat, chat.GetService<IChatClient>());
        Assert.Same(client, chat.GetService<LlmClient>());
        Assert.Same(adapter, chat.GetService<IProviderAdapter>());
        Assert.Null(chat.GetService<LlmClient>("some-key"));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Library_errors_propagate_unchanged()
    {
        var error = new RateLimitException(new ProviderErrorDetails("scripted", "slow down") { StatusCode = 429 });
        var adapter = new ScriptedAdapter().Fail(error);
        adapter.Stream(ScriptedAdapter.TextStream(ScriptedAdapter.TextResponse("x"), "x")[..2]);
        adapter.StreamFailure = new StreamException("cut");
        using var client = new LlmClient([adapter], "scripted");
        using var chat = new LlmChatClient(client, "m");

        Assert.Same(error, await Assert.ThrowsAsync<RateLimitException>(() => chat.GetResponseAsync("Hi")));
        await Assert.ThrowsAsync<StreamException>(async () =>
        {
            await foreach (var update in chat.GetStreamingResponseAsync("Hi"))
            {
                Assert.NotNull(update);
            }
        });
    }

    [Fact]
    public async Task FunctionInvokingChatClient_runs_an_AIFunction_end_to_end()
    {
        var adapter = new ScriptedAdapter()
            .Complete(ScriptedAdapter.ToolCallResponse("call_1", "get_weather", """{"city":"Paris"}"""))
            .Complete(request => ScriptedAdapter.TextResponse("It is " + request.Messages[^1].Content[0].ToolResult!.ContentText + "."));
        using var client = new LlmClient([adapter], "scripted");
        var invocations = 0;
        var weather = AIFunctionFactory.Create(
            (string city) =>
            {
                invocations++;
                return "sunny in " + city;
            },
            "get_weather",
            "Gets the weather for a city.");
        using var chat = new ChatClientBuilder(new LlmChatClient(client, "m")).UseFunctionInvocation().Build();

        var response = await chat.GetResponseAsync("Weather in Paris?", new ChatOptions { Tools = [weather] });

        Assert.Equal(1, invocations);
        Assert.Equal("It is sunny in Paris.", response.Text);
        Assert.Equal(2, adapter.Requests.Count);
        var toolMessage = adapter.Requests[1].Messages[^1];
        Assert.Equal(Role.Tool, toolMessage.Role);
        Assert.Equal("call_1", toolMessage.ToolCallId);
        Assert.Equal("get_weather", Assert.Single(adapter.Requests[1].Tools!).Name);
    }

    [Fact]
    public async Task FunctionInvokingChatClient_runs_an_AIFunction_over_a_stream()
    {
        var call = ScriptedAdapter.ToolCallResponse("call_7", "add", """{"a":2,"b":3}""");
        var adapter = new ScriptedAdapter()
            .Stream(
                new StreamEvent(StreamEventType.StreamStart),
                new StreamEvent(StreamEventType.ToolCallStart) { ToolCall = new ToolCall("call_7", "add", default, null) },
                new StreamEvent(StreamEventType.ToolCallEnd) { ToolCall = ToolCall.FromData(call.Message.Content[0].ToolCall!) },
                new StreamEvent(StreamEventType.Finish) { FinishReason = call.FinishReason, Usage = call.Usage, Response = call })
            .Stream(ScriptedAdapter.TextStream(ScriptedAdapter.TextResponse("The sum is 5."), "The sum ", "is 5."));
        using var client = new LlmClient([adapter], "scripted");
        using var chat = new ChatClientBuilder(new LlmChatClient(client, "m")).UseFunctionInvocation().Build();

        var text = new List<string>();
        await foreach (var update in chat.GetStreamingResponseAsync("2+3?", new ChatOptions { Tools = [AIFunctionFactory.Create((int a, int b) => a + b, "add")] }))
        {
            text.Add(update.Text);
        }

        Assert.Equal("The sum is 5.", string.Concat(text));
        var result = adapter.Requests[1].Messages[^1].Content[0].ToolResult!;
        Assert.Equal("call_7", result.ToolCallId);
        Assert.Equal("5", result.ContentText);
    }
}
