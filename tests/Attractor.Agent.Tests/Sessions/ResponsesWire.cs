// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm.FakeProvider;

namespace Attractor.Agent.Tests;

/// <summary>Builds OpenAI Responses API bodies (<c>/v1/responses</c>) as the real API returns them.</summary>
internal static class ResponsesWire
{
    private static int _counter;

    public static FakeResponse Text(string text) => FakeResponse.Json(Body(new JsonObject
    {
        ["type"] = "message",
        ["id"] = "msg_" + Interlocked.Increment(ref _counter),
        ["status"] = "completed",
        ["role"] = "assistant",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() }),
    }));

    public static FakeResponse Calls(params (string Id, string Name, object Arguments)[] calls) =>
        FakeResponse.Json(Body([.. calls.Select(call => new JsonObject
        {
            ["type"] = "function_call",
            ["id"] = "fc_" + call.Id,
            ["call_id"] = call.Id,
            ["name"] = call.Name,
            ["arguments"] = JsonSerializer.Serialize(call.Arguments),
            ["status"] = "completed",
        })]));

    public static FakeResponse Unauthorized() => FakeResponse.Error(401,
        """{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""");

    /// <summary>The <c>output</c> of each <c>function_call_output</c> item in a request body, keyed by call id.</summary>
    public static Dictionary<string, string> ToolOutputs(RecordedRequest request) =>
        request.Json.GetProperty("input").EnumerateArray()
            .Where(item => item.TryGetProperty("type", out var type) && type.GetString() == "function_call_output")
            .ToDictionary(item => item.GetProperty("call_id").GetString()!, item => item.GetProperty("output").GetString()!);

    private static string Body(params JsonNode[] output) => new JsonObject
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
