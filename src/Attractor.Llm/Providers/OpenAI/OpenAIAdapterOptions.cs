// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// Settings of an <see cref="OpenAIAdapter"/>. A class rather than a record so the API key can never be printed:
/// <see cref="ToString"/> names the endpoint and hides the key.
/// </summary>
public sealed class OpenAIAdapterOptions
{
    /// <summary>The public OpenAI endpoint, the default <see cref="BaseUrl"/>.</summary>
    public const string DefaultBaseUrl = "https://api.openai.com/v1";

    /// <summary>Gets the API key, sent as <c>Authorization: Bearer</c>.</summary>
    public required string ApiKey { get; init; }

    /// <summary>Gets the API root; requests go to <c>{BaseUrl}/responses</c>. Defaults to <see cref="DefaultBaseUrl"/>.</summary>
    public string BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary>Gets the organization, sent as the <c>OpenAI-Organization</c> header when set.</summary>
    public string? Organization { get; init; }

    /// <summary>Gets the project, sent as the <c>OpenAI-Project</c> header when set.</summary>
    public string? Project { get; init; }

    /// <summary>Gets headers added to every request (a proxy's routing header, for example).</summary>
    public IReadOnlyDictionary<string, string>? DefaultHeaders { get; init; }

    /// <summary>Gets the time limits; null uses <see cref="AdapterTimeout.Default"/>.</summary>
    public AdapterTimeout? Timeout { get; init; }

    /// <summary>Gets the HTTP client to send with (not disposed by the adapter); null lets the adapter own one.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>Gets the clock for <c>Retry-After</c> dates and rate-limit resets; null uses the system clock.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"OpenAIAdapterOptions {{ BaseUrl = {BaseUrl}, Organization = {Organization}, Project = {Project}, ApiKey = [REDACTED] }}";
}
