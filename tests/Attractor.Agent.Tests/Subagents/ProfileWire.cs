// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm;
using Attractor.Llm.FakeProvider;

namespace Attractor.Agent.Tests;

/// <summary>Single-shot answers and request reading in each profile's wire format: OpenAI Responses, Anthropic Messages, Gemini.</summary>
internal sealed record ProfileWire(
    string ProfileId,
    Func<FakeProviderServer, IProviderAdapter> CreateAdapter,
    Func<ProviderProfile> CreateProfile,
    Func<string, FakeResponse> Text,
    Func<string, string, object, FakeResponse> Call,
    Func<JsonElement, string?> FirstUserText)
{
    private static int _counter;

    public static ProfileWire For(string profileId) => profileId switch
    {
        "openai" => new(
            profileId,
            server => new OpenAIAdapter(new OpenAIAdapterOptions { ApiKey = "sk-test", BaseUrl = new Uri(server.BaseUrl, "v1").ToString() }),
            () => ProviderProfile.OpenAI("gpt-5.2-codex", ModelCatalog.BuiltIn),
            ResponsesWire.TextJson,
            (id, name, arguments) => ResponsesWire.CallsJson((id, name, arguments)),
            AgentScripts.OpenAIFirstUserText),
        "anthropic" => new(
            profileId,
            server => new AnthropicAdapter(new AnthropicAdapterOptions { ApiKey = "sk-ant-test", BaseUrl = new Uri(server.BaseUrl, "v1").ToString() }),
            () => ProviderProfile.Anthropic("claude-opus-4-6", ModelCatalog.BuiltIn),
            text => Anthropic(new JsonObject { ["type"] = "text", ["text"] = text }, "end_turn"),
            (id, name, arguments) => Anthropic(new JsonObject { ["type"] = "tool_use", ["id"] = "toolu_" + id, ["name"] = name, ["input"] = JsonSerializer.SerializeToNode(arguments) }, "tool_use"),
            body => FirstText(body.GetProperty("messages")[0].GetProperty("content"))),
        "gemini" => new(
            profileId,
            server => new GeminiAdapter(new GeminiAdapterOptions { ApiKey = "gemini-test", BaseUrl = new Uri(server.BaseUrl, "v1beta").ToString() }),
            () => ProviderProfile.Gemini("gemini-3-pro-preview", ModelCatalog.BuiltIn),
            text => Gemini(new JsonObject { ["text"] = text }),
            (_, name, arguments) => Gemini(new JsonObject { ["functionCall"] = new JsonObject { ["name"] = name, ["args"] = JsonSerializer.SerializeToNode(arguments) } }),
            body => body.GetProperty("contents")[0].GetProperty("parts")[0].GetProperty("text").GetString()),
        _ => throw new ArgumentOutOfRangeException(nameof(profileId), profileId, "Unknown profile."),
    };

    private static string? FirstText(JsonElement content) =>
        content.ValueKind == JsonValueKind.String ? content.GetString() : content[0].GetProperty("text").GetString();

    private static FakeResponse Anthropic(JsonObject block, string stopReason) => FakeResponse.Json(new JsonObject
    {
        ["id"] = "msg_" + Interlocked.Increment(ref _counter),
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = "claude-opus-4-6",
        ["content"] = new JsonArray(block),
        ["stop_reason"] = stopReason,
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject { ["input_tokens"] = 10, ["output_tokens"] = 5 },
    }.ToJsonString());

    private static FakeResponse Gemini(JsonObject part) => FakeResponse.Json(new JsonObject
    {
        ["candidates"] = new JsonArray(new JsonObject
        {
            ["content"] = new JsonObject { ["role"] = "model", ["parts"] = new JsonArray(part) },
            ["finishReason"] = "STOP",
            ["index"] = 0,
        }),
        ["usageMetadata"] = new JsonObject { ["promptTokenCount"] = 10, ["candidatesTokenCount"] = 5, ["totalTokenCount"] = 15 },
        ["modelVersion"] = "gemini-3-pro-preview",
    }.ToJsonString());
}
