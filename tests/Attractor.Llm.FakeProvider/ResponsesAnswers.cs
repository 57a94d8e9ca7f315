// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attractor.Llm.FakeProvider;

/// <summary>
/// Builds OpenAI Responses API answers (<c>/v1/responses</c>) as the real API sends them: output items, the single-shot
/// JSON body and the Server-Sent Event stream of an answer. Shared by the agent and backend tests so both script the
/// same wire format.
/// </summary>
public static class ResponsesAnswers
{
    private static int _counter;

    /// <summary>A <c>message</c> output item with one <c>output_text</c> part.</summary>
    /// <param name="text">The assistant's text.</param>
    /// <returns>The item.</returns>
    public static JsonObject MessageItem(string text) => new()
    {
        ["type"] = "message",
        ["id"] = "msg_" + Interlocked.Increment(ref _counter),
        ["status"] = "completed",
        ["role"] = "assistant",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() }),
    };

    /// <summary>A <c>function_call</c> output item.</summary>
    /// <param name="call">The call id, the tool name and the arguments (serialized to a JSON string).</param>
    /// <returns>The item.</returns>
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
    /// <param name="summary">The summary text.</param>
    /// <param name="encryptedContent">The opaque encrypted reasoning.</param>
    /// <returns>The item.</returns>
    public static JsonObject ReasoningItem(string summary, string encryptedContent) => new()
    {
        ["type"] = "reasoning",
        ["id"] = "rs_" + Interlocked.Increment(ref _counter),
        ["summary"] = new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = summary }),
        ["encrypted_content"] = encryptedContent,
    };

    /// <summary>A completed response body (model <c>gpt-5.2</c>, fixed usage) carrying copies of the given items.</summary>
    /// <param name="items">The output items, in order.</param>
    /// <returns>The body.</returns>
    public static JsonObject Body(params JsonObject[] items) => new()
    {
        ["id"] = "resp_" + Interlocked.Increment(ref _counter),
        ["object"] = "response",
        ["created_at"] = 1764590000,
        ["status"] = "completed",
        ["model"] = "gpt-5.2",
        ["output"] = new JsonArray([.. items.Select(item => (JsonNode)item.DeepClone())]),
        ["usage"] = new JsonObject
        {
            ["input_tokens"] = 10,
            ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
            ["output_tokens"] = 5,
            ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
            ["total_tokens"] = 15,
        },
    };

    /// <summary>A single-shot JSON answer of the given output items.</summary>
    /// <param name="items">The output items, in order.</param>
    /// <returns>The scripted response.</returns>
    public static FakeResponse Json(params JsonObject[] items) => FakeResponse.Json(Body(items).ToJsonString());

    /// <summary>
    /// A streamed answer of the given output items, the text arriving as one delta per word (each word keeps its
    /// trailing whitespace).
    /// </summary>
    /// <param name="items">The output items, in order.</param>
    /// <returns>The scripted response.</returns>
    public static FakeResponse Stream(params JsonObject[] items) => Stream(Words, items);

    /// <summary>
    /// A streamed answer of the given output items: <c>response.created</c>, per item <c>output_item.added</c>, its
    /// deltas (text split by <paramref name="textDeltas"/>, arguments and reasoning summaries whole) and
    /// <c>output_item.done</c>, then <c>response.completed</c> with the full response.
    /// </summary>
    /// <param name="textDeltas">Splits a message's text into deltas that concatenate to it.</param>
    /// <param name="items">The output items, in order (message, function_call or reasoning).</param>
    /// <returns>The scripted response.</returns>
    public static FakeResponse Stream(Func<string, IEnumerable<string>> textDeltas, params JsonObject[] items)
    {
        ArgumentNullException.ThrowIfNull(textDeltas);
        ArgumentNullException.ThrowIfNull(items);
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
                    foreach (var delta in textDeltas(item["content"]![0]!["text"]!.GetValue<string>()))
                    {
                        events.Add(Event("response.output_text.delta", new JsonObject { ["item_id"] = id, ["output_index"] = index, ["content_index"] = 0, ["delta"] = delta }));
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

    private static SseEvent Event(string type, JsonObject data)
    {
        var payload = new JsonObject { ["type"] = type };
        foreach (var (key, value) in data)
        {
            payload[key] = value?.DeepClone();
        }

        return new SseEvent(type, payload.ToJsonString());
    }

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
}
