// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using Attractor.Llm.FakeProvider;
using static Attractor.Llm.Tests.OpenAI.OpenAITestSupport;

namespace Attractor.Llm.Tests.OpenAI;

public sealed class OpenAIStreamingTests
{
    [Fact]
    public async Task A_text_stream_follows_start_delta_end_and_finishes_with_usage()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("stream-text.sse")));
        using var adapter = Adapter(server);

        var events = await CollectAsync(adapter.StreamAsync(Ask() with { ReasoningEffort = "low" }));

        Assert.Equal(
            [
                StreamEventType.StreamStart,
                StreamEventType.ReasoningStart, StreamEventType.ReasoningDelta, StreamEventType.ReasoningDelta, StreamEventType.ReasoningEnd,
                StreamEventType.TextStart, StreamEventType.TextDelta, StreamEventType.TextDelta, StreamEventType.TextDelta, StreamEventType.TextDelta, StreamEventType.TextEnd,
                StreamEventType.Finish,
            ],
            events.Select(e => e.Type));
        var body = Assert.Single(server.Requests).Json;
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.Equal("text/event-stream", Assert.Single(server.Requests).Header("Accept"));

        var text = string.Concat(events.Where(e => e.Type == StreamEventType.TextDelta).Select(e => e.Delta));
        var finish = events[^1];
        Assert.Equal("Hi there! How can I help — «today»?", text);
        Assert.Equal(text, finish.Response!.Text);
        Assert.All(events.Where(e => e.Type is StreamEventType.TextStart or StreamEventType.TextDelta or StreamEventType.TextEnd),
            e => Assert.Equal("msg_67c9fdcf37fc8190ba82116e33fb28c507b8b0ad4e5eb654", e.TextId));
        Assert.Equal("**Greeting the user**\n\nA short, friendly reply fits.", string.Concat(events.Where(e => e.Type == StreamEventType.ReasoningDelta).Select(e => e.ReasoningDelta)));
        Assert.Equal(finish.Response.Reasoning, string.Concat(events.Where(e => e.Type == StreamEventType.ReasoningDelta).Select(e => e.ReasoningDelta)));
        Assert.Equal(new FinishReason(FinishReason.Stop, "completed"), finish.FinishReason);
        Assert.Equal(2048, finish.Usage!.InputTokens);
        Assert.Equal(90, finish.Usage.OutputTokens);
        Assert.Equal(64, finish.Usage.ReasoningTokens);
        Assert.Equal(1920, finish.Usage.CacheReadTokens);
        Assert.Equal("resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654", finish.Response.Id);
        Assert.Same(finish.Usage, finish.Response.Usage);
    }

    [Fact]
    public async Task The_finish_response_equals_what_complete_returns_for_the_same_content()
    {
        await using var server = await FakeProviderServer.StartAsync();
        var transcript = Fixture("stream-text.sse");
        var completed = SseEvent.ParseTranscript(transcript).Single(e => e.Event == "response.completed").Data;
        var responseJson = System.Text.Json.JsonDocument.Parse(completed).RootElement.GetProperty("response").GetRawText();
        server.Enqueue(FakeResponse.SseTranscript(transcript), FakeResponse.Json(responseJson));
        using var adapter = Adapter(server);

        var streamed = (await CollectAsync(adapter.StreamAsync(Ask()))).Single(e => e.Type == StreamEventType.Finish).Response!;
        var completedResponse = await adapter.CompleteAsync(Ask());

        Assert.Equal(completedResponse.Id, streamed.Id);
        Assert.Equal(completedResponse.Model, streamed.Model);
        Assert.Equal(completedResponse.Text, streamed.Text);
        Assert.Equal(completedResponse.Reasoning, streamed.Reasoning);
        Assert.Equal(completedResponse.FinishReason, streamed.FinishReason);
        Assert.Equal(completedResponse.Usage with { Raw = null }, streamed.Usage with { Raw = null });
        Assert.Equal(completedResponse.Message.Content, streamed.Message.Content);
    }

    [Fact]
    public async Task A_streamed_tool_call_has_start_argument_deltas_and_a_complete_end()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("stream-tool-call.sse")));
        using var adapter = Adapter(server);

        var events = await CollectAsync(adapter.StreamAsync(Ask("Weather in Paris?")));

        Assert.Equal(
            [StreamEventType.StreamStart, StreamEventType.ToolCallStart, StreamEventType.ToolCallDelta, StreamEventType.ToolCallDelta, StreamEventType.ToolCallDelta, StreamEventType.ToolCallEnd, StreamEventType.Finish],
            events.Select(e => e.Type));
        Assert.Equal("call_9xYzAbCdEfGh", events[1].ToolCall!.Id);
        Assert.Equal("get_weather", events[1].ToolCall!.Name);
        var arguments = string.Concat(events.Where(e => e.Type == StreamEventType.ToolCallDelta).Select(e => e.Delta));
        Assert.Equal("{\"location\":\"Paris, France\"}", arguments);
        var end = events[5].ToolCall!;
        Assert.Equal("call_9xYzAbCdEfGh", end.Id);
        Assert.Equal("Paris, France", end.Arguments.GetProperty("location").GetString());
        var finish = events[^1];
        Assert.Equal(FinishReason.ToolCalls, finish.FinishReason!.Reason);
        Assert.Equal("call_9xYzAbCdEfGh", Assert.Single(finish.Response!.ToolCalls).Id);
    }

    [Fact]
    public async Task An_error_event_mid_stream_yields_an_error_event_and_throws_the_classified_error()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("stream-error-event.sse")));
        using var adapter = Adapter(server);
        var events = new List<StreamEvent>();

        var error = await Assert.ThrowsAsync<ServerException>(async () =>
        {
            await foreach (var item in adapter.StreamAsync(Ask()))
            {
                events.Add(item);
            }
        });

        Assert.Equal([StreamEventType.StreamStart, StreamEventType.TextStart, StreamEventType.TextDelta, StreamEventType.Error], events.Select(e => e.Type));
        Assert.Same(error, events[^1].Error);
        Assert.Equal("server_error", error.ErrorCode);
        Assert.True(error.Retryable);
    }

    [Fact]
    public async Task A_failed_response_is_classified_from_its_error()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("stream-failed.sse")));
        using var adapter = Adapter(server);

        var error = await Assert.ThrowsAsync<RateLimitException>(() => CollectAsync(adapter.StreamAsync(Ask())));

        Assert.Equal("rate_limit_exceeded", error.ErrorCode);
        Assert.Contains("Rate limit reached", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_that_ends_before_response_completed_is_a_stream_error()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("stream-text.sse")) with { EndAfterEvents = 14 });
        using var adapter = Adapter(server);
        var events = new List<StreamEvent>();

        await Assert.ThrowsAsync<StreamException>(async () =>
        {
            await foreach (var item in adapter.StreamAsync(Ask()))
            {
                events.Add(item);
            }
        });

        Assert.Equal(StreamEventType.Error, events[^1].Type);
        Assert.DoesNotContain(events, e => e.Type == StreamEventType.Finish);
    }

    [Fact]
    public async Task A_connection_cut_mid_stream_is_a_stream_error_after_the_delivered_deltas()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("stream-text.sse")) with { CutAfterEvents = 13 });
        using var adapter = Adapter(server);
        var events = new List<StreamEvent>();

        var error = await Assert.ThrowsAsync<StreamException>(async () =>
        {
            await foreach (var item in adapter.StreamAsync(Ask()))
            {
                events.Add(item);
            }
        });

        Assert.Equal("Hi there", string.Concat(events.Where(e => e.Type == StreamEventType.TextDelta).Select(e => e.Delta)));
        Assert.Same(error, events[^1].Error);
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_status_fails_the_stream_before_any_event()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Error(429, Fixture("error-429.json"), retryAfter: "1.5"));
        using var adapter = Adapter(server);
        var events = new List<StreamEvent>();

        var error = await Assert.ThrowsAsync<RateLimitException>(async () =>
        {
            await foreach (var item in adapter.StreamAsync(Ask()))
            {
                events.Add(item);
            }
        });

        Assert.Empty(events);
        Assert.Equal(TimeSpan.FromSeconds(1.5), error.RetryAfter);
    }

    [Fact]
    public async Task Unknown_events_pass_through_as_provider_events()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("stream-unknown-event.sse")));
        using var adapter = Adapter(server);

        var events = await CollectAsync(adapter.StreamAsync(Ask("Weather in Paris?")));

        var provider = events.Where(e => e.Type == StreamEventType.ProviderEvent).ToList();
        Assert.Equal(
            ["response.web_search_call.in_progress", "response.web_search_call.completed", "response.output_item.done", "response.output_text.annotation.added"],
            provider.Select(e => e.ProviderEventType));
        Assert.Equal("search", provider[2].Raw!.Value.GetProperty("item").GetProperty("action").GetProperty("type").GetString());
        Assert.Equal("It is sunny in Paris.", events[^1].Response!.Text);
        Assert.Equal(StreamEventType.Finish, events[^1].Type);
    }

    [Fact]
    public async Task Malformed_event_data_is_a_stream_error()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Sse([new SseEvent("response.created", """{"type":"response.created","response":{"id":"resp_1","status":"in_progress","output":[]}}"""), new SseEvent("response.output_text.delta", "{not json")]));
        using var adapter = Adapter(server);

        await Assert.ThrowsAsync<StreamException>(() => CollectAsync(adapter.StreamAsync(Ask())));
    }

    [Fact]
    public async Task Events_without_a_type_field_are_classified_by_their_sse_event_name()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Sse(
        [
            new SseEvent("response.output_text.delta", """{"output_index":0,"delta":"Hel"}"""),
            new SseEvent("response.output_text.delta", """{"output_index":0,"delta":"lo"}"""),
            new SseEvent("response.completed", """{"response":{"id":"resp_2","model":"m","status":"completed","output":[{"type":"message","id":"msg_2","role":"assistant","content":[{"type":"output_text","text":"Hello"}]}]}}"""),
        ]));
        using var adapter = Adapter(server);

        var events = await CollectAsync(adapter.StreamAsync(Ask()));

        Assert.Equal([StreamEventType.StreamStart, StreamEventType.TextStart, StreamEventType.TextDelta, StreamEventType.TextDelta, StreamEventType.Finish], events.Select(e => e.Type));
        Assert.Equal("Hello", events[^1].Response!.Text);
    }

    [Fact]
    public async Task Encrypted_reasoning_without_a_summary_yields_no_reasoning_text()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Sse(
        [
            new SseEvent("response.created", """{"type":"response.created","response":{"id":"resp_3","status":"in_progress","output":[]}}"""),
            new SseEvent("response.output_item.added", """{"type":"response.output_item.added","output_index":0,"item":{"id":"rs_3","type":"reasoning","summary":[]}}"""),
            new SseEvent("response.output_item.done", """{"type":"response.output_item.done","output_index":0,"item":{"id":"rs_3","type":"reasoning","summary":[],"encrypted_content":"gAAAA-opaque"}}"""),
            new SseEvent("response.completed", """{"type":"response.completed","response":{"id":"resp_3","model":"m","status":"completed","output":[{"id":"rs_3","type":"reasoning","summary":[],"encrypted_content":"gAAAA-opaque"}]}}"""),
        ]));
        using var adapter = Adapter(server);

        var events = await CollectAsync(adapter.StreamAsync(Ask()));

        Assert.Equal([StreamEventType.StreamStart, StreamEventType.Finish], events.Select(e => e.Type));
        Assert.Null(events[^1].Response!.Reasoning);
        Assert.Equal(ContentKind.RedactedThinking, Assert.Single(events[^1].Response!.Message.Content).Kind);
    }

    [Fact]
    public async Task Cancellation_stops_the_stream_with_operation_canceled()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("stream-text.sse")) with { DelayBetweenEvents = TimeSpan.FromSeconds(2) });
        using var adapter = Adapter(server);
        using var cancel = new CancellationTokenSource();
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var unused in adapter.StreamAsync(Ask(), cancel.Token))
            {
                received++;
                await cancel.CancelAsync();
            }
        });

        Assert.Equal(1, received);
    }

    [Fact]
    public void A_text_delta_is_decoded_without_a_json_document()
    {
        var data = Encoding.UTF8.GetBytes("""{"type":"response.output_text.delta","sequence_number":11,"item_id":"msg_1","output_index":3,"content_index":0,"delta":"caf\u00e9 \"q\"","logprobs":[]}""");

        var chunk = ResponsesStreamDecoder.Parse("response.output_text.delta", data);

        Assert.Equal(ResponsesEventKind.TextDelta, chunk.Kind);
        Assert.Equal("café \"q\"", chunk.Delta);
        Assert.Equal(3, chunk.OutputIndex);
        Assert.Null(chunk.Document);
    }
}
