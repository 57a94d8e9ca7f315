// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>Rate-limit state reported by the provider's response headers. Informational only.</summary>
public sealed record RateLimitInfo
{
    /// <summary>Gets the requests left in the current window.</summary>
    public int? RequestsRemaining { get; init; }

    /// <summary>Gets the request limit of the window.</summary>
    public int? RequestsLimit { get; init; }

    /// <summary>Gets the tokens left in the current window.</summary>
    public int? TokensRemaining { get; init; }

    /// <summary>Gets the token limit of the window.</summary>
    public int? TokensLimit { get; init; }

    /// <summary>Gets when the window resets.</summary>
    public DateTimeOffset? ResetAt { get; init; }
}
