// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm.FakeProvider;
using static Attractor.Llm.Tests.Anthropic.AnthropicTestSupport;

namespace Attractor.Llm.Tests.Anthropic;

public sealed class AnthropicStreamingTests
{
    [Fact]
    public async Task A_text_stream_follows_start_delta_end_and_the_deltas_concatenate_to_the_final_text()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("text.sse")));
        using var adapter = CreateAdapter(server);

        var events = await CollectAsync(adapter.StreamAsync(Ask()));

        Assert.Equal(
            [StreamEventType.StreamStart, StreamEventType.TextStart, StreamEventType.TextDelta, StreamEventType.TextDelta, StreamEventType.TextDelta, StreamEventType.TextEnd, StreamEventType.Finish],
            events.Select(e => e.Type));
        Assert.All(events.Where(e => e.Type is StreamEventType.TextStart or StreamEventType.TextDelta or StreamEventType.TextEnd), e => Assert.Equal("0", e.TextId));
        var text = string.Concat(events.Where(e => e.Type == StreamEventType.TextDelta).Select(e => e.Delta));
        var finish = events[^1];
        Assert.Equal("Hello! How can I help you today?", text);
        Assert.Equal(text, finish.Response!.Text);
        Assert.Equal(new FinishReason(FinishReason.Stop, "end_turn"), finish.FinishReason);
        Assert.Equal(12 + 2051 + 4102, finish.Usage!.InputTokens);
        Assert.Equal(12, finish.Usage.OutputTokens);
        Assert.Equal(4102, finish.Usage.CacheReadTokens);
        Assert.Equal(2051, finish.Usage.CacheWriteTokens);
        Assert.Equal("msg_013Zva2CMHLNnXjNJJKqJ2EF", finish.Response.Id);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("tool_use")]
    [InlineData("thinking")]
    public async Task The_streamed_response_equals_the_non_streamed_one_for_the_same_content(string fixture)
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture(fixture + ".json")), FakeResponse.SseTranscript(Fixture(fixture + ".sse")));
        using var adapter = CreateAdapter(server);

        var complete = await adapter.CompleteAsync(Ask());
        var streamed = (await CollectAsync(adapter.StreamAsync(Ask())))[^1].Response!;

        Assert.Equal(complete.Id, streamed.Id);
        Assert.Equal(complete.Model, streamed.Model);
        Assert.Equal(complete.Provider, streamed.Provider);
        Assert.Equal(complete.FinishReason, streamed.FinishReason);
        Assert.Equal(complete.Usage with { Raw = null }, streamed.Usage with { Raw = null });
        Assert.Equal(complete.Text, streamed.Text);
        Assert.Equal(complete.Reasoning, streamed.Reasoning);
        Assert.Equal(complete.Message.Content.Select(p => p.Kind), streamed.Message.Content.Select(p => p.Kind));
        Assert.Equal(complete.Message.Content.Select(p => p.Thinking), streamed.Message.Content.Select(p => p.Thinking));
        Assert.Equal(complete.ToolCalls.Select(c => (c.Id, c.Name)), streamed.ToolCalls.Select(c => (c.Id, c.Name)));
        Assert.All(complete.ToolCalls.Zip(streamed.ToolCalls), pair => Assert.True(JsonElement.DeepEquals(pair.First.Arguments, pair.Second.Arguments)));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(complete.Raw!.Value.GetRawText()), JsonNode.Parse(streamed.Raw!.Value.GetRawText())));
    }

    [Fact]
    public async Task A_tool_call_streams_its_arguments_and_ends_with_the_complete_call()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("tool_use.sse")));
        using var adapter = CreateAdapter(server);

        var events = await CollectAsync(adapter.StreamAsync(Ask("Weather in SF?") with { Tools = [WeatherTool()] }));

        var start = Assert.Single(events, e => e.Type == StreamEventType.ToolCallStart);
        Assert.Equal("toolu_01T1x1fJ34qAmk2tNTrN7Up6", start.ToolCall!.Id);
        Assert.Equal("get_weather", start.ToolCall.Name);
        var deltas = events.Where(e => e.Type == StreamEventType.ToolCallDelta).ToList();
        Assert.Equal(9, deltas.Count);
        Assert.All(deltas, d => Assert.Equal("toolu_01T1x1fJ34qAmk2tNTrN7Up6", d.ToolCall!.Id));
        var arguments = string.Concat(deltas.Select(d => d.Delta));
        var end = Assert.Single(events, e => e.Type == StreamEventType.ToolCallEnd);
        Assert.Equal(arguments, end.ToolCall!.RawArguments);
        Assert.Equal("San Francisco, CA", end.ToolCall.Arguments.GetProperty("location").GetString());
        Assert.True(events.IndexOf(start) < events.IndexOf(deltas[0]) && events.IndexOf(deltas[^1]) < events.IndexOf(end));
        var finish = events[^1];
        Assert.Equal(StreamEventType.Finish, finish.Type);
        Assert.Equal(FinishReason.ToolCalls, finish.FinishReason!.Reason);
        Assert.Equal(89, finish.Usage!.OutputTokens);
        Assert.Equal("get_weather", Assert.Single(finish.Response!.ToolCalls).Name);
    }

    [Fact]
    public async Task Parallel_tool_calls_stream_as_separate_calls_in_block_order()
    {
        SseEvent Delta(int index, string json) =>
            new("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":" + JsonSerializer.Serialize(json) + "}}");
        SseEvent Start(int index, string id, string city) =>
            new("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index + ",\"content_block\":{\"type\":\"tool_use\",\"id\":\"" + id + "\",\"name\":\"get_weather\",\"input\":{}}}");
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Sse(
        [
            new("message_start", """{"type":"message_start","message":{"id":"msg_par","type":"message","role":"assistant","content":[],"model":"claude-opus-4-6","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":300,"output_tokens":1}}}"""),
            Start(0, "toolu_SF", "San Francisco"),
            Delta(0, "{\"location\": \"San "),
            Delta(0, "Francisco\"}"),
            new("content_block_stop", """{"type":"content_block_stop","index":0}"""),
            Start(1, "toolu_NY", "New York"),
            Delta(1, ""),
            new("content_block_stop", """{"type":"content_block_stop","index":1}"""),
            new("message_delta", """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":60}}"""),
            new("message_stop", """{"type":"message_stop"}"""),
        ]));
        using var adapter = CreateAdapter(server);

        var events = await CollectAsync(adapter.StreamAsync(Ask() with { Tools = [WeatherTool()] }));

        var ends = events.Where(e => e.Type == StreamEventType.ToolCallEnd).Select(e => e.ToolCall!).ToList();
        Assert.Equal(["toolu_SF", "toolu_NY"], ends.Select(c => c.Id));
        Assert.Equal("San Francisco", ends[0].Arguments.GetProperty("location").GetString());
        Assert.Equal("{}", ends[1].RawArguments);
        var calls = events[^1].Response!.ToolCalls;
        Assert.Equal(["toolu_SF", "toolu_NY"], calls.Select(c => c.Id));
        Assert.Equal(FinishReason.ToolCalls, events[^1].FinishReason!.Reason);
    }

    [Fact]
    public async Task Thinking_streams_as_reasoning_events_and_keeps_the_signature()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("thinking.sse")));
        using var adapter = CreateAdapter(server);

        var events = await CollectAsync(adapter.StreamAsync(Ask("What is 27 * 453?")));

        Assert.Equal(
            [
                StreamEventType.StreamStart,
                StreamEventType.ReasoningStart, StreamEventType.ReasoningDelta, StreamEventType.ReasoningDelta, StreamEventType.ReasoningDelta, StreamEventType.ReasoningDelta, StreamEventType.ReasoningEnd,
                StreamEventType.ReasoningStart, StreamEventType.ReasoningEnd,
                StreamEventType.TextStart, StreamEventType.TextDelta, StreamEventType.TextEnd,
                StreamEventType.Finish,
            ],
            events.Select(e => e.Type));
        var reasoning = string.Concat(events.Where(e => e.Type == StreamEventType.ReasoningDelta).Select(e => e.ReasoningDelta));
        var response = events[^1].Response!;
        Assert.Equal(reasoning, response.Reasoning);
        var thinking = response.Message.Content[0].Thinking!;
        Assert.Equal("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds4iXM5l7pkGtOsr5vyjQ9yH4SeGvmZAb", thinking.Signature);
        Assert.True(response.Message.Content[1].Thinking!.Redacted);
        Assert.Equal((reasoning.Length + 3) / 4, response.Usage.ReasoningTokens);
    }

    [Fact]
    public async Task An_error_event_mid_stream_yields_an_error_event_then_throws_a_retryable_server_error()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("overloaded.sse")));
        using var adapter = CreateAdapter(server);
        var events = new List<StreamEvent>();

        var error = await Assert.ThrowsAsync<ServerException>(async () =>
        {
            await foreach (var streamEvent in adapter.StreamAsync(Ask()))
            {
                events.Add(streamEvent);
            }
        });

        Assert.True(error.Retryable);
        Assert.Equal("overloaded_error", error.ErrorCode);
        Assert.Equal(529, error.StatusCode);
        Assert.Equal("anthropic", error.Provider);
        Assert.Contains("Overloaded", error.Message, StringComparison.Ordinal);
        Assert.Equal("Once upon", Assert.Single(events, e => e.Type == StreamEventType.TextDelta).Delta);
        var errorEvent = events[^1];
        Assert.Equal(StreamEventType.Error, errorEvent.Type);
        Assert.Same(error, errorEvent.Error);
    }

    [Theory]
    [InlineData("rate_limit_error", typeof(RateLimitException), true)]
    [InlineData("invalid_request_error", typeof(InvalidRequestException), false)]
    [InlineData("api_error", typeof(ServerException), true)]
    [InlineData("something_new", typeof(ProviderException), true)]
    public async Task Error_events_are_classified_by_their_type(string type, Type expected, bool retryable)
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Sse([new SseEvent("error", $$$"""{"type":"error","error":{"type":"{{{type}}}","message":"went wrong"}}""")]));
        using var adapter = CreateAdapter(server);

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => CollectAsync(adapter.StreamAsync(Ask())));

        Assert.IsType(expected, error);
        Assert.Equal(retryable, error.Retryable);
    }

    [Fact]
    public async Task A_cut_connection_is_a_stream_error()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("text.sse")) with { CutAfterEvents = 4 });
        using var adapter = CreateAdapter(server);
        var events = new List<StreamEvent>();

        var error = await Assert.ThrowsAsync<StreamException>(async () =>
        {
            await foreach (var streamEvent in adapter.StreamAsync(Ask()))
            {
                events.Add(streamEvent);
            }
        });

        Assert.Equal("Hello", Assert.Single(events, e => e.Type == StreamEventType.TextDelta).Delta);
        Assert.Equal(StreamEventType.Error, events[^1].Type);
        Assert.Same(error, events[^1].Error);
        Assert.True(error.Retryable);
    }

    [Fact]
    public async Task A_stream_that_ends_without_message_stop_is_a_stream_error()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("text.sse")) with { EndAfterEvents = 8 });
        using var adapter = CreateAdapter(server);
        var events = new List<StreamEvent>();

        var error = await Assert.ThrowsAsync<StreamException>(async () =>
        {
            await foreach (var streamEvent in adapter.StreamAsync(Ask()))
            {
                events.Add(streamEvent);
            }
        });

        Assert.Contains("message_stop", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Type == StreamEventType.Finish);
        Assert.Same(error, events[^1].Error);
        Assert.Contains(events, e => e.Type == StreamEventType.TextEnd);
    }

    [Fact]
    public async Task A_silent_stream_ends_with_an_error_event_and_a_timeout()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("text.sse")) with { DelayBetweenEvents = TimeSpan.FromSeconds(5) });
        using var adapter = new AnthropicAdapter(new AnthropicAdapterOptions
        {
            ApiKey = Key,
            BaseUrl = new Uri(server.BaseUrl, "v1").ToString(),
            Timeout = new AdapterTimeout { StreamRead = TimeSpan.FromMilliseconds(300) },
        });
        var events = new List<StreamEvent>();

        var error = await Assert.ThrowsAsync<RequestTimeoutException>(async () =>
        {
            await foreach (var streamEvent in adapter.StreamAsync(Ask()))
            {
                events.Add(streamEvent);
            }
        });

        Assert.Equal(StreamEventType.StreamStart, events[0].Type);
        Assert.Same(error, events[^1].Error);
    }

    [Fact]
    public async Task Cancelling_a_stream_surfaces_as_operation_canceled()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("text.sse")) with { DelayBetweenEvents = TimeSpan.FromSeconds(5) });
        using var adapter = CreateAdapter(server);
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var streamEvent in adapter.StreamAsync(Ask(), cancellation.Token))
            {
                Assert.Equal(StreamEventType.StreamStart, streamEvent.Type);
                await cancellation.CancelAsync();
            }
        });
    }

    [Fact]
    public async Task Malformed_event_data_is_a_stream_error()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Sse([new SseEvent("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"m\""), new SseEvent("message_stop", """{"type":"message_stop"}""")]));
        using var adapter = CreateAdapter(server);

        await Assert.ThrowsAsync<StreamException>(() => CollectAsync(adapter.StreamAsync(Ask())));
    }

    [Fact]
    public async Task Unknown_events_and_deltas_surface_as_provider_events_and_ping_is_ignored()
    {
        var transcript = Fixture("text.sse").Replace(
            "event: message_delta",
            "event: future_event\ndata: {\"type\": \"future_event\", \"detail\": 7}\n\n"
            + "event: content_block_delta\ndata: {\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"citations_delta\", \"citation\": {\"type\": \"char_location\", \"cited_text\": \"x\"}}}\n\n"
            + "event: message_delta",
            StringComparison.Ordinal);
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(transcript));
        using var adapter = CreateAdapter(server);

        var events = await CollectAsync(adapter.StreamAsync(Ask()));

        var provider = events.Where(e => e.Type == StreamEventType.ProviderEvent).ToList();
        Assert.Equal(2, provider.Count);
        Assert.Equal("future_event", provider[0].ProviderEventType);
        Assert.Equal(7, provider[0].Raw!.Value.GetProperty("detail").GetInt32());
        Assert.Equal("content_block_delta", provider[1].ProviderEventType);
        Assert.Equal("citations_delta", provider[1].Raw!.Value.GetProperty("delta").GetProperty("type").GetString());
        Assert.Equal(StreamEventType.Finish, events[^1].Type);
        Assert.Equal("Hello! How can I help you today?", events[^1].Response!.Text);
    }

    [Fact]
    public async Task Escaped_and_non_ascii_text_is_decoded_from_the_utf8_data()
    {
        var deltas = new[] { "Grüße, 世界 ", "\"quoted\"\n", "tab\there \u00e9\ud83d\ude00" };
        var events = new List<SseEvent>
        {
            new("message_start", """{"type":"message_start","message":{"id":"msg_u","type":"message","role":"assistant","content":[],"model":"claude-opus-4-6","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":1}}}"""),
            new("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
        };
        events.AddRange(deltas.Select(d => new SseEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":" + JsonSerializer.Serialize(d) + "}}")));
        events.Add(new SseEvent("content_block_stop", """{"type":"content_block_stop","index":0}"""));
        events.Add(new SseEvent("message_delta", """{"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"output_tokens":20}}"""));
        events.Add(new SseEvent("message_stop", """{"type":"message_stop"}"""));
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Sse(events));
        using var adapter = CreateAdapter(server);

        var received = await CollectAsync(adapter.StreamAsync(Ask()));

        Assert.Equal(deltas, received.Where(e => e.Type == StreamEventType.TextDelta).Select(e => e.Delta));
        Assert.Equal(string.Concat(deltas), received[^1].Response!.Text);
        Assert.Equal(FinishReason.Length, received[^1].FinishReason!.Reason);
    }

    [Fact]
    public async Task Stream_start_carries_the_request_warnings_and_the_finish_response_has_them_too()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("text.sse")));
        using var adapter = CreateAdapter(server);

        var events = await CollectAsync(adapter.StreamAsync(Ask() with { ReasoningEffort = "low" }));

        Assert.Contains(events[0].Warnings!, w => w.Code == "unsupported_parameter");
        Assert.Contains(events[^1].Response!.Warnings, w => w.Code == "unsupported_parameter");
    }

    [Fact]
    public async Task An_error_status_on_a_stream_throws_before_any_event()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Error(429, Fixture("error_429.json"), retryAfter: "12"));
        using var adapter = CreateAdapter(server);
        var events = new List<StreamEvent>();

        var error = await Assert.ThrowsAsync<RateLimitException>(async () =>
        {
            await foreach (var streamEvent in adapter.StreamAsync(Ask()))
            {
                events.Add(streamEvent);
            }
        });

        Assert.Empty(events);
        Assert.Equal(TimeSpan.FromSeconds(12), error.RetryAfter);
    }

    [Fact]
    public void The_decoder_reads_hot_deltas_without_building_a_document()
    {
        var data = Encoding.UTF8.GetBytes("""{"type":"content_block_delta","index":3,"delta":{"type":"text_delta","text":"a\u00e9b"}}""");

        var parsed = AnthropicSseEvent.Parse("content_block_delta", data);

        Assert.Equal(AnthropicSseKind.ContentBlockDelta, parsed.Kind);
        Assert.Equal(3, parsed.Index);
        Assert.Equal(AnthropicDeltaKind.Text, parsed.DeltaKind);
        Assert.Equal("a\u00e9b", parsed.Value);
        Assert.Equal(JsonValueKind.Undefined, parsed.Raw.ValueKind);
    }

    [Fact]
    public void The_decoder_prefers_the_json_type_over_the_sse_event_name()
    {
        var data = Encoding.UTF8.GetBytes("""{"delta":{"partial_json":"{\"a\"","type":"input_json_delta"},"index":1,"type":"content_block_delta"}""");

        var parsed = AnthropicSseEvent.Parse("message", data);

        Assert.Equal(AnthropicSseKind.ContentBlockDelta, parsed.Kind);
        Assert.Equal(AnthropicDeltaKind.InputJson, parsed.DeltaKind);
        Assert.Equal("{\"a\"", parsed.Value);
        Assert.Equal(1, parsed.Index);
    }
}
