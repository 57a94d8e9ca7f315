// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm.FakeProvider;

namespace Attractor.Llm.Tests.Parity;

/// <summary>The OpenAI Responses API (<c>/v1/responses</c>) as documented: output items, SSE events, usage details.</summary>
public sealed class OpenAIParityWire : ProviderWire
{
    public override string Name => "openai";

    public override string Model => "gpt-5.2";

    public override IProviderAdapter CreateAdapter(FakeProviderServer server) =>
        new OpenAIAdapter(new OpenAIAdapterOptions { ApiKey = Key, BaseUrl = new Uri(server.BaseUrl, "v1").ToString() });

    public override FakeResponse Text(string text, WireUsage usage) => FakeResponse.Json(Json(Response([MessageItem(text)], usage)));

    public override FakeResponse ToolCalls(IReadOnlyList<WireCall> calls, WireUsage usage) =>
        FakeResponse.Json(Json(Response([.. calls.Select(CallItem)], usage)));

    public override FakeResponse StreamText(IReadOnlyList<string> chunks, WireUsage usage)
    {
        var text = string.Concat(chunks);
        var events = new List<SseEvent> { Event("response.created", new JsonObject { ["response"] = InProgress() }) };
        events.Add(Event("response.output_item.added", new JsonObject { ["output_index"] = 0, ["item"] = Parse("""{"type":"message","id":"msg_p1","status":"in_progress","role":"assistant","content":[]}""") }));
        events.Add(Event("response.content_part.added", new JsonObject { ["item_id"] = "msg_p1", ["output_index"] = 0, ["content_index"] = 0, ["part"] = Parse("""{"type":"output_text","text":"","annotations":[]}""") }));
        events.AddRange(chunks.Select(c => Event("response.output_text.delta", new JsonObject { ["item_id"] = "msg_p1", ["output_index"] = 0, ["content_index"] = 0, ["delta"] = c })));
        events.Add(Event("response.output_text.done", new JsonObject { ["item_id"] = "msg_p1", ["output_index"] = 0, ["content_index"] = 0, ["text"] = text }));
        events.Add(Event("response.output_item.done", new JsonObject { ["output_index"] = 0, ["item"] = MessageItem(text) }));
        events.Add(Event("response.completed", new JsonObject { ["response"] = Response([MessageItem(text)], usage) }));
        return Sse(events);
    }

    public override FakeResponse StreamToolCalls(IReadOnlyList<WireCall> calls, WireUsage usage)
    {
        var events = new List<SseEvent> { Event("response.created", new JsonObject { ["response"] = InProgress() }) };
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];
            var pending = CallItem(call);
            pending["arguments"] = string.Empty;
            pending["status"] = "in_progress";
            events.Add(Event("response.output_item.added", new JsonObject { ["output_index"] = i, ["item"] = pending }));
            events.Add(Event("response.function_call_arguments.delta", new JsonObject { ["item_id"] = "fc_" + call.Id, ["output_index"] = i, ["delta"] = call.ArgumentsJson }));
            events.Add(Event("response.function_call_arguments.done", new JsonObject { ["item_id"] = "fc_" + call.Id, ["output_index"] = i, ["arguments"] = call.ArgumentsJson }));
            events.Add(Event("response.output_item.done", new JsonObject { ["output_index"] = i, ["item"] = CallItem(call) }));
        }

        events.Add(Event("response.completed", new JsonObject { ["response"] = Response([.. calls.Select(CallItem)], usage) }));
        return Sse(events);
    }

    public override FakeResponse Unauthorized() => FakeResponse.Error(401,
        """{"error":{"message":"Incorrect API key provided: sk-parit***6789. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""");

    public override FakeResponse RateLimited(string retryAfter) => FakeResponse.Error(429,
        """{"error":{"message":"Rate limit reached for gpt-5.2 on requests per min (RPM): Limit 3, Used 3, Requested 1.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""", retryAfter);

    public override IReadOnlyList<string> ToolResultKeys(JsonElement body) =>
        [.. ObjectsOfType(body, "function_call_output").Select(o => o.GetProperty("call_id").GetString()!)];

    public override IReadOnlyList<string> InlineImages(JsonElement body) =>
        [.. ObjectsOfType(body, "input_image").Select(o => o.GetProperty("image_url").GetString()!).Where(u => u.StartsWith("data:", StringComparison.Ordinal)).Select(u => u[(u.IndexOf(',', StringComparison.Ordinal) + 1)..])];

    public override IReadOnlyList<string> ImageUrls(JsonElement body) =>
        [.. ObjectsOfType(body, "input_image").Select(o => o.GetProperty("image_url").GetString()!).Where(u => !u.StartsWith("data:", StringComparison.Ordinal))];

    public override bool AsksForSchema(JsonElement body) =>
        body.TryGetProperty("text", out var text) && text.TryGetProperty("format", out var format) && format.GetProperty("type").GetString() == "json_schema" && format.TryGetProperty("schema", out _);

    private static SseEvent Event(string type, JsonObject payload)
    {
        var data = new JsonObject { ["type"] = type };
        foreach (var (key, value) in payload)
        {
            data[key] = value?.DeepClone();
        }

        return new SseEvent(type, data.ToJsonString());
    }

    private static JsonObject InProgress() => (JsonObject)Parse("""{"id":"resp_p1","object":"response","created_at":1764590000,"status":"in_progress","model":"gpt-5.2","output":[],"usage":null}""");

    private static JsonObject Response(JsonNode[] output, WireUsage usage) => new()
    {
        ["id"] = "resp_p1",
        ["object"] = "response",
        ["created_at"] = 1764590000,
        ["status"] = "completed",
        ["model"] = "gpt-5.2",
        ["output"] = new JsonArray(output),
        ["usage"] = new JsonObject
        {
            ["input_tokens"] = usage.Input,
            ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = usage.CacheRead },
            ["output_tokens"] = usage.Output,
            ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = usage.Reasoning },
            ["total_tokens"] = usage.Input + usage.Output,
        },
    };

    private static JsonObject MessageItem(string text) => new()
    {
        ["type"] = "message",
        ["id"] = "msg_p1",
        ["status"] = "completed",
        ["role"] = "assistant",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() }),
    };

    private static JsonObject CallItem(WireCall call) => new()
    {
        ["type"] = "function_call",
        ["id"] = "fc_" + call.Id,
        ["call_id"] = call.Id,
        ["name"] = call.Name,
        ["arguments"] = call.ArgumentsJson,
        ["status"] = "completed",
    };
}
