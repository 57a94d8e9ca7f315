// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm.FakeProvider;

namespace Attractor.Agent.Tests;

/// <summary>
/// Builds OpenAI Responses API answers (<c>/v1/responses</c>) as the real API sends them: <see cref="Text"/>,
/// <see cref="Calls"/> and <see cref="Stream"/> as Server-Sent Events (sessions stream by default), the <c>*Json</c>
/// forms as single-shot bodies.
/// </summary>
internal static class ResponsesWire
{
    private static int _counter;

    /// <summary>A streamed text answer; the text arrives as one delta per word.</summary>
    public static FakeResponse Text(string text) => Stream(MessageItem(text));

    /// <summary>A streamed answer calling tools.</summary>
    public static FakeResponse Calls(params (string Id, string Name, object Arguments)[] calls) => Stream([.. calls.Select(CallItem)]);

    /// <summary>A single-shot text answer.</summary>
    public static FakeResponse TextJson(string text) => FakeResponse.Json(Body(MessageItem(text)).ToJsonString());

    /// <summary>A single-shot answer calling tools.</summary>
    public static FakeResponse CallsJson(params (string Id, string Name, object Arguments)[] calls) =>
        FakeResponse.Json(Body([.. calls.Select(CallItem)]).ToJsonString());

    /// <summary>A single-shot answer of the given output items.</summary>
    public static FakeResponse Json(params JsonObject[] items) => FakeResponse.Json(Body(items).ToJsonString());

    /// <summary>A <c>message</c> output item.</summary>
    public static JsonObject MessageItem(string text) => new()
    {
        ["type"] = "message",
        ["id"] = "msg_" + Interlocked.Increment(ref _counter),
        ["status"] = "completed",
        ["role"] = "assistant",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() }),
    };

    /// <summary>A <c>function_call</c> output item.</summary>
    public static JsonObject CallItem((string Id, string Name, object Arguments) call) => new()
    {
        ["type"] = "function_call",
        ["id"] = "fc_" + call.Id,
        ["call_id"] = call.Id,
        ["name"] = call.Name,
        ["arguments"] = JsonSerializer.Serialize(call.Arguments),
        ["status"] = "completed",
    };

    /// <summary>A <c>reasoning</c> output item with a summary and encrypted content (stateless reasoning).</summary>
    public static JsonObject ReasoningItem(string summary, string encryptedContent) => new()
    {
        ["type"] = "reasoning",
        ["id"] = "rs_" + Interlocked.Increment(ref _counter),
        ["summary"] = new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = summary }),
        ["encrypted_content"] = encryptedContent,
    };

    /// <summary>
    /// A streamed answer of the given output items: <c>response.created</c>, per item <c>output_item.added</c>, its
    /// deltas (text per word, arguments and reasoning summaries whole) and <c>output_item.done</c>, then
    /// <c>response.completed</c> with the full response.
    /// </summary>
    public static FakeResponse Stream(params JsonObject[] items)
    {
        var body = Body(items);
        var created = body.DeepClone().AsObject();
        created["status"] = "in_progress";
        created["output"] = new JsonArray();
        created.Remove("usage");
        var events = new List<SseEvent> { Event("response.created", new JsonObject { ["response"] = created }) };
        for (var index = 0; index < items.Length; index++)
        {
            var item = items[index];
            var id = item["id"]!.GetValue<string>();
            var added = item.DeepClone().AsObject();
            added["status"] = "in_progress";
            switch (item["type"]!.GetValue<string>())
            {
                case "message":
                    added["content"] = new JsonArray();
                    events.Add(Event("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = added }));
                    foreach (var word in Words(item["content"]![0]!["text"]!.GetValue<string>()))
                    {
                        events.Add(Event("response.output_text.delta", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["content_index"] = 0, ["delta"] = word }));
                    }

                    break;
                case "function_call":
                    added["arguments"] = string.Empty;
                    events.Add(Event("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = added }));
                    events.Add(Event("response.function_call_arguments.delta", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["delta"] = item["arguments"]!.GetValue<string>() }));
                    break;
                case "reasoning":
                    added["summary"] = new JsonArray();
                    added.Remove("encrypted_content");
                    events.Add(Event("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = added }));
                    events.Add(Event("response.reasoning_summary_text.delta", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["summary_index"] = 0, ["delta"] = item["summary"]![0]!["text"]!.GetValue<string>() }));
                    break;
                default:
                    throw new ArgumentException("Unsupported item type.", nameof(items));
            }

            events.Add(Event("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = item.DeepClone() }));
        }

        events.Add(Event("response.completed", new JsonObject { ["response"] = body }));
        return FakeResponse.Sse(events);
    }

    public static FakeResponse Unauthorized() => FakeResponse.Error(401,
        """{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""");

    /// <summary>The <c>output</c> of each <c>function_call_output</c> item in a request body, keyed by call id.</summary>
    public static Dictionary<string, string> ToolOutputs(RecordedRequest request) =>
        request.Json.GetProperty("input").EnumerateArray()
            .Where(item => item.TryGetProperty("type", out var type) && type.GetString() == "function_call_output")
            .ToDictionary(item => item.GetProperty("call_id").GetString()!, item => item.GetProperty("output").GetString()!);

    private static SseEvent Event(string type, JsonObject data)
    {
        var payload = new JsonObject { ["type"] = type };
        foreach (var (key, value) in data)
        {
            payload[key] = value?.DeepClone();
        }

        return new SseEvent(type, payload.ToJsonString());
    }

    /// <summary>Splits text into words, each keeping its trailing whitespace, so the pieces concatenate to the text.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || (char.IsWhiteSpace(text[i - 1]) && !char.IsWhiteSpace(text[i])))
            {
                words.Add(text[start..i]);
                start = i;
            }
        }

        return words;
    }

    private static JsonObject Body(params JsonObject[] output) => new()
    {
        ["id"] = "resp_" + Interlocked.Increment(ref _counter),
        ["object"] = "response",
        ["created_at"] = 1764590000,
        ["status"] = "completed",
        ["model"] = "gpt-5.2",
        ["output"] = new JsonArray([.. output.Select(item => (JsonNode)item.DeepClone())]),
        ["usage"] = new JsonObject
        {
            ["input_tokens"] = 10,
            ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
            ["output_tokens"] = 5,
            ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
            ["total_tokens"] = 15,
        },
    };
}
