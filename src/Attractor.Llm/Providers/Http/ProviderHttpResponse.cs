// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>A successful non-streaming provider response: the JSON body and what the headers said.</summary>
/// <param name="Body">The parsed body; disposed with this response.</param>
/// <param name="RateLimit">The rate-limit headers, when present.</param>
/// <param name="StatusCode">The HTTP status.</param>
public sealed record ProviderHttpResponse(JsonDocument Body, RateLimitInfo? RateLimit, int StatusCode) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose() => Body.Dispose();
}
