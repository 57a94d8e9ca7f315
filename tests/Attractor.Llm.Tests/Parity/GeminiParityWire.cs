// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm.FakeProvider;

namespace Attractor.Llm.Tests.Parity;

/// <summary>The Gemini API (<c>generateContent</c>, <c>streamGenerateContent?alt=sse</c>) as documented: candidates, parts, usageMetadata.</summary>
public sealed class GeminiParityWire : ProviderWire
{
    public override string Name => "gemini";

    public override string Model => "gemini-3-flash-preview";

    public override IProviderAdapter CreateAdapter(FakeProviderServer server) =>
        new GeminiAdapter(new GeminiAdapterOptions { ApiKey = Key, BaseUrl = new Uri(server.BaseUrl, "v1beta").ToString() });

    // Gemini assigns no call ids: results go back by function name.
    public override string ResultKey(WireCall call) => call.Name;

    public override FakeResponse Text(string text, WireUsage usage) =>
        FakeResponse.Json(Json(Chunk([new JsonObject { ["text"] = text }], "STOP", usage)));

    public override FakeResponse ToolCalls(IReadOnlyList<WireCall> calls, WireUsage usage) =>
        FakeResponse.Json(Json(Chunk([.. calls.Select(FunctionCall)], "STOP", usage)));

    public override FakeResponse StreamText(IReadOnlyList<string> chunks, WireUsage usage) =>
        Sse(chunks.Select((c, i) => new SseEvent(null, Json(Chunk([new JsonObject { ["text"] = c }], i == chunks.Count - 1 ? "STOP" : null, i == chunks.Count - 1 ? usage : null)))));

    public override FakeResponse StreamToolCalls(IReadOnlyList<WireCall> calls, WireUsage usage) =>
        Sse([new SseEvent(null, Json(Chunk([.. calls.Select(FunctionCall)], "STOP", usage)))]);

    public override FakeResponse Unauthorized() => FakeResponse.Error(401,
        """{"error":{"code":401,"message":"Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.","status":"UNAUTHENTICATED"}}""");

    public override FakeResponse RateLimited(string retryAfter) => FakeResponse.Error(429,
        """{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}""", retryAfter);

    public override string ErrorBody(int status, string message) =>
        new JsonObject { ["error"] = new JsonObject { ["code"] = status, ["message"] = message, ["status"] = GrpcStatus(status) } }.ToJsonString();

    public override IReadOnlyList<string> ToolResultKeys(JsonElement body) =>
        [.. Descendants(body).Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("functionResponse", out _)).Select(e => e.GetProperty("functionResponse").GetProperty("name").GetString()!)];

    public override IReadOnlyList<string> InlineImages(JsonElement body) =>
        [.. Descendants(body).Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("inlineData", out _)).Select(e => e.GetProperty("inlineData").GetProperty("data").GetString()!)];

    public override IReadOnlyList<string> ImageUrls(JsonElement body) =>
        [.. Descendants(body).Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("fileData", out _)).Select(e => e.GetProperty("fileData").GetProperty("fileUri").GetString()!)];

    public override bool AsksForSchema(JsonElement body) =>
        body.TryGetProperty("generationConfig", out var config)
        && config.TryGetProperty("responseMimeType", out var mime) && mime.GetString() == "application/json"
        && (config.TryGetProperty("responseSchema", out _) || config.TryGetProperty("responseJsonSchema", out _));

    private static JsonObject Chunk(JsonNode[] parts, string? finishReason, WireUsage? usage)
    {
        var candidate = new JsonObject { ["content"] = new JsonObject { ["parts"] = new JsonArray(parts), ["role"] = "model" }, ["index"] = 0 };
        if (finishReason is not null)
        {
            candidate["finishReason"] = finishReason;
        }

        var chunk = new JsonObject { ["candidates"] = new JsonArray(candidate), ["modelVersion"] = "gemini-3-flash-preview", ["responseId"] = "resp-parity-1" };
        if (usage is not null)
        {
            var metadata = new JsonObject
            {
                ["promptTokenCount"] = usage.Input,
                ["candidatesTokenCount"] = usage.Output - usage.Reasoning,
                ["totalTokenCount"] = usage.Input + usage.Output,
            };
            if (usage.Reasoning > 0)
            {
                metadata["thoughtsTokenCount"] = usage.Reasoning;
            }

            if (usage.CacheRead > 0)
            {
                metadata["cachedContentTokenCount"] = usage.CacheRead;
            }

            chunk["usageMetadata"] = metadata;
        }

        return chunk;
    }

    private static JsonObject FunctionCall(WireCall call) =>
        new() { ["functionCall"] = new JsonObject { ["name"] = call.Name, ["args"] = Parse(call.ArgumentsJson) } };

    // The gRPC status Google's HTTP gateway pairs with each HTTP status (425 does not occur there; ABORTED is the "try again" kind).
    private static string GrpcStatus(int status) => status switch
    {
        400 or 413 or 422 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        408 or 504 => "DEADLINE_EXCEEDED",
        409 or 425 => "ABORTED",
        429 => "RESOURCE_EXHAUSTED",
        503 => "UNAVAILABLE",
        _ => "INTERNAL",
    };
}
