// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// Settings of an <see cref="OpenAICompatibleAdapter"/> (vLLM, Ollama, Together, Groq, ... speaking Chat
/// Completions). <see cref="ToString"/> hides the key.
/// </summary>
public sealed class OpenAICompatibleAdapterOptions
{
    /// <summary>Gets the API root; requests go to <c>{BaseUrl}/chat/completions</c>, e.g. <c>http://localhost:8000/v1</c>.</summary>
    public required string BaseUrl { get; init; }

    /// <summary>Gets the API key, sent as <c>Authorization: Bearer</c> when set (local servers often need none).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Gets the provider name requests route by and <c>provider_options</c> are keyed by. Defaults to <c>openai-compatible</c>.</summary>
    public string Name { get; init; } = OpenAICompatibleAdapter.DefaultName;

    /// <summary>Gets headers added to every request.</summary>
    public IReadOnlyDictionary<string, string>? DefaultHeaders { get; init; }

    /// <summary>Gets whether streaming requests ask for a final usage chunk (<c>stream_options.include_usage</c>). Default true; turn it off for servers that reject the field.</summary>
    public bool IncludeStreamUsage { get; init; } = true;

    /// <summary>Gets the time limits; null uses <see cref="AdapterTimeout.Default"/>.</summary>
    public AdapterTimeout? Timeout { get; init; }

    /// <summary>Gets the HTTP client to send with (not disposed by the adapter); null lets the adapter own one.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>Gets the clock for <c>Retry-After</c> dates and rate-limit resets; null uses the system clock.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"OpenAICompatibleAdapterOptions {{ Name = {Name}, BaseUrl = {BaseUrl}, ApiKey = {(ApiKey is null ? "(none)" : "[REDACTED]")} }}";
}
