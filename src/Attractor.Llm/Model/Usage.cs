// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>Token counts of one call, or of several added together.</summary>
public sealed record Usage
{
    /// <summary>Gets an all-zero usage.</summary>
    public static Usage Empty { get; } = new();

    /// <summary>Gets the prompt tokens.</summary>
    public int InputTokens { get; init; }

    /// <summary>Gets the generated tokens (reasoning included, as providers bill them).</summary>
    public int OutputTokens { get; init; }

    /// <summary>Gets input plus output.</summary>
    public int TotalTokens { get; init; }

    /// <summary>Gets the tokens spent on reasoning (estimated for Anthropic from thinking blocks).</summary>
    public int? ReasoningTokens { get; init; }

    /// <summary>Gets the input tokens served from the prompt cache.</summary>
    public int? CacheReadTokens { get; init; }

    /// <summary>Gets the input tokens written to the prompt cache.</summary>
    public int? CacheWriteTokens { get; init; }

    /// <summary>Gets the provider's raw usage object.</summary>
    public JsonElement? Raw { get; init; }

    /// <summary>Adds two usages: integer fields are summed; an optional field is null only when null on both sides.</summary>
    /// <param name="left">The first usage.</param>
    /// <param name="right">The second usage.</param>
    /// <returns>The sum (without a raw object).</returns>
    public static Usage operator +(Usage left, Usage right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new Usage
        {
            InputTokens = left.InputTokens + right.InputTokens,
            OutputTokens = left.OutputTokens + right.OutputTokens,
            TotalTokens = left.TotalTokens + right.TotalTokens,
            ReasoningTokens = AddOptional(left.ReasoningTokens, right.ReasoningTokens),
            CacheReadTokens = AddOptional(left.CacheReadTokens, right.CacheReadTokens),
            CacheWriteTokens = AddOptional(left.CacheWriteTokens, right.CacheWriteTokens),
        };
    }

    /// <summary>Adds two usages (see <see cref="op_Addition"/>).</summary>
    /// <param name="left">The first usage.</param>
    /// <param name="right">The second usage.</param>
    /// <returns>The sum.</returns>
    public static Usage Add(Usage left, Usage right) => left + right;

    private static int? AddOptional(int? left, int? right) =>
        left is null && right is null ? null : (left ?? 0) + (right ?? 0);
}
