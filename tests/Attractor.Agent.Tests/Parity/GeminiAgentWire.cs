// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm;
using Attractor.Llm.FakeProvider;

namespace Attractor.Agent.Tests.Parity;

/// <summary>The Gemini API (<c>generateContent</c>, <c>streamGenerateContent?alt=sse</c>) as documented: candidates, parts, usageMetadata.</summary>
internal sealed class GeminiAgentWire : AgentWire
{
    public override string Name => "gemini";

    public override string EditTool => "edit_file";

    public override ProviderProfile CreateProfile() => ProviderProfile.Gemini("gemini-3-pro-preview", ModelCatalog.BuiltIn);

    public override IProviderAdapter CreateAdapter(FakeProviderServer server) =>
        new GeminiAdapter(new GeminiAdapterOptions { ApiKey = Key, BaseUrl = new Uri(server.BaseUrl, "v1beta").ToString() });

    public override bool IsStreaming(RecordedRequest request) => request.Path.EndsWith(":streamGenerateContent", StringComparison.Ordinal);

    public override FakeResponse Json(ModelTurn turn) => FakeResponse.Json(Chunk(Parts(turn), finished: true).ToJsonString());

    // Text arrives in several chunks; the function calls come whole in the last one, as Gemini sends them.
    public override FakeResponse Sse(ModelTurn turn)
    {
        var chunks = new List<JsonObject>();
        if (turn.Reasoning is { } reasoning)
        {
            chunks.Add(Chunk(new JsonArray(Thought(reasoning)), finished: false));
        }

        if (turn.Text is { } text)
        {
            var pieces = Chunks(text);
            chunks.AddRange(pieces.Select((piece, i) => Chunk(new JsonArray(new JsonObject { ["text"] = piece }), finished: turn.Calls.Count == 0 && i == pieces.Count - 1)));
        }

        if (turn.Calls.Count > 0)
        {
            chunks.Add(Chunk(new JsonArray([.. turn.Calls.Select(FunctionCall)]), finished: true));
        }
        return FakeResponse.Sse([.. chunks.Select(chunk => new SseEvent(null, chunk.ToJsonString()))]);
    }

    public override FakeResponse Error(int status, string message, string? retryAfter = null) => FakeResponse.Error(
        status,
        new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = status,
                ["message"] = message,
                ["status"] = status switch { 401 => "UNAUTHENTICATED", 429 => "RESOURCE_EXHAUSTED", 503 => "UNAVAILABLE", _ => "INTERNAL" },
            },
        }.ToJsonString(),
        retryAfter);

    // Gemini assigns no call ids: results go back by function name.
    public override string ResultKey(ModelCall call) => call.Name;

    public override IReadOnlyList<WireToolResult> ToolResults(JsonElement body) =>
        [.. Parts(body, "user")
            .Where(part => part.TryGetProperty("functionResponse", out _))
            .Select(part =>
            {
                var response = part.GetProperty("functionResponse");
                var payload = response.GetProperty("response");
                var isError = payload.TryGetProperty("error", out var error);
                var value = isError ? error : payload.GetProperty("result");
                return new WireToolResult(response.GetProperty("name").GetString()!, value.GetString()!, isError);
            })];

    public override IReadOnlyList<string> UserTexts(JsonElement body) =>
        [.. Parts(body, "user").Where(part => part.TryGetProperty("text", out _)).Select(part => part.GetProperty("text").GetString()!)];

    public override IReadOnlyList<string> ReplayedReasoning(JsonElement body) =>
        [.. Parts(body, "model").Where(part => part.TryGetProperty("thoughtSignature", out _)).Select(part => part.GetProperty("thoughtSignature").GetString()!)];

    public override IReadOnlyList<string> ToolNames(JsonElement body) =>
        [.. Items(body, "tools").SelectMany(tool => Items(tool, "functionDeclarations")).Select(declaration => declaration.GetProperty("name").GetString()!)];

    public override string SystemPrompt(JsonElement body) =>
        string.Concat(Items(body.GetProperty("systemInstruction"), "parts").Select(part => part.GetProperty("text").GetString()));

    public override string? ReasoningEffort(JsonElement body) =>
        body.TryGetProperty("generationConfig", out var config) && config.TryGetProperty("thinkingConfig", out var thinking) && thinking.TryGetProperty("thinkingLevel", out var level)
            ? level.GetString()
            : null;

    private static IEnumerable<JsonElement> Parts(JsonElement body, string role) =>
        Items(body, "contents").Where(content => content.GetProperty("role").GetString() == role).SelectMany(content => Items(content, "parts"));

    private static JsonArray Parts(ModelTurn turn)
    {
        var parts = new JsonArray();
        if (turn.Reasoning is { } reasoning)
        {
            parts.Add(Thought(reasoning));
        }

        if (turn.Text is { } text)
        {
            parts.Add(new JsonObject { ["text"] = text });
        }

        foreach (var call in turn.Calls)
        {
            parts.Add(FunctionCall(call));
        }

        return parts;
    }

    // A thought summary; the signature that lets Gemini resume its reasoning rides on the part.
    private static JsonObject Thought(string reasoning) => new() { ["text"] = reasoning, ["thought"] = true, ["thoughtSignature"] = SignatureOf(reasoning) };

    private static JsonObject FunctionCall(ModelCall call) =>
        new() { ["functionCall"] = new JsonObject { ["name"] = call.Name, ["args"] = JsonNode.Parse(call.ArgumentsJson) } };

    private static JsonObject Chunk(JsonArray parts, bool finished)
    {
        var candidate = new JsonObject { ["content"] = new JsonObject { ["parts"] = parts, ["role"] = "model" }, ["index"] = 0 };
        var chunk = new JsonObject { ["candidates"] = new JsonArray(candidate), ["modelVersion"] = "gemini-3-pro-preview", ["responseId"] = "resp-agent-parity" };
        if (finished)
        {
            candidate["finishReason"] = "STOP";
            chunk["usageMetadata"] = new JsonObject { ["promptTokenCount"] = 100, ["candidatesTokenCount"] = 20, ["totalTokenCount"] = 120 };
        }

        return chunk;
    }
}
