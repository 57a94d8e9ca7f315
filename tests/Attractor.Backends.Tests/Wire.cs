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
    public static FakeResponse Text(string text) => FakeResponse.Json(ResponsesBody(MessageItem(text)).ToJsonString());

    /// <summary>A single-shot OpenAI Responses API answer calling tools.</summary>
    public static FakeResponse Calls(params (string Id, string Name, object Arguments)[] calls) =>
        FakeResponse.Json(ResponsesBody([.. calls.Select(CallItem)]).ToJsonString());

    /// <summary>A streamed text answer (the agent and llm backends stream); one delta per word.</summary>
    public static FakeResponse StreamText(string text) => Stream(MessageItem(text));

    /// <summary>A streamed answer calling tools.</summary>
    public static FakeResponse StreamCalls(params (string Id, string Name, object Arguments)[] calls) => Stream([.. calls.Select(CallItem)]);

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

    private static JsonObject MessageItem(string text) => new()
    {
        ["type"] = "message",
        ["id"] = "msg_" + Interlocked.Increment(ref _counter),
        ["status"] = "completed",
        ["role"] = "assistant",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() }),
    };

    private static JsonObject CallItem((string Id, string Name, object Arguments) call) => new()
    {
        ["type"] = "function_call",
        ["id"] = "fc_" + call.Id,
        ["call_id"] = call.Id,
        ["name"] = call.Name,
        ["arguments"] = JsonSerializer.Serialize(call.Arguments),
        ["status"] = "completed",
    };

    /// <summary>The Responses API event stream of an answer: created, per item added / deltas / done, completed.</summary>
    private static FakeResponse Stream(params JsonObject[] items)
    {
        var body = ResponsesBody(items);
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
            if (item["type"]!.GetValue<string>() == "message")
            {
                added["content"] = new JsonArray();
                events.Add(Event("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = added }));
                var words = item["content"]![0]!["text"]!.GetValue<string>().Split(' ');
                for (var word = 0; word < words.Length; word++)
                {
                    // The deltas concatenate to the text, as a real stream's do.
                    var delta = word == 0 ? words[word] : " " + words[word];
                    events.Add(Event("response.output_text.delta", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["content_index"] = 0, ["delta"] = delta }));
                }
            }
            else
            {
                added["arguments"] = string.Empty;
                events.Add(Event("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = added }));
                events.Add(Event("response.function_call_arguments.delta", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["delta"] = item["arguments"]!.GetValue<string>() }));
            }

            events.Add(Event("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = item.DeepClone() }));
        }

        events.Add(Event("response.completed", new JsonObject { ["response"] = body }));
        return FakeResponse.Sse(events);
    }

    private static SseEvent Event(string type, JsonObject data)
    {
        var payload = new JsonObject { ["type"] = type };
        foreach (var (key, value) in data)
        {
            payload[key] = value?.DeepClone();
        }

        return new SseEvent(type, payload.ToJsonString());
    }

    private static JsonObject ResponsesBody(params JsonNode[] output) => new()
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
    };
}
