// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm.FakeProvider;

namespace Attractor.Backends.Tests;

/// <summary>Provider response bodies as the real APIs return them, and readers of the recorded requests.</summary>
internal static class Wire
{
    private static int _counter;

    /// <summary>A single-shot OpenAI Responses API answer with text only (what <c>Llm.GenerateAsync</c> asks for).</summary>
    public static FakeResponse Text(string text) => ResponsesAnswers.Json(ResponsesAnswers.MessageItem(text));

    /// <summary>A single-shot OpenAI Responses API answer calling tools.</summary>
    public static FakeResponse Calls(params (string Id, string Name, object Arguments)[] calls) =>
        ResponsesAnswers.Json([.. calls.Select(ResponsesAnswers.CallItem)]);

    /// <summary>A streamed text answer (the agent and llm backends stream); one delta per word.</summary>
    public static FakeResponse StreamText(string text) => ResponsesAnswers.Stream(SpaceLedWords, ResponsesAnswers.MessageItem(text));

    /// <summary>A streamed answer calling tools.</summary>
    public static FakeResponse StreamCalls(params (string Id, string Name, object Arguments)[] calls) =>
        ResponsesAnswers.Stream(SpaceLedWords, [.. calls.Select(ResponsesAnswers.CallItem)]);

    /// <summary>An Anthropic Messages API answer with text only.</summary>
    public static FakeResponse AnthropicText(string text, string model) => FakeResponse.Json(new JsonObject
    {
        ["id"] = "msg_" + Interlocked.Increment(ref _counter),
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
        ["stop_reason"] = "end_turn",
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject { ["input_tokens"] = 10, ["output_tokens"] = 5 },
    }.ToJsonString());

    /// <summary>A streamed Anthropic Messages API answer with text only (the <c>llm</c> backend streams its call).</summary>
    public static FakeResponse AnthropicStreamText(string text, string model)
    {
        var message = new JsonObject
        {
            ["id"] = "msg_" + Interlocked.Increment(ref _counter),
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = model,
            ["content"] = new JsonArray(),
            ["stop_reason"] = null,
            ["stop_sequence"] = null,
            ["usage"] = new JsonObject { ["input_tokens"] = 10, ["output_tokens"] = 1 },
        };
        return FakeResponse.Sse(
        [
            Event("message_start", new JsonObject { ["message"] = message }),
            Event("content_block_start", new JsonObject { ["index"] = 0, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = string.Empty } }),
            Event("content_block_delta", new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = text } }),
            Event("content_block_stop", new JsonObject { ["index"] = 0 }),
            Event("message_delta", new JsonObject { ["delta"] = new JsonObject { ["stop_reason"] = "end_turn", ["stop_sequence"] = null }, ["usage"] = new JsonObject { ["output_tokens"] = 5 } }),
            Event("message_stop", new JsonObject()),
        ]);
    }

    /// <summary>All text a Responses API request carries (instructions and every input item), for "was this sent" checks.</summary>
    public static string AllText(RecordedRequest request) => request.Body;

    /// <summary>The texts of the user messages of a Responses API request, in order.</summary>
    public static List<string> UserTexts(RecordedRequest request) =>
        [.. request.Json.GetProperty("input").EnumerateArray()
            .Where(item => item.TryGetProperty("role", out var role) && role.GetString() == "user")
            .Select(item => item.GetProperty("content") is { ValueKind: JsonValueKind.String } s
                ? s.GetString()!
                : string.Concat(item.GetProperty("content").EnumerateArray().Select(part => part.TryGetProperty("text", out var t) ? t.GetString() : string.Empty)))];

    /// <summary>The <c>output</c> of each <c>function_call_output</c> item of a request, keyed by call id.</summary>
    public static Dictionary<string, string> ToolOutputs(RecordedRequest request) =>
        request.Json.GetProperty("input").EnumerateArray()
            .Where(item => item.TryGetProperty("type", out var type) && type.GetString() == "function_call_output")
            .ToDictionary(item => item.GetProperty("call_id").GetString()!, item => item.GetProperty("output").GetString()!);

    // Each word after the first carries its leading space, so the deltas concatenate to the text.
    private static IEnumerable<string> SpaceLedWords(string text) =>
        text.Split(' ').Select((word, index) => index == 0 ? word : " " + word);

    private static SseEvent Event(string type, JsonObject data)
    {
        var payload = new JsonObject { ["type"] = type };
        foreach (var (key, value) in data)
        {
            payload[key] = value?.DeepClone();
        }

        return new SseEvent(type, payload.ToJsonString());
    }
}
