// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// Configures an <see cref="AnthropicAdapter"/>. A class rather than a record so the API key can never be printed:
/// <see cref="ToString"/> leaves it out.
/// </summary>
public sealed class AnthropicAdapterOptions
{
    /// <summary>The public Messages API base URL.</summary>
    public const string DefaultBaseUrl = "https://api.anthropic.com/v1";

    /// <summary>The API version sent in <c>anthropic-version</c> by default.</summary>
    public const string DefaultApiVersion = "2023-06-01";

    /// <summary>Gets the API key, sent in <c>x-api-key</c>.</summary>
    public required string ApiKey { get; init; }

    /// <summary>Gets the base URL; requests go to <c>{BaseUrl}/messages</c>. Defaults to <see cref="DefaultBaseUrl"/>.</summary>
    public string BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary>Gets the <c>anthropic-version</c> header value. Defaults to <see cref="DefaultApiVersion"/>.</summary>
    public string ApiVersion { get; init; } = DefaultApiVersion;

    /// <summary>Gets headers added to every request (the adapter's own headers win on a clash).</summary>
    public IReadOnlyDictionary<string, string>? DefaultHeaders { get; init; }

    /// <summary>Gets the time limits; null uses <see cref="AdapterTimeout.Default"/>.</summary>
    public AdapterTimeout? Timeout { get; init; }

    /// <summary>Gets the HTTP client to send with (not disposed by the adapter); null lets the adapter own one.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>Gets the clock for <c>Retry-After</c> dates and rate-limit resets; null uses the system clock.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>
    /// Gets whether <c>cache_control</c> breakpoints are placed automatically (system prompt, last tool, recent user
    /// turns). Defaults to true; a request turns it off with <c>provider_options.anthropic.auto_cache = false</c>.
    /// </summary>
    public bool AutoCache { get; init; } = true;

    /// <inheritdoc/>
    public override string ToString() =>
        $"AnthropicAdapterOptions {{ BaseUrl = {BaseUrl}, ApiVersion = {ApiVersion}, AutoCache = {AutoCache}, ApiKey = [REDACTED] }}";
}
