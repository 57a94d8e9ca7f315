// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using Attractor.Llm.FakeProvider;
using static Attractor.Llm.Tests.Gemini.GeminiTestSupport;

namespace Attractor.Llm.Tests.Gemini;

public sealed class GeminiStreamingTests
{
    private static async Task<List<StreamEvent>> StreamAsync(FakeResponse answer, Request? request = null)
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(answer);
        using var adapter = CreateAdapter(server);
        return await CollectAsync(adapter.StreamAsync(request ?? Ask("Hi")));
    }

    private static async Task<Response> CompleteAsync(string fixture, Request request)
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture(fixture)));
        using var adapter = CreateAdapter(server);
        return await adapter.CompleteAsync(request);
    }

    // Synthetic ids are random per call, and a stream keeps its last chunk as raw: everything else must be equal.
    private static void AssertSameResponse(Response expected, Response actual)
    {
        Assert.Equal(Parts(expected).Select(p => p.ToString()), Parts(actual).Select(p => p.ToString()));
        Assert.Equal(Parts(expected), Parts(actual));
        Assert.Equal(expected.Warnings, actual.Warnings);
        Assert.Equal(Rest(expected), Rest(actual));

        static List<ContentPart> Parts(Response response)
        {
            var ids = 0;
            return [.. response.Message.Content.Select(p => p.ToolCall is { } call ? ContentPart.FromToolCall(call with { Id = "id" + ids++ }) : p)];
        }

        static Response Rest(Response response) =>
            response with { Message = response.Message with { Content = [] }, Warnings = [], Raw = null, Usage = response.Usage with { Raw = null } };
    }

    [Fact]
    public async Task Text_streams_as_start_deltas_end_and_finish_and_the_deltas_make_the_final_text()
    {
        var events = await StreamAsync(FakeResponse.SseTranscript(Fixture("stream-text.sse")));

        Assert.Equal(
            [StreamEventType.StreamStart, StreamEventType.TextStart, StreamEventType.TextDelta, StreamEventType.TextDelta, StreamEventType.TextDelta, StreamEventType.TextEnd, StreamEventType.Finish],
            events.Select(e => e.Type));
        var deltas = string.Concat(events.Where(e => e.Type == StreamEventType.TextDelta).Select(e => e.Delta));
        var finish = events[^1];
        Assert.Equal("The quick brown fox jumps over the lazy dog. ünïcödé ✓", deltas);
        Assert.Equal(deltas, finish.Response!.Text);
        Assert.Single(events.Where(e => e.Type != StreamEventType.StreamStart).Select(e => e.TextId).Where(id => id is not null).Distinct());
        Assert.Equal(new FinishReason("stop", "STOP"), finish.FinishReason);
        Assert.Equal(10, finish.Usage!.InputTokens);
        Assert.Equal(12, finish.Usage.OutputTokens);
        Assert.Equal(22, finish.Usage.TotalTokens);
        Assert.Equal(10, finish.Usage.Raw!.Value.GetProperty("promptTokensDetails")[0].GetProperty("tokenCount").GetInt32());
        Assert.Equal("q3fxaJ2oHNK5z7IP5bSJ0Qk", finish.Response.Id);
        Assert.Equal("gemini-2.5-flash", finish.Response.Model);
    }

    [Fact]
    public async Task A_signature_only_last_chunk_matches_the_unstreamed_response()
    {
        var request = Ask("Hi", "gemini-3-flash-preview");
        var events = await StreamAsync(FakeResponse.SseTranscript(Fixture("stream-text-signature.sse")), request);
        var complete = await CompleteAsync("text-signature-response.json", request);

        var streamed = events[^1].Response!;
        Assert.Equal("Hello! How can I help you today?", streamed.Text);
        Assert.Equal([ContentKind.Text, GeminiAdapter.ThoughtSignatureKind], streamed.Message.Content.Select(p => p.Kind));
        AssertSameResponse(complete, streamed);
        Assert.Equal("Hello! How can I help you today?", string.Concat(events.Where(e => e.Type == StreamEventType.TextDelta).Select(e => e.Delta)));
    }

    [Fact]
    public async Task Thoughts_text_and_parallel_calls_stream_in_order_and_finish_with_what_complete_returns()
    {
        var request = Ask("Weather in SF and NY?", "gemini-3-pro-preview") with { ReasoningEffort = "high" };
        var events = await StreamAsync(FakeResponse.SseTranscript(Fixture("stream-thinking-tools.sse")), request);
        var complete = await CompleteAsync("thinking-tools-response.json", request);

        Assert.Equal(
            [
                StreamEventType.StreamStart,
                StreamEventType.ReasoningStart, StreamEventType.ReasoningDelta, StreamEventType.ReasoningDelta, StreamEventType.ReasoningEnd,
                StreamEventType.TextStart, StreamEventType.TextDelta, StreamEventType.TextEnd,
                StreamEventType.ToolCallStart, StreamEventType.ToolCallEnd,
                StreamEventType.ToolCallStart, StreamEventType.ToolCallEnd,
                StreamEventType.Finish,
            ],
            events.Select(e => e.Type));
        var finish = events[^1];
        Assert.Equal(
            "**Planning the lookups**\n\nThe user asks about two cities, so I will call get_weather twice.",
            string.Concat(events.Where(e => e.Type == StreamEventType.ReasoningDelta).Select(e => e.ReasoningDelta)));
        var ends = events.Where(e => e.Type == StreamEventType.ToolCallEnd).Select(e => e.ToolCall!).ToList();
        Assert.Equal(ends.Select(c => c.Id), finish.Response!.ToolCalls.Select(c => c.Id));
        Assert.Equal("New York, NY", ends[1].Arguments.GetProperty("location").GetString());
        Assert.Equal(events[8].ToolCall!.Id, ends[0].Id);
        Assert.Equal(new FinishReason("tool_calls", "STOP"), finish.FinishReason);
        Assert.Equal(58, finish.Usage!.ReasoningTokens);
        Assert.Equal(64, finish.Usage.CacheReadTokens);
        Assert.Equal(88, finish.Usage.OutputTokens);
        AssertSameResponse(complete, finish.Response);
    }

    [Fact]
    public async Task Crlf_event_boundaries_as_gemini_sends_them_are_read()
    {
        var body = Fixture("stream-text.sse").ReplaceLineEndings("\r\n");

        var events = await StreamAsync(new FakeResponse { ContentType = "text/event-stream", Body = body });

        Assert.Equal(3, events.Count(e => e.Type == StreamEventType.TextDelta));
        Assert.Equal("The quick brown fox jumps over the lazy dog. ünïcödé ✓", events[^1].Response!.Text);
    }

    [Fact]
    public async Task A_stream_without_a_finish_reason_is_a_stream_error()
    {
        var error = await Assert.ThrowsAsync<StreamException>(() => StreamAsync(FakeResponse.SseTranscript(Fixture("stream-text.sse")) with { EndAfterEvents = 2 }));

        Assert.True(error.Retryable);
        Assert.Contains("finishReason", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_cut_mid_way_is_a_stream_error_after_the_events_already_delivered()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("stream-text.sse")) with { CutAfterEvents = 1 });
        using var adapter = CreateAdapter(server);
        var seen = new List<StreamEvent>();

        await Assert.ThrowsAsync<StreamException>(async () =>
        {
            await foreach (var e in adapter.StreamAsync(Ask("Hi")))
            {
                seen.Add(e);
            }
        });

        Assert.Equal([StreamEventType.StreamStart, StreamEventType.TextStart, StreamEventType.TextDelta], seen.Select(e => e.Type));
    }

    [Fact]
    public async Task An_error_object_inside_the_stream_becomes_the_mapped_error()
    {
        var transcript = Fixture("stream-text.sse").Split("\n\n")[0] + "\n\n" + "data: " + Fixture("error-503-unavailable.json").ReplaceLineEndings(string.Empty) + "\n\n";

        var error = await Assert.ThrowsAsync<ServerException>(() => StreamAsync(FakeResponse.SseTranscript(transcript)));

        Assert.Equal(503, error.StatusCode);
        Assert.Contains("overloaded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunk_that_is_not_json_is_a_stream_error()
    {
        await Assert.ThrowsAsync<StreamException>(() => StreamAsync(FakeResponse.Sse([new SseEvent(null, "{\"candidates\": [")])));
    }

    [Fact]
    public async Task An_error_status_fails_before_any_event()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Error(429, Fixture("error-429-plain.json"), retryAfter: "3"));
        using var adapter = CreateAdapter(server);
        var seen = 0;

        var error = await Assert.ThrowsAsync<RateLimitException>(async () =>
        {
            await foreach (var unused in adapter.StreamAsync(Ask("Hi")))
            {
                seen++;
            }
        });

        Assert.Equal(0, seen);
        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
    }

    [Fact]
    public async Task A_blocked_prompt_streams_to_a_content_filter_finish()
    {
        var chunk = Fixture("blocked-prompt-response.json").ReplaceLineEndings(string.Empty);

        var events = await StreamAsync(FakeResponse.Sse([new SseEvent(null, chunk)]));

        Assert.Equal([StreamEventType.StreamStart, StreamEventType.Finish], events.Select(e => e.Type));
        Assert.Equal(new FinishReason("content_filter", "SAFETY"), events[^1].FinishReason);
    }

    [Fact]
    public async Task Many_small_deltas_arrive_in_order_and_concatenate_exactly()
    {
        var pieces = Enumerable.Range(0, 300).Select(i => $"w{i}é ").ToList();
        var chunks = pieces.Select((p, i) => new SseEvent(null,
            "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + p + "\"}]}" + (i == pieces.Count - 1 ? ",\"finishReason\":\"STOP\"" : string.Empty) + "}]}")).ToList();

        var events = await StreamAsync(FakeResponse.Sse(chunks));

        var deltas = events.Where(e => e.Type == StreamEventType.TextDelta).Select(e => e.Delta!).ToList();
        Assert.Equal(pieces, deltas);
        Assert.Equal(string.Concat(pieces), events[^1].Response!.Text);
        Assert.Equal(Usage.Empty, events[^1].Usage);
    }

    [Fact]
    public async Task Cancelling_the_stream_surfaces_as_operation_canceled()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("stream-text.sse")) with { DelayBetweenEvents = TimeSpan.FromSeconds(10) });
        using var adapter = CreateAdapter(server);
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in adapter.StreamAsync(Ask("Hi"), cancel.Token))
            {
                if (e.Type == StreamEventType.TextDelta)
                {
                    await cancel.CancelAsync();
                }
            }
        });
    }

    [Fact]
    public void The_chunk_parser_reads_utf8_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"ünï ✓\"}]}}]}");
        var builder = new GeminiResponseBuilder();
        var events = new List<StreamEvent>();

        using (var document = System.Text.Json.JsonDocument.Parse(bytes))
        {
            foreach (var part in document.RootElement.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts").EnumerateArray())
            {
                builder.Append(part, events);
            }
        }

        Assert.Equal("ünï ✓", events.Single(e => e.Type == StreamEventType.TextDelta).Delta);
        Assert.Equal("ünï ✓", Assert.Single(builder.Build()).Text);
    }
}
