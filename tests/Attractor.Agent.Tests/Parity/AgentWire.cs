// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Attractor.Llm;
using Attractor.Llm.FakeProvider;

namespace Attractor.Agent.Tests.Parity;

/// <summary>
/// One provider's side of the parity matrix (spec §9.12): its profile and adapter, how its server answers a scripted
/// <see cref="ModelTurn"/> (JSON, or SSE when the request asks to stream), and where its request bodies carry the
/// system prompt, tools, user texts, tool results and reasoning effort. Each row is written once against this class.
/// </summary>
internal abstract class AgentWire
{
    /// <summary>The API key the adapters get; it must never reach the model or the events.</summary>
    public const string Key = "sk-agent-parity-SECRET-42";

    public static IReadOnlyList<string> Names { get; } = ["openai", "anthropic", "gemini"];

    /// <summary>Gets the profile id, which is also the adapter's provider name.</summary>
    public abstract string Name { get; }

    /// <summary>Gets the tool the profile edits files with (spec §3.4–3.6).</summary>
    public abstract string EditTool { get; }

    public static AgentWire For(string name) => name switch
    {
        "openai" => new OpenAIAgentWire(),
        "anthropic" => new AnthropicAgentWire(),
        "gemini" => new GeminiAgentWire(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown provider."),
    };

    public abstract ProviderProfile CreateProfile();

    public abstract IProviderAdapter CreateAdapter(FakeProviderServer server);

    /// <summary>Tells whether a request asked for a streamed answer.</summary>
    public abstract bool IsStreaming(RecordedRequest request);

    /// <summary>Gets the provider's non-streaming answer for a turn.</summary>
    public abstract FakeResponse Json(ModelTurn turn);

    /// <summary>Gets the provider's SSE answer for a turn, text split into several deltas.</summary>
    public abstract FakeResponse Sse(ModelTurn turn);

    /// <summary>Gets an error response with the provider's documented body shape.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="message">The provider's message.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> header, if any.</param>
    public abstract FakeResponse Error(int status, string message, string? retryAfter = null);

    /// <summary>Gets how a result for <paramref name="call"/> is keyed on this wire.</summary>
    public virtual string ResultKey(ModelCall call) => call.Id;

    /// <summary>Gets every tool result in a request body, in order.</summary>
    public abstract IReadOnlyList<WireToolResult> ToolResults(JsonElement body);

    /// <summary>Gets the text of every user-role text part in a request body, in order (steering arrives as user text).</summary>
    public abstract IReadOnlyList<string> UserTexts(JsonElement body);

    /// <summary>Gets the names of the tools a request body offers.</summary>
    public abstract IReadOnlyList<string> ToolNames(JsonElement body);

    /// <summary>Gets the system prompt a request body carries.</summary>
    public abstract string SystemPrompt(JsonElement body);

    /// <summary>Gets the reasoning setting the wire carries for the effort (null when none is sent).</summary>
    public abstract string? ReasoningEffort(JsonElement body);

    /// <summary>Gets the signatures (or encrypted reasoning) of earlier model reasoning that a request body replays, in order.</summary>
    public abstract IReadOnlyList<string> ReplayedReasoning(JsonElement body);

    /// <summary>Gets the signature the wire attaches to <paramref name="reasoning"/>: opaque to the client, it must come back unchanged.</summary>
    public static string SignatureOf(string reasoning) =>
        "sig-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(reasoning)))[..24];

    /// <summary>Gets the profile's call replacing <paramref name="oldText"/> by <paramref name="newText"/> in a file (edit_file here; apply_patch for OpenAI).</summary>
    /// <param name="id">The call id.</param>
    /// <param name="root">The working directory.</param>
    /// <param name="relativePath">The file, relative to <paramref name="root"/> with <c>/</c>.</param>
    /// <param name="oldText">Whole lines to replace, without the final newline.</param>
    /// <param name="newText">The replacement lines, without the final newline.</param>
    public virtual ModelCall EditCall(string id, string root, string relativePath, string oldText, string newText) =>
        ModelCall.Of(id, "edit_file", new { file_path = Path.Combine(root, relativePath), old_string = oldText, new_string = newText });

    /// <summary>Gets what the edit tool answers after <see cref="EditCall"/> succeeded.</summary>
    public virtual string EditSucceeded(string root, string relativePath) => "Replaced 1 occurrence in " + Path.Combine(root, relativePath);

    /// <summary>Gets a fragment of the edit tool's error when the old text is not in the file.</summary>
    public virtual string EditMissFragment => "not found";

    /// <summary>Gets what <see cref="ReasoningEffort"/> reads back when the session asks for <paramref name="effort"/>.</summary>
    public virtual string? ExpectedReasoning(string effort) => effort;

    /// <summary>Splits text into up to three deltas, as a streaming server would send it.</summary>
    protected static IReadOnlyList<string> Chunks(string text)
    {
        if (text.Length < 3)
        {
            return [text];
        }

        var third = text.Length / 3;
        return [text[..third], text[third..(2 * third)], text[(2 * third)..]];
    }

    protected static IEnumerable<JsonElement> Items(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    public override string ToString() => Name;
}
