// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm.FakeProvider;

namespace Attractor.Llm.Tests.Parity;

/// <summary>A tool call as a provider would send it.</summary>
public sealed record WireCall(string Id, string Name, string ArgumentsJson);

/// <summary>
/// Token counts in unified terms: <see cref="Input"/> is the whole prompt (cached part included), <see cref="Output"/>
/// all generated tokens (reasoning included). Each wire spells them the provider's way.
/// </summary>
public sealed record WireUsage(int Input, int Output, int Reasoning = 0, int CacheRead = 0);

/// <summary>
/// One provider's wire format for the parity matrix (spec §8.9): what its server sends for a text answer, tool calls,
/// streams and errors, and where its request bodies carry tool results, images and structured-output settings.
/// </summary>
public abstract class ProviderWire
{
    /// <summary>Gets the API key the adapters are configured with; it must never leak.</summary>
    public const string Key = "sk-parity-SECRET-0123456789";

    public abstract string Name { get; }

    public abstract string Model { get; }

    /// <summary>Gets whether the provider reports reasoning tokens exactly (Anthropic's are estimated from thinking text).</summary>
    public virtual bool ExactReasoningTokens => true;

    public abstract IProviderAdapter CreateAdapter(FakeProviderServer server);

    public abstract FakeResponse Text(string text, WireUsage usage);

    public abstract FakeResponse StreamText(IReadOnlyList<string> chunks, WireUsage usage);

    public abstract FakeResponse ToolCalls(IReadOnlyList<WireCall> calls, WireUsage usage);

    public abstract FakeResponse StreamToolCalls(IReadOnlyList<WireCall> calls, WireUsage usage);

    public abstract FakeResponse Unauthorized();

    public abstract FakeResponse RateLimited(string retryAfter);

    /// <summary>Gets an error body in the provider's documented shape.</summary>
    public virtual string ErrorBody(int status, string message) =>
        new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "api_error", ["code"] = null } }.ToJsonString();

    /// <summary>Gets how tool results are keyed in this provider's requests (the call id, or the function name for Gemini).</summary>
    public virtual string ResultKey(WireCall call) => call.Id;

    /// <summary>Gets the keys of every tool result in a request body, in order.</summary>
    public abstract IReadOnlyList<string> ToolResultKeys(JsonElement body);

    /// <summary>Gets the base64 data of every inline image in a request body.</summary>
    public abstract IReadOnlyList<string> InlineImages(JsonElement body);

    /// <summary>Gets the URL of every image sent by reference in a request body.</summary>
    public abstract IReadOnlyList<string> ImageUrls(JsonElement body);

    /// <summary>Tells whether a request body asks for JSON matching a schema (natively, or by instructions for Anthropic).</summary>
    public abstract bool AsksForSchema(JsonElement body);

    /// <summary>Tells whether a request body carries an option given as <c>provider_options[Name]["parity_probe"] = 42</c>.</summary>
    public virtual bool CarriesProbeOption(JsonElement body) =>
        body.TryGetProperty("parity_probe", out var probe) && probe.ValueKind == JsonValueKind.Number && probe.GetInt32() == 42;

    protected static string Json(JsonNode node) => node.ToJsonString();

    protected static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    protected static FakeResponse Sse(IEnumerable<SseEvent> events) => FakeResponse.Sse([.. events]);

    protected static IEnumerable<JsonElement> Descendants(JsonElement element)
    {
        yield return element;
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                foreach (var inner in Descendants(property.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var inner in Descendants(item))
                {
                    yield return inner;
                }
            }
        }
    }

    protected static IEnumerable<JsonElement> ObjectsOfType(JsonElement body, string type) =>
        Descendants(body).Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == type);

    public override string ToString() => Name;
}
