// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text;

namespace Attractor.Dot.Conditions;

/// <summary>
/// Hand-written parser for the condition language of attractor-spec §10.2, widened as §10.4 and
/// §10.5 read it: keys may be unqualified, and a clause without an operator is a truthy test.
/// Each clause is parsed on its own so one bad clause does not hide errors in the next.
/// </summary>
internal static class ConditionParser
{
    private const string KeyShape = "keys are names ([A-Za-z_][A-Za-z0-9_]*) joined by '.', such as outcome, preferred_label or context.tests_passed";
    private const string OnlyEqualityOperators = "the condition language (attractor-spec §10) compares only with '=' and '!='";

    private static readonly ConditionClause[] NoClauses = Array.Empty<ConditionClause>();
    private static readonly ConditionParseResult EmptyResult = new(ConditionExpression.Empty, null);

    public static ConditionParseResult Parse(string? text)
    {
        if (text is null || text.Length == 0)
        {
            return EmptyResult;
        }

        var pos = 0;
        SkipWhitespace(text, ref pos);
        if (pos == text.Length)
        {
            return new ConditionParseResult(new ConditionExpression(text, NoClauses), null);
        }

        ConditionClause? single = null;
        List<ConditionClause>? many = null;
        List<ConditionError>? errors = null;
        var lastSeparator = -1;
        while (true)
        {
            SkipWhitespace(text, ref pos);
            if (pos >= text.Length || IsAndAnd(text, pos))
            {
                if (pos >= text.Length)
                {
                    Add(ref errors, new ConditionError(lastSeparator, 2, "'&&' must be followed by a clause; the condition ends after it", RemoveRange(text, lastSeparator, 2)));
                    break;
                }

                Add(ref errors, lastSeparator < 0
                    ? new ConditionError(pos, 2, "'&&' must come between two clauses; the condition starts with it", RemoveRange(text, pos, 2))
                    : new ConditionError(pos, 2, "empty clause before '&&'; write a clause between the two '&&'", RemoveRange(text, lastSeparator, pos - lastSeparator)));
                lastSeparator = pos;
                pos += 2;
                continue;
            }

            var clause = ParseClause(text, ref pos, ref errors);
            if (clause is null)
            {
                SkipToSeparator(text, ref pos);
            }
            else if (single is null && many is null)
            {
                single = clause;
            }
            else
            {
                many ??= new List<ConditionClause>(4) { single! };
                many.Add(clause);
            }

            SkipWhitespace(text, ref pos);
            if (pos >= text.Length)
            {
                break;
            }

            // ParseClause and SkipToSeparator stop only at the end or at '&&'.
            lastSeparator = pos;
            pos += 2;
        }

        if (errors is not null)
        {
            return new ConditionParseResult(null, errors);
        }

        var clauses = many is not null ? many.ToArray() : single is not null ? new[] { single } : NoClauses;
        return new ConditionParseResult(new ConditionExpression(text, clauses), null);
    }

    /// <summary>Returns whether text can be written as a bare literal without quotes.</summary>
    public static bool IsBareLiteralText(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsLiteralChar(c))
            {
                return false;
            }
        }

        return true;
    }

    private static ConditionClause? ParseClause(string text, ref int pos, ref List<ConditionError>? errors)
    {
        var keyStart = pos;
        var c = text[pos];
        if (!IsKeyStart(c))
        {
            Add(ref errors, KeyStartError(text, pos));
            return null;
        }

        var keyEnd = pos + 1;
        while (keyEnd < text.Length && IsKeyChar(text[keyEnd]))
        {
            keyEnd++;
        }

        var key = Key(text, keyStart, keyEnd - keyStart);
        if (keyEnd < text.Length && !IsWhitespace(text[keyEnd]) && !IsOperatorStart(text[keyEnd]))
        {
            pos = keyEnd;
            Add(ref errors, new ConditionError(keyEnd, 1, "invalid character '" + text[keyEnd] + "' in key '" + key + "'; " + KeyShape));
            return null;
        }

        if ((key == "NOT" || key == "not") && IsFollowedByOperand(text, keyEnd))
        {
            pos = keyStart;
            Add(ref errors, NotError(keyStart, 3));
            return null;
        }

        for (var i = keyStart + 1; i < keyEnd; i++)
        {
            if (text[i] == '.' && (text[i - 1] == '.' || i == keyEnd - 1))
            {
                pos = i;
                Add(ref errors, new ConditionError(i, 1, "key '" + key + "' has an empty name " + (i == keyEnd - 1 ? "after its last '.'" : "between two '.'") + "; " + KeyShape));
                return null;
            }
        }

        pos = keyEnd;
        SkipWhitespace(text, ref pos);
        if (pos >= text.Length || IsAndAnd(text, pos))
        {
            return new ConditionClause(key, keyStart, ConditionOperator.Truthy, keyEnd, 0, string.Empty, ConditionLiteralKind.None, keyEnd, 0);
        }

        var opStart = pos;
        if (!TryParseOperator(text, pos, key, out var op, out var opLength, out var opError))
        {
            Add(ref errors, opError!);
            return null;
        }

        pos += opLength;
        SkipWhitespace(text, ref pos);
        if (pos >= text.Length || IsAndAnd(text, pos))
        {
            var opText = text.Substring(opStart, opLength);
            Add(ref errors, new ConditionError(opStart, opLength, "missing value after '" + opText + "' in clause for key '" + key + "'; write \"\" to compare with the empty string", "write " + key + opText + "\"\""));
            return null;
        }

        var literalStart = pos;
        string literal;
        ConditionLiteralKind kind;
        c = text[pos];
        if (c == '"')
        {
            if (!TryReadQuoted(text, ref pos, out literal))
            {
                Add(ref errors, new ConditionError(literalStart, text.Length - literalStart, "unterminated string literal; add the closing '\"'"));
                return null;
            }

            kind = ConditionLiteralKind.String;
        }
        else if (IsLiteralChar(c))
        {
            while (pos < text.Length && IsLiteralChar(text[pos]))
            {
                pos++;
            }

            literal = Literal(text, literalStart, pos - literalStart);
            kind = ClassifyLiteral(literal);
        }
        else
        {
            Add(ref errors, c == '\''
                ? new ConditionError(pos, 1, "single quotes are not supported; quote values with '\"'")
                : new ConditionError(pos, 1, "unexpected character '" + c + "' where a value was expected; values are bare words ([A-Za-z0-9_.:-]) or double-quoted strings"));
            return null;
        }

        var literalEnd = pos;
        SkipWhitespace(text, ref pos);
        if (pos < text.Length && !IsAndAnd(text, pos))
        {
            Add(ref errors, TrailingError(text, pos, literalEnd, text.Substring(literalStart, literalEnd - literalStart)));
            return null;
        }

        return new ConditionClause(key, keyStart, op, opStart, opLength, literal, kind, literalStart, literalEnd - literalStart);
    }

    private static bool TryParseOperator(string text, int pos, string key, out ConditionOperator op, out int length, out ConditionError? error)
    {
        op = ConditionOperator.Equals;
        length = 1;
        error = null;
        var c = text[pos];
        var next = pos + 1 < text.Length ? text[pos + 1] : '\0';
        switch (c)
        {
            case '=' when next == '=':
                error = new ConditionError(pos, 2, "'==' is not supported; the condition language uses a single '=' for equality", "write " + ReplaceRange(text, pos, 2, "="));
                return false;
            case '=' when next == '~':
            case '!' when next == '~':
                error = new ConditionError(pos, 2, "regular-expression match '" + c + "~' is not supported; §10.7 lists 'matches' only as a future extension, and " + OnlyEqualityOperators);
                return false;
            case '=':
                return true;
            case '!' when next == '=':
                op = ConditionOperator.NotEquals;
                length = 2;
                return true;
            case '!':
                error = NotError(pos, 1);
                return false;
            case '<':
            case '>':
                var comparison = next == '=' ? c + "=" : c.ToString();
                error = new ConditionError(pos, comparison.Length, "comparison operator '" + comparison + "' is not supported; §10.7 lists numeric comparison only as a future extension, and " + OnlyEqualityOperators);
                return false;
            case '|':
                error = OrError(pos, next == '|' ? 2 : 1);
                return false;
            case '&':
                error = new ConditionError(pos, 1, "'&' is not an operator; join clauses with '&&'");
                return false;
        }

        if (IsKeyStart(c))
        {
            var end = pos;
            while (end < text.Length && IsKeyChar(text[end]))
            {
                end++;
            }

            var word = text.Substring(pos, end - pos);
            error = WordError(word, pos) ?? new ConditionError(pos, word.Length, "expected '=', '!=' or '&&' after key '" + key + "' but found '" + word + "'; quote values that contain spaces");
            return false;
        }

        error = new ConditionError(pos, 1, "unexpected character '" + c + "' after key '" + key + "'; expected '=', '!=' or '&&'");
        return false;
    }

    private static ConditionError KeyStartError(string text, int pos)
    {
        var c = text[pos];
        var next = pos + 1 < text.Length ? text[pos + 1] : '\0';
        switch (c)
        {
            case '=':
                return new ConditionError(pos, next == '=' ? 2 : 1, "missing key before '" + (next == '=' ? "==" : "=") + "'; " + KeyShape);
            case '!' when next == '=':
                return new ConditionError(pos, 2, "missing key before '!='; " + KeyShape);
            case '!':
                return NotError(pos, 1);
            case '"':
            case '\'':
                return new ConditionError(pos, 1, "a key cannot be quoted; write it bare, e.g. context.name=value");
            case '(':
            case ')':
                return new ConditionError(pos, 1, "parentheses are not supported; a condition is clauses joined by '&&'");
            case '|':
                return OrError(pos, next == '|' ? 2 : 1);
            case '&':
                return new ConditionError(pos, 1, "'&' is not an operator; join clauses with '&&'");
            case '<':
            case '>':
                var comparison = next == '=' ? c + "=" : c.ToString();
                return new ConditionError(pos, comparison.Length, "missing key before '" + comparison + "'; comparison operators are not supported either: " + OnlyEqualityOperators);
        }

        if (c >= '0' && c <= '9')
        {
            var end = pos;
            while (end < text.Length && IsKeyChar(text[end]))
            {
                end++;
            }

            return new ConditionError(pos, end - pos, "key '" + text.Substring(pos, end - pos) + "' must start with a letter or '_'; " + KeyShape);
        }

        return new ConditionError(pos, 1, "unexpected character '" + c + "' where a key was expected; " + KeyShape);
    }

    private static ConditionError TrailingError(string text, int pos, int literalEnd, string literalText)
    {
        var c = text[pos];
        var next = pos + 1 < text.Length ? text[pos + 1] : '\0';
        if (c == '|')
        {
            return OrError(pos, next == '|' ? 2 : 1);
        }

        if (c == '&')
        {
            return new ConditionError(pos, 1, "'&' is not an operator; join clauses with '&&'");
        }

        var end = pos;
        while (end < text.Length && !IsWhitespace(text[end]) && !IsAndAnd(text, end))
        {
            end++;
        }

        var token = text.Substring(pos, end - pos);
        if (IsKeyStart(c))
        {
            var wordEnd = pos;
            while (wordEnd < text.Length && IsKeyChar(text[wordEnd]))
            {
                wordEnd++;
            }

            var wordError = WordError(text.Substring(pos, wordEnd - pos), pos);
            if (wordError is not null)
            {
                return wordError;
            }
        }

        return pos == literalEnd
            ? new ConditionError(pos, 1, "unexpected character '" + c + "' in value '" + literalText + "'; bare values use only [A-Za-z0-9_.:-], so quote this one (\"...\")")
            : new ConditionError(pos, token.Length, "unexpected '" + token + "' after value '" + literalText + "'; quote values that contain spaces, and join clauses with '&&'");
    }

    private static ConditionError? WordError(string word, int pos)
    {
        if (string.Equals(word, "contains", StringComparison.OrdinalIgnoreCase) || string.Equals(word, "matches", StringComparison.OrdinalIgnoreCase))
        {
            return new ConditionError(pos, word.Length, "operator '" + word + "' is not supported; §10.7 lists it only as a future extension, and " + OnlyEqualityOperators);
        }

        if (string.Equals(word, "OR", StringComparison.OrdinalIgnoreCase))
        {
            return OrError(pos, word.Length);
        }

        if (string.Equals(word, "AND", StringComparison.OrdinalIgnoreCase))
        {
            return new ConditionError(pos, word.Length, "'" + word + "' is not supported; join clauses with '&&'");
        }

        if (string.Equals(word, "NOT", StringComparison.OrdinalIgnoreCase))
        {
            return NotError(pos, word.Length);
        }

        return null;
    }

    private static ConditionError OrError(int pos, int length) =>
        new(pos, length, "disjunction ('||' / OR) is not supported; §10.7 lists OR only as a future extension, and clauses can only be joined with '&&'", "use one edge per alternative, each with its own condition");

    private static ConditionError NotError(int pos, int length) =>
        new(pos, length, "negation (NOT / '!') is not supported; §10.7 lists NOT only as a future extension; compare with '!=' instead, e.g. key!=value");

    private static bool TryReadQuoted(string text, ref int pos, out string literal)
    {
        var start = pos + 1;
        StringBuilder? builder = null;
        var runStart = start;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                literal = builder is null ? text.Substring(start, i - start) : builder.Append(text, runStart, i - runStart).ToString();
                pos = i + 1;
                return true;
            }

            if (c == '\\' && i + 1 < text.Length)
            {
                var escaped = text[i + 1] switch
                {
                    '"' => '"',
                    '\\' => '\\',
                    'n' => '\n',
                    't' => '\t',
                    _ => '\0',
                };

                // Unknown escapes are kept as written, as the DOT lexer does.
                if (escaped != '\0')
                {
                    builder ??= new StringBuilder(text.Length - start);
                    builder.Append(text, runStart, i - runStart).Append(escaped);
                    runStart = i + 2;
                }

                i++;
            }
        }

        literal = string.Empty;
        pos = text.Length;
        return false;
    }

    private static void SkipToSeparator(string text, ref int pos)
    {
        while (pos < text.Length && !IsAndAnd(text, pos))
        {
            if (text[pos] == '"')
            {
                TryReadQuoted(text, ref pos, out _);
            }
            else
            {
                pos++;
            }
        }
    }

    private static bool IsFollowedByOperand(string text, int pos)
    {
        if (pos >= text.Length || !IsWhitespace(text[pos]))
        {
            return false;
        }

        SkipWhitespace(text, ref pos);
        return pos < text.Length && (IsKeyStart(text[pos]) || text[pos] == '(' || text[pos] == '!');
    }

    private static ConditionLiteralKind ClassifyLiteral(string literal)
    {
        if (literal == "true" || literal == "false")
        {
            return ConditionLiteralKind.Boolean;
        }

        var i = literal[0] == '-' ? 1 : 0;
        if (i == literal.Length)
        {
            return ConditionLiteralKind.Bare;
        }

        for (; i < literal.Length; i++)
        {
            if (literal[i] < '0' || literal[i] > '9')
            {
                return ConditionLiteralKind.Bare;
            }
        }

        return ConditionLiteralKind.Integer;
    }

    // The common keys and literals are interned so parsing thousands of edges allocates little.
    private static string Key(string text, int start, int length) =>
        Matches(text, start, length, "outcome") ? "outcome"
        : Matches(text, start, length, "preferred_label") ? "preferred_label"
        : text.Substring(start, length);

    private static string Literal(string text, int start, int length) =>
        Matches(text, start, length, "success") ? "success"
        : Matches(text, start, length, "fail") ? "fail"
        : Matches(text, start, length, "retry") ? "retry"
        : Matches(text, start, length, "partial_success") ? "partial_success"
        : Matches(text, start, length, "true") ? "true"
        : Matches(text, start, length, "false") ? "false"
        : text.Substring(start, length);

    private static bool Matches(string text, int start, int length, string candidate) =>
        length == candidate.Length && string.CompareOrdinal(text, start, candidate, 0, length) == 0;

    private static string RemoveRange(string text, int start, int length)
    {
        var result = (text.Substring(0, start) + text.Substring(start + length)).Trim();
        return "remove the extra '&&': " + result;
    }

    private static string ReplaceRange(string text, int start, int length, string replacement) =>
        text.Substring(0, start) + replacement + text.Substring(start + length);

    private static void Add(ref List<ConditionError>? errors, ConditionError error) => (errors ??= new List<ConditionError>(2)).Add(error);

    private static void SkipWhitespace(string text, ref int pos)
    {
        while (pos < text.Length && IsWhitespace(text[pos]))
        {
            pos++;
        }
    }

    private static bool IsAndAnd(string text, int pos) => pos + 1 < text.Length && text[pos] == '&' && text[pos + 1] == '&';

    private static bool IsWhitespace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';

    private static bool IsKeyStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    private static bool IsKeyChar(char c) => IsKeyStart(c) || (c >= '0' && c <= '9') || c == '.';

    private static bool IsOperatorStart(char c) => c == '=' || c == '!' || c == '<' || c == '>' || c == '&' || c == '|';

    private static bool IsLiteralChar(char c) => IsKeyChar(c) || c == ':' || c == '-';
}
