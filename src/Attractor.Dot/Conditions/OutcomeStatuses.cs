// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Conditions;

/// <summary>
/// The outcome status strings a condition can compare <c>outcome</c> with: the lower-case names of
/// the StageStatus values of attractor-spec §5.2, as the engine writes them (§10.3).
/// </summary>
public static class OutcomeStatuses
{
    /// <summary>The stage completed its work.</summary>
    public const string Success = "success";

    /// <summary>The stage completed with caveats.</summary>
    public const string PartialSuccess = "partial_success";

    /// <summary>The stage asks to be run again.</summary>
    public const string Retry = "retry";

    /// <summary>The stage failed.</summary>
    public const string Fail = "fail";

    /// <summary>The stage was skipped.</summary>
    public const string Skipped = "skipped";

    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["succeeded"] = Success,
        ["succeed"] = Success,
        ["successful"] = Success,
        ["ok"] = Success,
        ["pass"] = Success,
        ["passed"] = Success,
        ["done"] = Success,
        ["complete"] = Success,
        ["completed"] = Success,
        ["failed"] = Fail,
        ["failure"] = Fail,
        ["error"] = Fail,
        ["errored"] = Fail,
        ["retrying"] = Retry,
        ["retried"] = Retry,
        ["partial"] = PartialSuccess,
        ["partial-success"] = PartialSuccess,
        ["partially_succeeded"] = PartialSuccess,
        ["skip"] = Skipped,
    };

    /// <summary>Gets every status, most common first.</summary>
    public static IReadOnlyList<string> All { get; } = new[] { Success, Fail, Retry, PartialSuccess, Skipped };

    /// <summary>Returns whether <paramref name="value"/> is a status an outcome can have (case-sensitive).</summary>
    /// <param name="value">The literal to check.</param>
    public static bool IsKnown(string? value) =>
        value is Success or Fail or Retry or PartialSuccess or Skipped;

    /// <summary>
    /// Suggests the status someone most likely meant: the same word in lower case, a common synonym
    /// (<c>succeeded</c> → <c>success</c>, <c>failed</c> → <c>fail</c>) or a near spelling.
    /// </summary>
    /// <param name="value">The unknown literal.</param>
    /// <returns>The suggested status, or null when nothing is close.</returns>
    public static string? Suggest(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        foreach (var status in All)
        {
            if (string.Equals(status, value, StringComparison.OrdinalIgnoreCase))
            {
                return status;
            }
        }

        if (Synonyms.TryGetValue(value!, out var synonym))
        {
            return synonym;
        }

        return EditDistance.Closest(value!.ToLowerInvariant(), All, maxDistance: 2);
    }
}
