// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm.FakeProvider;

namespace Attractor.Llm.Tests.Parity;

/// <summary>The Anthropic Messages API (<c>/v1/messages</c>) as documented: content blocks, SSE events, usage with cache counts.</summary>
public sealed class AnthropicParityWire : ProviderWire
{
    private const string Thinking = "The user wants an answer; let me reason about it step by step before replying.";

    public override string Name => "anthropic";

    public override string Model => "claude-opus-4-6";

    public override bool ExactReasoningTokens => false;

    public override IProviderAdapter CreateAdapter(FakeProviderServer server) =>
        new AnthropicAdapter(new AnthropicAdapterOptions { ApiKey = Key, BaseUrl = new Uri(server.BaseUrl, "v1").ToString() });

    public override FakeResponse Text(string text, WireUsage usage)
    {
        var content = new JsonArray();
        if (usage.Reasoning > 0)
        {
            content.Add(new JsonObject { ["type"] = "thinking", ["thinking"] = Thinking, ["signature"] = "EqQBCgIYAhIM1gbcDa9GJwZA2b3h" });
        }

        content.Add(new JsonObject { ["type"] = "text", ["text"] = text });
        return FakeResponse.Json(Json(Message(content, "end_turn", usage)));
    }

    public override FakeResponse ToolCalls(IReadOnlyList<WireCall> calls, WireUsage usage) =>
        FakeResponse.Json(Json(Message(new JsonArray([.. calls.Select(ToolUse)]), "tool_use", usage)));

    public override FakeResponse StreamText(IReadOnlyList<string> chunks, WireUsage usage)
    {
        var events = new List<SseEvent> { Start(usage) };
        var index = 0;
        if (usage.Reasoning > 0)
        {
            events.Add(Event("content_block_start", new JsonObject { ["index"] = index, ["content_block"] = Parse("""{"type":"thinking","thinking":""}""") }));
            events.Add(Event("content_block_delta", new JsonObject { ["index"] = index, ["delta"] = new JsonObject { ["type"] = "thinking_delta", ["thinking"] = Thinking } }));
            events.Add(Event("content_block_delta", new JsonObject { ["index"] = index, ["delta"] = new JsonObject { ["type"] = "signature_delta", ["signature"] = "EqQBCgIYAhIM1gbcDa9GJwZA2b3h" } }));
            events.Add(Event("content_block_stop", new JsonObject { ["index"] = index }));
            index++;
        }

        events.Add(Event("content_block_start", new JsonObject { ["index"] = index, ["content_block"] = Parse("""{"type":"text","text":""}""") }));
        events.AddRange(chunks.Select(c => Event("content_block_delta", new JsonObject { ["index"] = index, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = c } })));
        events.Add(Event("content_block_stop", new JsonObject { ["index"] = index }));
        events.AddRange(End("end_turn", usage));
        return Sse(events);
    }

    public override FakeResponse StreamToolCalls(IReadOnlyList<WireCall> calls, WireUsage usage)
    {
        var events = new List<SseEvent> { Start(usage) };
        for (var i = 0; i < calls.Count; i++)
        {
            var block = ToolUse(calls[i]);
            block["input"] = new JsonObject();
            events.Add(Event("content_block_start", new JsonObject { ["index"] = i, ["content_block"] = block }));
            events.Add(Event("content_block_delta", new JsonObject { ["index"] = i, ["delta"] = new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = calls[i].ArgumentsJson } }));
            events.Add(Event("content_block_stop", new JsonObject { ["index"] = i }));
        }

        events.AddRange(End("tool_use", usage));
        return Sse(events);
    }

    public override FakeResponse Unauthorized() => FakeResponse.Error(401, """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}""");

    public override FakeResponse RateLimited(string retryAfter) => FakeResponse.Error(429,
        """{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}""", retryAfter);

    public override string ErrorBody(int status, string message) =>
        new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = "api_error", ["message"] = message } }.ToJsonString();

    public override IReadOnlyList<string> ToolResultKeys(JsonElement body) =>
        [.. ObjectsOfType(body, "tool_result").Select(o => o.GetProperty("tool_use_id").GetString()!)];

    public override IReadOnlyList<string> InlineImages(JsonElement body) =>
        [.. ObjectsOfType(body, "image").Select(o => o.GetProperty("source")).Where(s => s.GetProperty("type").GetString() == "base64").Select(s => s.GetProperty("data").GetString()!)];

    public override IReadOnlyList<string> ImageUrls(JsonElement body) =>
        [.. ObjectsOfType(body, "image").Select(o => o.GetProperty("source")).Where(s => s.GetProperty("type").GetString() == "url").Select(s => s.GetProperty("url").GetString()!)];

    public override bool AsksForSchema(JsonElement body) =>
        body.TryGetProperty("system", out var system) && system.GetRawText().Contains("JSON Schema", StringComparison.Ordinal);

    private static SseEvent Event(string type, JsonObject payload)
    {
        var data = new JsonObject { ["type"] = type };
        foreach (var (key, value) in payload)
        {
            data[key] = value?.DeepClone();
        }

        return new SseEvent(type, data.ToJsonString());
    }

    private static SseEvent Start(WireUsage usage)
    {
        var message = Message(new JsonArray(), null, usage);
        message["usage"]!["output_tokens"] = 1;
        return Event("message_start", new JsonObject { ["message"] = message });
    }

    private static IEnumerable<SseEvent> End(string stopReason, WireUsage usage)
    {
        yield return Event("message_delta", new JsonObject
        {
            ["delta"] = new JsonObject { ["stop_reason"] = stopReason, ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = usage.Output },
        });
        yield return Event("message_stop", []);
    }

    private static JsonObject Message(JsonArray content, string? stopReason, WireUsage usage) => new()
    {
        ["id"] = "msg_01Parity",
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = "claude-opus-4-6",
        ["content"] = content,
        ["stop_reason"] = stopReason,
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject
        {
            // Anthropic's input_tokens counts only the uncached part of the prompt.
            ["input_tokens"] = usage.Input - usage.CacheRead,
            ["cache_creation_input_tokens"] = 0,
            ["cache_read_input_tokens"] = usage.CacheRead,
            ["output_tokens"] = usage.Output,
        },
    };

    private static JsonObject ToolUse(WireCall call) => new()
    {
        ["type"] = "tool_use",
        ["id"] = call.Id,
        ["name"] = call.Name,
        ["input"] = Parse(call.ArgumentsJson),
    };
}
