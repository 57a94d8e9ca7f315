// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Concurrent;

namespace Attractor.Dot.Conditions;

/// <summary>
/// Parses each distinct condition text once and keeps the result, for an engine that evaluates edge
/// conditions at every step. Thread-safe. Pipelines repeat a handful of conditions, so the cache
/// stays small; create one per run or per loaded graph rather than one for the process.
/// </summary>
public sealed class ConditionCache
{
    private readonly ConcurrentDictionary<string, ConditionParseResult> _results = new(StringComparer.Ordinal);

    /// <summary>Gets the number of distinct conditions parsed so far.</summary>
    public int Count => _results.Count;

    /// <summary>Parses a condition, or returns the earlier result for the same text.</summary>
    /// <param name="condition">The condition; null or blank is the empty condition.</param>
    public ConditionParseResult GetOrParse(string? condition)
    {
        if (string.IsNullOrEmpty(condition))
        {
            return ConditionParser.Parse(condition);
        }

        return _results.TryGetValue(condition!, out var cached) ? cached : _results.GetOrAdd(condition!, ConditionParser.Parse(condition));
    }

    /// <summary>
    /// Evaluates a condition (§10.5). An empty condition is true; a condition that does not parse is
    /// false, so a malformed edge is never taken (validation reports it as ATR2007 beforehand).
    /// </summary>
    /// <typeparam name="TScope">The scope type; a struct avoids boxing.</typeparam>
    /// <param name="condition">The condition text.</param>
    /// <param name="scope">The outcome and context to read.</param>
    public bool Evaluate<TScope>(string? condition, TScope scope)
        where TScope : IConditionScope
    {
        var expression = GetOrParse(condition).Expression;
        return expression is not null && expression.Evaluate(scope);
    }
}
