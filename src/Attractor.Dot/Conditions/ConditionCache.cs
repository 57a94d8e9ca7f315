// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Concurrent;
using System.Threading;

namespace Attractor.Dot.Conditions;

/// <summary>
/// Parses each distinct condition text once and keeps the result, for an engine that evaluates edge
/// conditions at every step. Thread-safe. Pipelines repeat a handful of conditions, so the cache
/// stays small; create one per run or per loaded graph, or bound it.
/// </summary>
public sealed class ConditionCache
{
    private readonly ConcurrentDictionary<string, ConditionParseResult> _results = new(StringComparer.Ordinal);
    private readonly int _maxEntries;

    // ConcurrentDictionary.Count takes every lock, so the size is tracked separately.
    private int _count;

    /// <summary>Initializes a new instance of the <see cref="ConditionCache"/> class that keeps every condition.</summary>
    public ConditionCache()
        : this(int.MaxValue)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConditionCache"/> class.</summary>
    /// <param name="maxEntries">How many distinct conditions to keep; once full, new ones are parsed but not kept.</param>
    public ConditionCache(int maxEntries)
    {
        if (maxEntries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxEntries), maxEntries, "The capacity cannot be negative.");
        }

        _maxEntries = maxEntries;
    }

    /// <summary>Gets the number of distinct conditions kept.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Gets the bounded cache the lint rules share, so <c>condition_syntax</c> and
    /// <c>condition_never_matches</c> parse each distinct condition once across graphs.
    /// </summary>
    internal static ConditionCache Shared { get; } = new(maxEntries: 4096);

    /// <summary>Parses a condition, or returns the earlier result for the same text.</summary>
    /// <param name="condition">The condition; null or blank is the empty condition.</param>
    public ConditionParseResult GetOrParse(string? condition)
    {
        if (string.IsNullOrEmpty(condition))
        {
            return ConditionParser.Parse(condition);
        }

        if (_results.TryGetValue(condition!, out var cached))
        {
            return cached;
        }

        var result = ConditionParser.Parse(condition);
        if (Volatile.Read(ref _count) >= _maxEntries)
        {
            return result;
        }

        if (_results.TryAdd(condition!, result))
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        return _results.TryGetValue(condition!, out cached) ? cached : result;
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
