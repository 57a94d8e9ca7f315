// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm;
using Attractor.Llm.FakeProvider;

namespace Attractor.Agent.Tests.Parity;

/// <summary>The Anthropic Messages API (<c>/v1/messages</c>) as documented: content blocks, SSE events, usage.</summary>
internal sealed class AnthropicAgentWire : AgentWire
{
    private static int _counter;

    public override string Name => "anthropic";

    public override string EditTool => "edit_file";

    public override ProviderProfile CreateProfile() => ProviderProfile.Anthropic("claude-opus-4-6", ModelCatalog.BuiltIn);

    public override IProviderAdapter CreateAdapter(FakeProviderServer server) =>
        new AnthropicAdapter(new AnthropicAdapterOptions { ApiKey = Key, BaseUrl = new Uri(server.BaseUrl, "v1").ToString() });

    public override bool IsStreaming(RecordedRequest request) =>
        request.Json.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;

    public override FakeResponse Json(ModelTurn turn)
    {
        var content = new JsonArray();
        if (turn.Reasoning is { } reasoning)
        {
            content.Add(new JsonObject { ["type"] = "thinking", ["thinking"] = reasoning, ["signature"] = SignatureOf(reasoning) });
        }

        if (turn.Text is { } text)
        {
            content.Add(new JsonObject { ["type"] = "text", ["text"] = text });
        }

        foreach (var call in turn.Calls)
        {
            content.Add(ToolUse(call, JsonNode.Parse(call.ArgumentsJson)));
        }

        return FakeResponse.Json(Message(NextId(), content, StopReason(turn), 20).ToJsonString());
    }

    public override FakeResponse Sse(ModelTurn turn)
    {
        var events = new List<SseEvent> { Event("message_start", new JsonObject { ["message"] = Message(NextId(), [], null, 1) }) };
        var index = 0;
        if (turn.Reasoning is { } reasoning)
        {
            events.Add(Event("content_block_start", new JsonObject { ["index"] = index, ["content_block"] = new JsonObject { ["type"] = "thinking", ["thinking"] = string.Empty } }));
            events.AddRange(Chunks(reasoning).Select(chunk => Event("content_block_delta", new JsonObject { ["index"] = index, ["delta"] = new JsonObject { ["type"] = "thinking_delta", ["thinking"] = chunk } })));
            events.Add(Event("content_block_delta", new JsonObject { ["index"] = index, ["delta"] = new JsonObject { ["type"] = "signature_delta", ["signature"] = SignatureOf(reasoning) } }));
            events.Add(Event("content_block_stop", new JsonObject { ["index"] = index }));
            index++;
        }

        if (turn.Text is { } text)
        {
            events.Add(Event("content_block_start", new JsonObject { ["index"] = index, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = string.Empty } }));
            events.AddRange(Chunks(text).Select(chunk => Event("content_block_delta", new JsonObject { ["index"] = index, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = chunk } })));
            events.Add(Event("content_block_stop", new JsonObject { ["index"] = index }));
            index++;
        }

        foreach (var call in turn.Calls)
        {
            events.Add(Event("content_block_start", new JsonObject { ["index"] = index, ["content_block"] = ToolUse(call, new JsonObject()) }));
            events.AddRange(Chunks(call.ArgumentsJson).Select(chunk => Event("content_block_delta", new JsonObject { ["index"] = index, ["delta"] = new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = chunk } })));
            events.Add(Event("content_block_stop", new JsonObject { ["index"] = index }));
            index++;
        }

        events.Add(Event("message_delta", new JsonObject
        {
            ["delta"] = new JsonObject { ["stop_reason"] = StopReason(turn), ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = 20 },
        }));
        events.Add(Event("message_stop", []));
        return FakeResponse.Sse(events);
    }

    public override FakeResponse Error(int status, string message, string? retryAfter = null) => FakeResponse.Error(
        status,
        new JsonObject
        {
            ["type"] = "error",
            ["error"] = new JsonObject
            {
                ["type"] = status switch { 401 => "authentication_error", 429 => "rate_limit_error", 529 => "overloaded_error", _ => "api_error" },
                ["message"] = message,
            },
        }.ToJsonString(),
        retryAfter);

    public override IReadOnlyList<WireToolResult> ToolResults(JsonElement body) =>
        [.. Blocks(body, "user")
            .Where(block => block.GetProperty("type").GetString() == "tool_result")
            .Select(block => new WireToolResult(
                block.GetProperty("tool_use_id").GetString()!,
                ResultText(block.GetProperty("content")),
                block.TryGetProperty("is_error", out var error) && error.ValueKind == JsonValueKind.True))];

    public override IReadOnlyList<string> UserTexts(JsonElement body) =>
        [.. Blocks(body, "user").Where(block => block.GetProperty("type").GetString() == "text").Select(block => block.GetProperty("text").GetString()!)];

    public override IReadOnlyList<string> ReplayedReasoning(JsonElement body) =>
        [.. Blocks(body, "assistant").Where(block => block.GetProperty("type").GetString() == "thinking").Select(block => block.GetProperty("signature").GetString()!)];

    public override IReadOnlyList<string> ToolNames(JsonElement body) =>
        [.. Items(body, "tools").Select(tool => tool.GetProperty("name").GetString()!)];

    public override string SystemPrompt(JsonElement body)
    {
        var system = body.GetProperty("system");
        return system.ValueKind == JsonValueKind.String
            ? system.GetString()!
            : string.Concat(system.EnumerateArray().Select(block => block.GetProperty("text").GetString()));
    }

    // The LLM client does not send reasoning_effort to Anthropic (docs/spec-decisions.md §3.6): the profile turns the
    // effort into an extended-thinking budget (Claude Code's think / think hard / ultrathink).
    public override string? ReasoningEffort(JsonElement body) =>
        body.TryGetProperty("thinking", out var thinking) && thinking.GetProperty("type").GetString() == "enabled"
            ? thinking.GetProperty("budget_tokens").GetInt32().ToString(CultureInfo.InvariantCulture)
            : null;

    public override string? ExpectedReasoning(string effort) => effort switch
    {
        "low" => "4000",
        "medium" => "10000",
        _ => "31999",
    };

    private static string NextId() => Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture);

    private static string StopReason(ModelTurn turn) => turn.Calls.Count > 0 ? "tool_use" : "end_turn";

    // A message's content is a string or an array of blocks; a string is one text block.
    private static IEnumerable<JsonElement> Blocks(JsonElement body, string role)
    {
        foreach (var message in Items(body, "messages").Where(m => m.GetProperty("role").GetString() == role))
        {
            var content = message.GetProperty("content");
            if (content.ValueKind == JsonValueKind.String)
            {
                yield return JsonSerializer.SerializeToElement(new { type = "text", text = content.GetString() });
                continue;
            }

            foreach (var block in content.EnumerateArray())
            {
                yield return block;
            }
        }
    }

    private static string ResultText(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString()!
        : string.Concat(content.EnumerateArray().Where(b => b.GetProperty("type").GetString() == "text").Select(b => b.GetProperty("text").GetString()));

    private static JsonObject ToolUse(ModelCall call, JsonNode? input) => new()
    {
        ["type"] = "tool_use",
        ["id"] = call.Id,
        ["name"] = call.Name,
        ["input"] = input,
    };

    private static JsonObject Message(string id, JsonArray content, string? stopReason, int outputTokens) => new()
    {
        ["id"] = "msg_01Parity" + id,
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = "claude-opus-4-6",
        ["content"] = content,
        ["stop_reason"] = stopReason,
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject
        {
            ["input_tokens"] = 100,
            ["cache_creation_input_tokens"] = 0,
            ["cache_read_input_tokens"] = 0,
            ["output_tokens"] = outputTokens,
        },
    };

    private static SseEvent Event(string type, JsonObject payload)
    {
        var data = new JsonObject { ["type"] = type };
        foreach (var (key, value) in payload)
        {
            data[key] = value?.DeepClone();
        }

        return new SseEvent(type, data.ToJsonString());
    }
}
