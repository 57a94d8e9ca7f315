// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm;
using Attractor.Llm.FakeProvider;

namespace Attractor.Agent.Tests.Parity;

/// <summary>The OpenAI Responses API (<c>/v1/responses</c>) as documented: output items, SSE events, usage details.</summary>
internal sealed class OpenAIAgentWire : AgentWire
{
    private static int _counter;

    public override string Name => "openai";

    public override string EditTool => "apply_patch";

    public override ProviderProfile CreateProfile() => ProviderProfile.OpenAI("gpt-5.2-codex", ModelCatalog.BuiltIn);

    public override IProviderAdapter CreateAdapter(FakeProviderServer server) =>
        new OpenAIAdapter(new OpenAIAdapterOptions { ApiKey = Key, BaseUrl = new Uri(server.BaseUrl, "v1").ToString() });

    public override bool IsStreaming(RecordedRequest request) =>
        request.Json.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;

    public override FakeResponse Json(ModelTurn turn) => FakeResponse.Json(Response(NextId(), Output(turn, out _)).ToJsonString());

    public override FakeResponse Sse(ModelTurn turn)
    {
        var id = NextId();
        var output = Output(turn, out var messageId);
        var events = new List<SseEvent> { Event("response.created", new JsonObject { ["response"] = InProgress(id) }) };
        var index = 0;
        if (turn.Reasoning is { } reasoning)
        {
            var itemId = output[index]!["id"]!.GetValue<string>();
            events.Add(Event("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = new JsonObject { ["type"] = "reasoning", ["id"] = itemId, ["summary"] = new JsonArray() } }));
            events.Add(Event("response.reasoning_summary_part.added", new JsonObject { ["item_id"] = itemId, ["output_index"] = index, ["summary_index"] = 0, ["part"] = new JsonObject { ["type"] = "summary_text", ["text"] = string.Empty } }));
            events.AddRange(Chunks(reasoning).Select(chunk => Event("response.reasoning_summary_text.delta", new JsonObject { ["item_id"] = itemId, ["output_index"] = index, ["summary_index"] = 0, ["delta"] = chunk })));
            events.Add(Event("response.reasoning_summary_text.done", new JsonObject { ["item_id"] = itemId, ["output_index"] = index, ["summary_index"] = 0, ["text"] = reasoning }));
            events.Add(Event("response.reasoning_summary_part.done", new JsonObject { ["item_id"] = itemId, ["output_index"] = index, ["summary_index"] = 0, ["part"] = new JsonObject { ["type"] = "summary_text", ["text"] = reasoning } }));
            events.Add(Event("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = output[index]!.DeepClone() }));
            index++;
        }

        if (turn.Text is { } text)
        {
            events.Add(Event("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = new JsonObject { ["type"] = "message", ["id"] = messageId, ["status"] = "in_progress", ["role"] = "assistant", ["content"] = new JsonArray() } }));
            events.Add(Event("response.content_part.added", new JsonObject { ["item_id"] = messageId, ["output_index"] = index, ["content_index"] = 0, ["part"] = OutputText(string.Empty) }));
            events.AddRange(Chunks(text).Select(chunk => Event("response.output_text.delta", new JsonObject { ["item_id"] = messageId, ["output_index"] = index, ["content_index"] = 0, ["delta"] = chunk })));
            events.Add(Event("response.output_text.done", new JsonObject { ["item_id"] = messageId, ["output_index"] = index, ["content_index"] = 0, ["text"] = text }));
            events.Add(Event("response.content_part.done", new JsonObject { ["item_id"] = messageId, ["output_index"] = index, ["content_index"] = 0, ["part"] = OutputText(text) }));
            events.Add(Event("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = output[index]!.DeepClone() }));
            index++;
        }

        foreach (var call in turn.Calls)
        {
            var pending = CallItem(call);
            pending["arguments"] = string.Empty;
            pending["status"] = "in_progress";
            events.Add(Event("response.output_item.added", new JsonObject { ["output_index"] = index, ["item"] = pending }));
            events.AddRange(Chunks(call.ArgumentsJson).Select(chunk => Event("response.function_call_arguments.delta", new JsonObject { ["item_id"] = "fc_" + call.Id, ["output_index"] = index, ["delta"] = chunk })));
            events.Add(Event("response.function_call_arguments.done", new JsonObject { ["item_id"] = "fc_" + call.Id, ["output_index"] = index, ["arguments"] = call.ArgumentsJson }));
            events.Add(Event("response.output_item.done", new JsonObject { ["output_index"] = index, ["item"] = CallItem(call) }));
            index++;
        }

        events.Add(Event("response.completed", new JsonObject { ["response"] = Response(id, output) }));
        return FakeResponse.Sse(events);
    }

    public override ModelCall EditCall(string id, string root, string relativePath, string oldText, string newText)
    {
        var patch = new System.Text.StringBuilder("*** Begin Patch\n*** Update File: ").Append(relativePath).Append("\n@@\n");
        foreach (var line in oldText.Split('\n'))
        {
            patch.Append('-').Append(line).Append('\n');
        }

        foreach (var line in newText.Split('\n'))
        {
            patch.Append('+').Append(line).Append('\n');
        }

        return ModelCall.Of(id, "apply_patch", new { patch = patch.Append("*** End Patch").ToString() });
    }

    public override string EditSucceeded(string root, string relativePath) => "Success. Updated the following files:\nM " + relativePath + "\n";

    public override string EditMissFragment => "could not find these lines";

    public override FakeResponse Error(int status, string message, string? retryAfter = null) => FakeResponse.Error(
        status,
        new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = message,
                ["type"] = status == 401 ? "invalid_request_error" : status == 429 ? "requests" : "server_error",
                ["param"] = null,
                ["code"] = status == 401 ? "invalid_api_key" : status == 429 ? "rate_limit_exceeded" : null,
            },
        }.ToJsonString(),
        retryAfter);

    // The Responses API has no error flag on function_call_output: the adapter says so in the text.
    public override IReadOnlyList<WireToolResult> ToolResults(JsonElement body) =>
        [.. Items(body, "input")
            .Where(item => item.TryGetProperty("type", out var type) && type.GetString() == "function_call_output")
            .Select(item =>
            {
                var output = item.GetProperty("output").GetString()!;
                return new WireToolResult(item.GetProperty("call_id").GetString()!, output, output.StartsWith("Error: ", StringComparison.Ordinal));
            })];

    public override IReadOnlyList<string> UserTexts(JsonElement body) =>
        [.. Items(body, "input")
            .Where(item => item.TryGetProperty("role", out var role) && role.GetString() == "user")
            .SelectMany(item => Items(item, "content"))
            .Where(part => part.GetProperty("type").GetString() == "input_text")
            .Select(part => part.GetProperty("text").GetString()!)];

    public override IReadOnlyList<string> ReplayedReasoning(JsonElement body) =>
        [.. Items(body, "input")
            .Where(item => item.TryGetProperty("type", out var type) && type.GetString() == "reasoning")
            .Select(item => item.GetProperty("encrypted_content").GetString()!)];

    public override IReadOnlyList<string> ToolNames(JsonElement body) =>
        [.. Items(body, "tools").Select(tool => tool.GetProperty("name").GetString()!)];

    public override string SystemPrompt(JsonElement body) => body.GetProperty("instructions").GetString()!;

    public override string? ReasoningEffort(JsonElement body) =>
        body.TryGetProperty("reasoning", out var reasoning) && reasoning.TryGetProperty("effort", out var effort) ? effort.GetString() : null;

    private static string NextId() => Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture);

    private static JsonArray Output(ModelTurn turn, out string messageId)
    {
        messageId = "msg_" + NextId();
        var output = new JsonArray();
        if (turn.Reasoning is { } reasoning)
        {
            output.Add(new JsonObject
            {
                ["type"] = "reasoning",
                ["id"] = "rs_" + NextId(),
                ["summary"] = new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = reasoning }),
                ["encrypted_content"] = SignatureOf(reasoning),
            });
        }

        if (turn.Text is { } text)
        {
            output.Add(new JsonObject
            {
                ["type"] = "message",
                ["id"] = messageId,
                ["status"] = "completed",
                ["role"] = "assistant",
                ["content"] = new JsonArray(OutputText(text)),
            });
        }

        foreach (var call in turn.Calls)
        {
            output.Add(CallItem(call));
        }

        return output;
    }

    private static JsonObject OutputText(string text) => new() { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() };

    private static JsonObject CallItem(ModelCall call) => new()
    {
        ["type"] = "function_call",
        ["id"] = "fc_" + call.Id,
        ["call_id"] = call.Id,
        ["name"] = call.Name,
        ["arguments"] = call.ArgumentsJson,
        ["status"] = "completed",
    };

    private static JsonObject InProgress(string id) => new()
    {
        ["id"] = "resp_" + id,
        ["object"] = "response",
        ["created_at"] = 1764590000,
        ["status"] = "in_progress",
        ["model"] = "gpt-5.2-codex",
        ["output"] = new JsonArray(),
        ["usage"] = null,
    };

    private static JsonObject Response(string id, JsonArray output) => new()
    {
        ["id"] = "resp_" + id,
        ["object"] = "response",
        ["created_at"] = 1764590000,
        ["status"] = "completed",
        ["model"] = "gpt-5.2-codex",
        ["output"] = output.DeepClone(),
        ["usage"] = new JsonObject
        {
            ["input_tokens"] = 100,
            ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
            ["output_tokens"] = 20,
            ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
            ["total_tokens"] = 120,
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
