// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>Token usage and cost of one attempt, as far as the backend reports them.</summary>
/// <param name="InputTokens">Input (prompt) tokens.</param>
/// <param name="OutputTokens">Output tokens.</param>
public sealed record BackendUsage(long InputTokens, long OutputTokens)
{
    /// <summary>Gets the usage of an attempt that reported none.</summary>
    public static BackendUsage None { get; } = new(0, 0);

    /// <summary>Gets the input tokens served from a cache, when reported.</summary>
    public long? CachedInputTokens { get; init; }

    /// <summary>Gets the reasoning (thinking) tokens, when reported.</summary>
    public long? ReasoningTokens { get; init; }

    /// <summary>Gets the cost in US dollars, when the backend reports it.</summary>
    public decimal? CostUsd { get; init; }
}
