// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using Attractor.Llm.FakeProvider;

namespace Attractor.Agent.Tests;

/// <summary>
/// OpenAI Responses API answers (<c>/v1/responses</c>) for the session tests, built by <see cref="ResponsesAnswers"/>:
/// <see cref="Text"/>, <see cref="Calls"/> and <see cref="Stream"/> as Server-Sent Events (sessions stream by default),
/// the <c>*Json</c> forms as single-shot bodies.
/// </summary>
internal static class ResponsesWire
{
    /// <summary>A streamed text answer; the text arrives as one delta per word.</summary>
    public static FakeResponse Text(string text) => Stream(MessageItem(text));

    /// <summary>A streamed answer calling tools.</summary>
    public static FakeResponse Calls(params (string Id, string Name, object Arguments)[] calls) => Stream([.. calls.Select(CallItem)]);

    /// <summary>A single-shot text answer.</summary>
    public static FakeResponse TextJson(string text) => Json(MessageItem(text));

    /// <summary>A single-shot answer calling tools.</summary>
    public static FakeResponse CallsJson(params (string Id, string Name, object Arguments)[] calls) => Json([.. calls.Select(CallItem)]);

    /// <summary>A single-shot answer of the given output items.</summary>
    public static FakeResponse Json(params JsonObject[] items) => ResponsesAnswers.Json(items);

    /// <summary>A <c>message</c> output item.</summary>
    public static JsonObject MessageItem(string text) => ResponsesAnswers.MessageItem(text);

    /// <summary>A <c>function_call</c> output item.</summary>
    public static JsonObject CallItem((string Id, string Name, object Arguments) call) => ResponsesAnswers.CallItem(call);

    /// <summary>A <c>reasoning</c> output item with a summary and encrypted content (stateless reasoning).</summary>
    public static JsonObject ReasoningItem(string summary, string encryptedContent) => ResponsesAnswers.ReasoningItem(summary, encryptedContent);

    /// <summary>A streamed answer of the given output items, text as one delta per word.</summary>
    public static FakeResponse Stream(params JsonObject[] items) => ResponsesAnswers.Stream(items);

    public static FakeResponse Unauthorized() => FakeResponse.Error(401,
        """{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""");

    /// <summary>The <c>output</c> of each <c>function_call_output</c> item in a request body, keyed by call id.</summary>
    public static Dictionary<string, string> ToolOutputs(RecordedRequest request) =>
        request.Json.GetProperty("input").EnumerateArray()
            .Where(item => item.TryGetProperty("type", out var type) && type.GetString() == "function_call_output")
            .ToDictionary(item => item.GetProperty("call_id").GetString()!, item => item.GetProperty("output").GetString()!);
}
