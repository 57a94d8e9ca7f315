// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text;

namespace Attractor.Dot.Conditions;

/// <summary>
/// A parsed edge condition (attractor-spec §10): clauses joined by <c>&amp;&amp;</c>. Parse each
/// condition once and keep the expression; evaluation does not allocate.
/// </summary>
public sealed class ConditionExpression
{
    private static readonly ConditionClause[] NoClauses = Array.Empty<ConditionClause>();
    private readonly ConditionClause[] _clauses;

    internal ConditionExpression(string text, ConditionClause[] clauses)
    {
        Text = text;
        _clauses = clauses;
    }

    /// <summary>Gets the empty condition, which is always true.</summary>
    public static ConditionExpression Empty { get; } = new(string.Empty, NoClauses);

    /// <summary>Gets the condition text as written.</summary>
    public string Text { get; }

    /// <summary>Gets the clauses in order; empty for an empty condition.</summary>
    public IReadOnlyList<ConditionClause> Clauses => _clauses;

    /// <summary>Gets a value indicating whether the condition has no clauses and so always holds.</summary>
    public bool IsEmpty => _clauses.Length == 0;

    /// <summary>Parses a condition. Never throws; problems are returned as errors.</summary>
    /// <param name="text">The condition; null or blank is the empty condition.</param>
    public static ConditionParseResult Parse(string? text) => ConditionParser.Parse(text);

    /// <summary>Parses a condition, returning whether it is valid.</summary>
    /// <param name="text">The condition; null or blank is the empty condition.</param>
    /// <param name="expression">The expression, or null when there are errors.</param>
    /// <param name="errors">Every problem found; empty on success.</param>
    public static bool TryParse(string? text, out ConditionExpression? expression, out IReadOnlyList<ConditionError> errors)
    {
        var result = ConditionParser.Parse(text);
        expression = result.Expression;
        errors = result.Errors;
        return result.Success;
    }

    /// <summary>
    /// Evaluates the condition (§10.5): true when every clause holds, and true when there are none.
    /// </summary>
    /// <typeparam name="TScope">The scope type; a struct avoids boxing.</typeparam>
    /// <param name="scope">The outcome and context to read.</param>
    public bool Evaluate<TScope>(TScope scope)
        where TScope : IConditionScope
    {
        var clauses = _clauses;
        for (var i = 0; i < clauses.Length; i++)
        {
            if (!clauses[i].Evaluate(scope))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Formats the condition canonically: clauses joined by <c> &amp;&amp; </c>.</summary>
    public override string ToString()
    {
        if (_clauses.Length == 1)
        {
            return _clauses[0].ToString();
        }

        var builder = new StringBuilder();
        for (var i = 0; i < _clauses.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(" && ");
            }

            builder.Append(_clauses[i].ToString());
        }

        return builder.ToString();
    }
}
