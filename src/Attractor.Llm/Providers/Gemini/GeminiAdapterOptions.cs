// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// Configures a <see cref="GeminiAdapter"/>. A class rather than a record so the API key never reaches a generated
/// <c>ToString</c>: <see cref="ToString"/> prints every setting except the key.
/// </summary>
public sealed class GeminiAdapterOptions
{
    /// <summary>Gets the default endpoint, <c>https://generativelanguage.googleapis.com/v1beta</c>.</summary>
    public const string DefaultBaseUrl = "https://generativelanguage.googleapis.com/v1beta";

    /// <summary>Gets the API key, sent in the <c>x-goog-api-key</c> header (never in the URL).</summary>
    public required string ApiKey { get; init; }

    /// <summary>Gets the API root that <c>/models/{model}:generateContent</c> is appended to.</summary>
    public string BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary>Gets headers added to every request (e.g. for a proxy).</summary>
    public IReadOnlyDictionary<string, string>? DefaultHeaders { get; init; }

    /// <summary>Gets the time limits; null uses <see cref="AdapterTimeout.Default"/>.</summary>
    public AdapterTimeout? Timeout { get; init; }

    /// <summary>Gets the HTTP client to send with (not disposed by the adapter); null lets the adapter own one.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>Gets the clock for <c>Retry-After</c> dates; null uses <see cref="System.TimeProvider.System"/>.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"GeminiAdapterOptions {{ BaseUrl = {BaseUrl}, ApiKey = [REDACTED], DefaultHeaders = {DefaultHeaders?.Count ?? 0}, Timeout = {Timeout ?? AdapterTimeout.Default} }}";
}
