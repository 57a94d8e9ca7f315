// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Text;

namespace Attractor.Dot.Conditions;

/// <summary>
/// One clause of a condition: <c>key=literal</c>, <c>key!=literal</c> or a bare <c>key</c>.
/// Offsets are relative to the condition string so diagnostics can point at each part.
/// </summary>
public sealed class ConditionClause
{
    private const string ContextPrefix = "context.";

    internal ConditionClause(string key, int keyStart, ConditionOperator op, int operatorStart, int operatorLength, string literal, ConditionLiteralKind literalKind, int literalStart, int literalLength)
    {
        Key = key;
        KeyStart = keyStart;
        Operator = op;
        OperatorStart = operatorStart;
        OperatorLength = operatorLength;
        Literal = literal;
        LiteralKind = literalKind;
        LiteralStart = literalStart;
        LiteralLength = literalLength;

        if (string.Equals(key, "outcome", StringComparison.Ordinal))
        {
            KeyKind = ConditionKeyKind.Outcome;
            ContextKey = string.Empty;
        }
        else if (string.Equals(key, "preferred_label", StringComparison.Ordinal))
        {
            KeyKind = ConditionKeyKind.PreferredLabel;
            ContextKey = string.Empty;
        }
        else if (key.Length > ContextPrefix.Length && key.StartsWith(ContextPrefix, StringComparison.Ordinal))
        {
            KeyKind = ConditionKeyKind.Context;
            ContextKey = key.Substring(ContextPrefix.Length);
        }
        else
        {
            KeyKind = ConditionKeyKind.Unqualified;
            ContextKey = key;
        }
    }

    /// <summary>Gets the key as written, e.g. <c>outcome</c> or <c>context.tests_passed</c>.</summary>
    public string Key { get; }

    /// <summary>Gets what the key reads.</summary>
    public ConditionKeyKind KeyKind { get; }

    /// <summary>
    /// Gets the context key tried after <see cref="Key"/>: the key without its <c>context.</c> prefix
    /// for <see cref="ConditionKeyKind.Context"/>, the key itself for unqualified keys, else empty.
    /// </summary>
    public string ContextKey { get; }

    /// <summary>Gets the comparison.</summary>
    public ConditionOperator Operator { get; }

    /// <summary>Gets the literal, unescaped; empty for a truthy test.</summary>
    public string Literal { get; }

    /// <summary>Gets how the literal was written.</summary>
    public ConditionLiteralKind LiteralKind { get; }

    /// <summary>Gets the offset of the clause (its key) in the condition string.</summary>
    public int Start => KeyStart;

    /// <summary>Gets the length of the clause from its key to the end of its literal.</summary>
    public int Length => Operator == ConditionOperator.Truthy ? KeyLength : LiteralStart + LiteralLength - KeyStart;

    /// <summary>Gets the offset of the key.</summary>
    public int KeyStart { get; }

    /// <summary>Gets the length of the key.</summary>
    public int KeyLength => Key.Length;

    /// <summary>Gets the offset of the operator; for a truthy test, the end of the key.</summary>
    public int OperatorStart { get; }

    /// <summary>Gets the length of the operator (1 for <c>=</c>, 2 for <c>!=</c>, 0 for a truthy test).</summary>
    public int OperatorLength { get; }

    /// <summary>Gets the offset of the literal as written (at its opening quote when quoted).</summary>
    public int LiteralStart { get; }

    /// <summary>Gets the length of the literal as written, quotes included; 0 for a truthy test.</summary>
    public int LiteralLength { get; }

    /// <summary>
    /// Decides whether a resolved value counts as true for a bare-key clause. The empty string,
    /// <c>false</c> (any case) and <c>0</c> are false; every other value is true.
    /// </summary>
    /// <remarks>
    /// §10.5 writes <c>bool(resolve_key(...))</c>, which in the pseudocode's Python reading makes any
    /// non-empty string true, including <c>"false"</c>. Context values are strings, so a flag set
    /// from a boolean or a count arrives as <c>"false"</c> or <c>"0"</c>; treating those as true
    /// would route on a flag that says no. We read them as false and document the difference.
    /// </remarks>
    /// <param name="value">The resolved value; null is treated as empty.</param>
    public static bool IsTruthy(string? value)
    {
        if (value is null || value.Length == 0)
        {
            return false;
        }

        if (value.Length == 1)
        {
            return value[0] != '0';
        }

        return !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Resolves the key to a string as §10.4 does; a missing key resolves to the empty string.</summary>
    /// <typeparam name="TScope">The scope type; a struct avoids boxing.</typeparam>
    /// <param name="scope">The outcome and context to read.</param>
    public string Resolve<TScope>(TScope scope)
        where TScope : IConditionScope
    {
        if (scope is null)
        {
            throw new ArgumentNullException(nameof(scope));
        }

        switch (KeyKind)
        {
            case ConditionKeyKind.Outcome:
                return scope.OutcomeStatus ?? string.Empty;
            case ConditionKeyKind.PreferredLabel:
                return scope.PreferredLabel ?? string.Empty;
            case ConditionKeyKind.Context:
                // §10.4: the qualified key first, then without the prefix for convenience.
                if (scope.TryGetContextValue(Key, out var qualified) && qualified is not null)
                {
                    return qualified;
                }

                return scope.TryGetContextValue(ContextKey, out var stripped) && stripped is not null ? stripped : string.Empty;
            default:
                return scope.TryGetContextValue(Key, out var direct) && direct is not null ? direct : string.Empty;
        }
    }

    /// <summary>Evaluates this clause against an outcome and context.</summary>
    /// <typeparam name="TScope">The scope type; a struct avoids boxing.</typeparam>
    /// <param name="scope">The outcome and context to read.</param>
    public bool Evaluate<TScope>(TScope scope)
        where TScope : IConditionScope
    {
        var value = Resolve(scope);
        return Operator switch
        {
            ConditionOperator.Equals => string.Equals(value, Literal, StringComparison.Ordinal),
            ConditionOperator.NotEquals => !string.Equals(value, Literal, StringComparison.Ordinal),
            _ => IsTruthy(value),
        };
    }

    /// <summary>Formats the clause in canonical form, quoting the literal when it needs quotes.</summary>
    public override string ToString()
    {
        if (Operator == ConditionOperator.Truthy)
        {
            return Key;
        }

        var builder = new StringBuilder(Key.Length + Literal.Length + 4);
        builder.Append(Key).Append(Operator == ConditionOperator.Equals ? "=" : "!=");
        if (LiteralKind == ConditionLiteralKind.String && !ConditionParser.IsBareLiteralText(Literal))
        {
            builder.Append('"');
            foreach (var c in Literal)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\t': builder.Append("\\t"); break;
                    default: builder.Append(c); break;
                }
            }

            builder.Append('"');
        }
        else
        {
            builder.Append(Literal);
        }

        return builder.ToString();
    }
}
