// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>What a provider said about an error, as read from its response.</summary>
/// <param name="Provider">The provider name.</param>
/// <param name="Message">The human-readable message (secrets already redacted).</param>
public sealed record ProviderErrorDetails(string Provider, string Message)
{
    /// <summary>Gets the HTTP status, if any.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Gets the provider's error code or type.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets the delay from <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets the raw error body.</summary>
    public JsonElement? Raw { get; init; }
}
