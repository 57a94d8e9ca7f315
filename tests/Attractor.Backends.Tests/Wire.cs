// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm.FakeProvider;

namespace Attractor.Backends.Tests;

/// <summary>Provider response bodies as the real APIs return them, and readers of the recorded requests.</summary>
internal static class Wire
{
    private static int _counter;

    /// <summary>An OpenAI Responses API answer with text only.</summary>
    public static FakeResponse Text(string text) => FakeResponse.Json(ResponsesBody(new JsonObject
    {
        ["type"] = "message",
        ["id"] = "msg_" + Interlocked.Increment(ref _counter),
        ["status"] = "completed",
        ["role"] = "assistant",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() }),
    }));

    /// <summary>An OpenAI Responses API answer calling tools.</summary>
    public static FakeResponse Calls(params (string Id, string Name, object Arguments)[] calls) =>
        FakeResponse.Json(ResponsesBody([.. calls.Select(call => new JsonObject
        {
            ["type"] = "function_call",
            ["id"] = "fc_" + call.Id,
            ["call_id"] = call.Id,
            ["name"] = call.Name,
            ["arguments"] = JsonSerializer.Serialize(call.Arguments),
            ["status"] = "completed",
        })]));

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

    private static string ResponsesBody(params JsonNode[] output) => new JsonObject
    {
        ["id"] = "resp_" + Interlocked.Increment(ref _counter),
        ["object"] = "response",
        ["created_at"] = 1764590000,
        ["status"] = "completed",
        ["model"] = "gpt-5.2",
        ["output"] = new JsonArray(output),
        ["usage"] = new JsonObject
        {
            ["input_tokens"] = 10,
            ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
            ["output_tokens"] = 5,
            ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
            ["total_tokens"] = 15,
        },
    }.ToJsonString();
}
