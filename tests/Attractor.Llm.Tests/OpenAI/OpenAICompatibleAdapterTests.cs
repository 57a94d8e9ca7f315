// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm.FakeProvider;
using static Attractor.Llm.Tests.OpenAI.OpenAITestSupport;

namespace Attractor.Llm.Tests.OpenAI;

public sealed class OpenAICompatibleAdapterTests
{
    private static readonly JsonElement WeatherSchema = JsonDocument.Parse("""{"type":"object","properties":{"location":{"type":"string"}}}""").RootElement.Clone();

    private static OpenAICompatibleAdapter Adapter(FakeProviderServer server, string? name = null, string? key = Key) => new(new OpenAICompatibleAdapterOptions
    {
        BaseUrl = new Uri(server.BaseUrl, "v1").ToString(),
        ApiKey = key,
        Name = name ?? OpenAICompatibleAdapter.DefaultName,
    });

    [Fact]
    public async Task Roles_tools_and_parameters_are_sent_as_chat_completions()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("compat-chat.json")));
        using var adapter = Adapter(server, name: "vllm");
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47 };

        var response = await adapter.CompleteAsync(new Request
        {
            Model = "Qwen/Qwen3-8B",
            Messages =
            [
                Message.System("Be brief."),
                Message.Developer("Use metric units."),
                Message.User(ContentPart.FromText("And this?"), ContentPart.FromImage(new ImageData(png, "image/png", "low"))),
                new Message(Role.Assistant, [ContentPart.FromText("Checking."), ContentPart.FromToolCall(new ToolCallData("call_1", "get_weather", """{"location":"Oslo"}"""))]),
                Message.ToolResult("call_1", "-3°C"),
            ],
            Tools = [new ToolDefinition("get_weather", "Gets the weather.", WeatherSchema)],
            ToolChoice = ToolChoice.Named("get_weather"),
            MaxTokens = 100,
            Temperature = 0.1,
            StopSequences = ["###"],
            ReasoningEffort = "low",
            ResponseFormat = ResponseFormat.Json,
            Metadata = new Dictionary<string, string> { ["k"] = "v" },
            ProviderOptions = new JsonObject { ["vllm"] = new JsonObject { ["top_k"] = 20 }, ["openai"] = new JsonObject { ["store"] = true } },
        });

        var sent = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", sent.Path);
        Assert.Equal("Bearer " + Key, sent.Header("Authorization"));
        var body = sent.Json;
        var messages = body.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["system", "system", "user", "assistant", "tool"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("Use metric units.", messages[1].GetProperty("content").GetString());
        var image = messages[2].GetProperty("content")[1];
        Assert.Equal("image_url", image.GetProperty("type").GetString());
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(png), image.GetProperty("image_url").GetProperty("url").GetString());
        Assert.Equal("low", image.GetProperty("image_url").GetProperty("detail").GetString());
        Assert.Equal("Checking.", messages[3].GetProperty("content").GetString());
        var call = messages[3].GetProperty("tool_calls")[0];
        Assert.Equal("call_1", call.GetProperty("id").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"location":"Oslo"}""", call.GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("call_1", messages[4].GetProperty("tool_call_id").GetString());
        Assert.Equal("-3°C", messages[4].GetProperty("content").GetString());
        Assert.Equal("get_weather", body.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"type":"function","function":{"name":"get_weather"}}""", body.GetProperty("tool_choice").GetRawText());
        Assert.Equal(100, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal("###", body.GetProperty("stop")[0].GetString());
        Assert.Equal("low", body.GetProperty("reasoning_effort").GetString());
        Assert.Equal("""{"type":"json_object"}""", body.GetProperty("response_format").GetRawText());
        Assert.Equal(20, body.GetProperty("top_k").GetInt32());
        Assert.False(body.TryGetProperty("store", out _));
        Assert.False(body.TryGetProperty("metadata", out _));
        Assert.Equal("unsupported_parameter", Assert.Single(response.Warnings).Code);

        Assert.Equal("vllm", response.Provider);
        Assert.Equal("Hello! How can I assist you today?", response.Text);
        Assert.Equal("The user greets me; greet back.", response.Reasoning);
        Assert.Equal(new FinishReason(FinishReason.Stop, "stop"), response.FinishReason);
        Assert.Equal(19, response.Usage.InputTokens);
        Assert.Equal(10, response.Usage.OutputTokens);
        Assert.Equal(7, response.Usage.ReasoningTokens);
        Assert.Equal(16, response.Usage.CacheReadTokens);
    }

    [Theory]
    [InlineData(ToolChoiceMode.Auto, "\"auto\"")]
    [InlineData(ToolChoiceMode.None, "\"none\"")]
    [InlineData(ToolChoiceMode.Required, "\"required\"")]
    public async Task Tool_choice_modes_are_translated(ToolChoiceMode mode, string expected)
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("compat-tool-calls.json")));
        using var adapter = Adapter(server, key: null);
        var choice = mode switch { ToolChoiceMode.Auto => ToolChoice.Auto, ToolChoiceMode.None => ToolChoice.None, _ => ToolChoice.Required };

        var response = await adapter.CompleteAsync(Ask() with { Tools = [new ToolDefinition("get_current_weather", "Weather.", WeatherSchema)], ToolChoice = choice });

        var sent = Assert.Single(server.Requests);
        Assert.Equal(expected, sent.Json.GetProperty("tool_choice").GetRawText());
        Assert.Null(sent.Header("Authorization"));
        Assert.Equal(FinishReason.ToolCalls, response.FinishReason.Reason);
        var call = Assert.Single(response.ToolCalls);
        Assert.Equal("call_abc123", call.Id);
        Assert.Equal("Boston, MA", call.Arguments.GetProperty("location").GetString());
        Assert.Equal(string.Empty, response.Text);
    }

    [Fact]
    public async Task A_text_stream_asks_for_usage_and_ends_with_done()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("compat-stream-text.sse")));
        using var adapter = Adapter(server);

        var events = await CollectAsync(adapter.StreamAsync(Ask()));

        var body = Assert.Single(server.Requests).Json;
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal(
            [StreamEventType.StreamStart, StreamEventType.TextStart, StreamEventType.TextDelta, StreamEventType.TextDelta, StreamEventType.TextDelta, StreamEventType.TextEnd, StreamEventType.Finish],
            events.Select(e => e.Type));
        var finish = events[^1];
        Assert.Equal("Hello wörld!", string.Concat(events.Where(e => e.Type == StreamEventType.TextDelta).Select(e => e.Delta)));
        Assert.Equal("Hello wörld!", finish.Response!.Text);
        Assert.Equal(new FinishReason(FinishReason.Stop, "stop"), finish.FinishReason);
        Assert.Equal(12, finish.Usage!.TotalTokens);
        Assert.Equal("chatcmpl-123", finish.Response.Id);
        Assert.Equal("gpt-4o-mini", finish.Response.Model);
    }

    [Fact]
    public async Task The_streamed_response_equals_the_non_streamed_one_for_the_same_content()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(
            FakeResponse.SseTranscript(Fixture("compat-stream-tool-calls.sse")),
            FakeResponse.Json("""
                {"id":"chatcmpl-456","object":"chat.completion","created":1712345678,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
                   {"id":"call_DdmO9pD3xa9XTPNJ32zg2hcA","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Paris\"}"}},
                   {"id":"call_8cHmQ1zV2xTrJ0aB4cDeFgHi","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Rome\"}"}}]},
                   "finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":84,"completion_tokens":40,"total_tokens":124}}
                """));
        using var adapter = Adapter(server);

        var streamed = (await CollectAsync(adapter.StreamAsync(Ask()))).Single(e => e.Type == StreamEventType.Finish).Response!;
        var completed = await adapter.CompleteAsync(Ask());

        Assert.Equal(completed.Id, streamed.Id);
        Assert.Equal(completed.Model, streamed.Model);
        Assert.Equal(completed.Message.Content, streamed.Message.Content);
        Assert.Equal(completed.FinishReason, streamed.FinishReason);
        Assert.Equal(completed.Usage with { Raw = null }, streamed.Usage with { Raw = null });
    }

    [Fact]
    public async Task Streamed_tool_calls_accumulate_by_index()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("compat-stream-tool-calls.sse")));
        using var adapter = Adapter(server);

        var events = await CollectAsync(adapter.StreamAsync(Ask("Paris and Rome?")));

        Assert.Equal(
            [
                StreamEventType.StreamStart, StreamEventType.ToolCallStart, StreamEventType.ToolCallDelta, StreamEventType.ToolCallDelta,
                StreamEventType.ToolCallStart, StreamEventType.ToolCallDelta, StreamEventType.ToolCallEnd, StreamEventType.ToolCallEnd, StreamEventType.Finish,
            ],
            events.Select(e => e.Type));
        var ends = events.Where(e => e.Type == StreamEventType.ToolCallEnd).Select(e => e.ToolCall!).ToList();
        Assert.Equal(["call_DdmO9pD3xa9XTPNJ32zg2hcA", "call_8cHmQ1zV2xTrJ0aB4cDeFgHi"], ends.Select(c => c.Id));
        Assert.Equal(["Paris", "Rome"], ends.Select(c => c.Arguments.GetProperty("location").GetString()));
        var finish = events[^1];
        Assert.Equal(FinishReason.ToolCalls, finish.FinishReason!.Reason);
        Assert.Equal(2, finish.Response!.ToolCalls.Count);
        Assert.Equal(124, finish.Usage!.TotalTokens);
    }

    [Fact]
    public async Task An_error_chunk_and_a_stream_without_a_finish_are_errors()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(
            FakeResponse.SseTranscript(Fixture("compat-stream-error.sse")),
            FakeResponse.SseTranscript(Fixture("compat-stream-text.sse")) with { EndAfterEvents = 3 });
        using var adapter = Adapter(server);

        var overloaded = await Assert.ThrowsAsync<ServerException>(() => CollectAsync(adapter.StreamAsync(Ask())));
        var cut = await Assert.ThrowsAsync<StreamException>(() => CollectAsync(adapter.StreamAsync(Ask())));

        Assert.Equal("server_is_overloaded", overloaded.ErrorCode);
        Assert.Contains("finish reason", cut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_omits_done_still_finishes_after_a_finish_reason()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("compat-stream-text.sse")) with { EndAfterEvents = 6 });
        using var adapter = Adapter(server);

        var events = await CollectAsync(adapter.StreamAsync(Ask()));

        Assert.Equal(StreamEventType.Finish, events[^1].Type);
        Assert.Equal("Hello wörld!", events[^1].Response!.Text);
    }

    [Fact]
    public async Task Http_errors_are_classified_and_the_key_stays_hidden()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Error(401, "{\"error\":{\"message\":\"Invalid API key " + Key + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
        var options = new OpenAICompatibleAdapterOptions { BaseUrl = new Uri(server.BaseUrl, "v1").ToString(), ApiKey = Key };
        using var adapter = new OpenAICompatibleAdapter(options);

        var error = await Assert.ThrowsAsync<AuthenticationException>(() => adapter.CompleteAsync(Ask()));

        Assert.Equal(OpenAICompatibleAdapter.DefaultName, error.Provider);
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Documents_are_rejected_before_sending()
    {
        await using var server = await FakeProviderServer.StartAsync();
        using var adapter = Adapter(server);

        await Assert.ThrowsAsync<InvalidRequestException>(() => adapter.CompleteAsync(Ask() with
        {
            Messages = [Message.User(ContentPart.FromDocument(new DocumentData("https://example.com/a.pdf")))],
        }));

        Assert.Empty(server.Requests);
    }
}
