// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Conditions;

/// <summary>A simple <see cref="IConditionScope"/> over a dictionary, for tools, tests and simulations.</summary>
public sealed class ConditionScope : IConditionScope
{
    private static readonly Dictionary<string, string> NoContext = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _context;

    /// <summary>Initializes a new instance of the <see cref="ConditionScope"/> class.</summary>
    /// <param name="outcomeStatus">The outcome status, e.g. <c>success</c>.</param>
    /// <param name="preferredLabel">The preferred label, if any.</param>
    /// <param name="context">The context values by key, if any.</param>
    public ConditionScope(string outcomeStatus, string? preferredLabel = null, IReadOnlyDictionary<string, string>? context = null)
    {
        OutcomeStatus = outcomeStatus ?? string.Empty;
        PreferredLabel = preferredLabel ?? string.Empty;
        _context = context ?? NoContext;
    }

    /// <inheritdoc />
    public string OutcomeStatus { get; }

    /// <inheritdoc />
    public string PreferredLabel { get; }

    /// <inheritdoc />
    public bool TryGetContextValue(string key, out string? value)
    {
        if (_context.TryGetValue(key, out var found))
        {
            value = found;
            return true;
        }

        value = null;
        return false;
    }
}
