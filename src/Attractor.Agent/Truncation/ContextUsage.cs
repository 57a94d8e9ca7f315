// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;

namespace Attractor.Agent;

/// <summary>Approximate context window usage (spec §5.5): one token is about four characters; informational only.</summary>
public static class ContextUsage
{
    /// <summary>The share of the context window above which <see cref="GetWarning"/> reports.</summary>
    public const double WarningThreshold = 0.8;

    /// <summary>Estimates tokens from characters.</summary>
    /// <param name="characters">The total characters of the history.</param>
    /// <returns>The approximate token count.</returns>
    public static long ApproximateTokens(long characters) => characters / 4;

    /// <summary>Builds the warning the session emits when the history nears the context window.</summary>
    /// <param name="historyCharacters">The total characters of the history.</param>
    /// <param name="contextWindowSize">The model's context window in tokens.</param>
    /// <returns><c>Context usage at ~N% of context window</c> above 80 %, else null.</returns>
    public static string? GetWarning(long historyCharacters, int contextWindowSize)
    {
        if (contextWindowSize <= 0)
        {
            return null;
        }

        var tokens = ApproximateTokens(historyCharacters);
        if (tokens <= contextWindowSize * WarningThreshold)
        {
            return null;
        }

        var percent = Math.Round(tokens * 100.0 / contextWindowSize, MidpointRounding.AwayFromZero);
        return "Context usage at ~" + percent.ToString(CultureInfo.InvariantCulture) + "% of context window";
    }
}
