// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm.Tests.HighLevel;

/// <summary>Builders for responses, events and errors used by the high-level tests.</summary>
internal static class Fake
{
    public static Usage Usage(int input, int output) => new() { InputTokens = input, OutputTokens = output, TotalTokens = input + output };

    public static Response Text(string text, int input = 10, int output = 5, string finish = FinishReason.Stop) => new()
    {
        Id = "resp_" + Guid.NewGuid().ToString("N")[..8],
        Model = "test-model",
        Provider = "scripted",
        Message = Message.Assistant(text),
        FinishReason = new FinishReason(finish),
        Usage = Usage(input, output),
    };

    public static Response Calls(params (string Id, string Name, string Arguments)[] calls) => CallsWithText(null, calls);

    public static Response CallsWithText(string? text, params (string Id, string Name, string Arguments)[] calls)
    {
        var parts = new List<ContentPart>();
        if (text is not null)
        {
            parts.Add(ContentPart.FromText(text));
        }

        parts.AddRange(calls.Select(c => ContentPart.FromToolCall(new ToolCallData(c.Id, c.Name, c.Arguments))));
        return new Response
        {
            Id = "resp_calls",
            Model = "test-model",
            Provider = "scripted",
            Message = new Message(Role.Assistant, parts),
            FinishReason = new FinishReason(FinishReason.ToolCalls, "tool_use"),
            Usage = Usage(20, 7),
        };
    }

    public static ProviderErrorDetails Details(int status, TimeSpan? retryAfter = null) =>
        new("scripted", $"status {status}") { StatusCode = status, RetryAfter = retryAfter };

    public static RateLimitException RateLimit(TimeSpan? retryAfter = null) => new(Details(429, retryAfter));

    public static ServerException Server() => new(Details(503));

    public static AuthenticationException Unauthorized() => new(Details(401));

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>The events of a streamed text answer, split into deltas, ending with a finish event.</summary>
    public static StreamEvent[] TextEvents(Response final, params string[] deltas)
    {
        var events = new List<StreamEvent> { new(StreamEventType.StreamStart), new(StreamEventType.TextStart) { TextId = "t0" } };
        events.AddRange(deltas.Select(d => new StreamEvent(StreamEventType.TextDelta) { Delta = d, TextId = "t0" }));
        events.Add(new StreamEvent(StreamEventType.TextEnd) { TextId = "t0" });
        events.Add(new StreamEvent(StreamEventType.Finish) { FinishReason = final.FinishReason, Usage = final.Usage, Response = final });
        return [.. events];
    }

    /// <summary>The events of a streamed tool-call answer (start, argument deltas, end per call), ending with finish.</summary>
    public static StreamEvent[] CallEvents(Response final)
    {
        var events = new List<StreamEvent> { new(StreamEventType.StreamStart) };
        foreach (var call in final.ToolCalls)
        {
            var raw = call.RawArguments ?? "{}";
            events.Add(new StreamEvent(StreamEventType.ToolCallStart) { ToolCall = call with { Arguments = default, RawArguments = null } });
            events.Add(new StreamEvent(StreamEventType.ToolCallDelta) { Delta = raw[..(raw.Length / 2)], ToolCall = call with { Arguments = default, RawArguments = null } });
            events.Add(new StreamEvent(StreamEventType.ToolCallDelta) { Delta = raw[(raw.Length / 2)..], ToolCall = call with { Arguments = default, RawArguments = null } });
            events.Add(new StreamEvent(StreamEventType.ToolCallEnd) { ToolCall = call });
        }

        events.Add(new StreamEvent(StreamEventType.Finish) { FinishReason = final.FinishReason, Usage = final.Usage, Response = final });
        return [.. events];
    }
}
