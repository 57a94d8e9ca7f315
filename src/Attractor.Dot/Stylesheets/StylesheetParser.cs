// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text;

namespace Attractor.Dot.Stylesheets;

/// <summary>
/// Hand-written parser for the stylesheet grammar of attractor-spec §8.2. A rule with an error is
/// dropped and parsing resumes at the next rule, so one run reports every error.
/// </summary>
internal static class StylesheetParser
{
    private const string SelectorForms = "a rule starts with '*', a shape name (box), '#node_id' or '.class'";
    private const string PropertyForms = "llm_model, llm_provider, reasoning_effort or llm_backend";

    private static readonly StylesheetRule[] NoRules = Array.Empty<StylesheetRule>();

    public static StylesheetParseResult Parse(string? text)
    {
        if (text is null || text.Length == 0)
        {
            return new StylesheetParseResult(ModelStylesheet.Empty, null);
        }

        List<StylesheetRule>? rules = null;
        List<StylesheetError>? errors = null;
        var pos = 0;
        while (true)
        {
            SkipWhitespace(text, ref pos);
            if (pos >= text.Length)
            {
                break;
            }

            if (text[pos] == '}')
            {
                Add(ref errors, new StylesheetError(pos, 1, "unexpected '}' with no rule open; " + SelectorForms, "remove the extra '}'"));
                pos++;
                continue;
            }

            var outcome = ParseRule(text, ref pos, rules?.Count ?? 0, out var rule, ref errors);
            if (rule is not null)
            {
                (rules ??= new List<StylesheetRule>()).Add(rule);
            }
            else
            {
                Recover(text, ref pos, outcome);
            }
        }

        return new StylesheetParseResult(new ModelStylesheet(text, rules?.ToArray() ?? NoRules), errors);
    }

    private static RecoveryMode ParseRule(string text, ref int pos, int order, out StylesheetRule? rule, ref List<StylesheetError>? errors)
    {
        rule = null;
        var selector = ParseSelector(text, ref pos, ref errors);
        if (selector is null)
        {
            return RecoveryMode.SkipBlock;
        }

        SkipWhitespace(text, ref pos);
        if (pos >= text.Length)
        {
            Add(ref errors, new StylesheetError(selector.Start, selector.Length, "selector '" + selector + "' has no '{ ... }' block; the stylesheet ends after it", "write " + selector + " { llm_model: <model>; }"));
            return RecoveryMode.SkipBlock;
        }

        if (text[pos] == ',')
        {
            Add(ref errors, new StylesheetError(pos, 1, "selector lists ('a, b') are not supported; §8.2 allows one selector per rule", "write a separate rule for each selector"));
            return RecoveryMode.SkipBlock;
        }

        if (text[pos] != '{')
        {
            var token = TokenLength(text, pos);
            Add(ref errors, new StylesheetError(pos, token, "expected '{' after selector '" + selector + "' but found '" + text.Substring(pos, token) + "'", "write " + selector + " { property: value; }"));
            return RecoveryMode.SkipBlock;
        }

        var openBrace = pos;
        pos++;
        List<StylesheetDeclaration>? declarations = null;
        while (true)
        {
            SkipWhitespace(text, ref pos);
            if (pos >= text.Length)
            {
                Add(ref errors, new StylesheetError(openBrace, 1, "missing '}' to close the rule for selector '" + selector + "'", "add '}' after the last declaration"));
                return RecoveryMode.InsideBlock;
            }

            var c = text[pos];
            if (c == '}')
            {
                pos++;
                rule = new StylesheetRule(selector, declarations?.ToArray() ?? Array.Empty<StylesheetDeclaration>(), order, pos);
                return RecoveryMode.None;
            }

            if (c == ';')
            {
                pos++;
                continue;
            }

            var declaration = ParseDeclaration(text, ref pos, selector, ref errors);
            if (declaration is null)
            {
                return RecoveryMode.InsideBlock;
            }

            (declarations ??= new List<StylesheetDeclaration>(3)).Add(declaration);
        }
    }

    private static StylesheetSelector? ParseSelector(string text, ref int pos, ref List<StylesheetError>? errors)
    {
        var start = pos;
        var c = text[pos];
        StylesheetSelectorKind kind;
        string value;
        switch (c)
        {
            case '{':
                Add(ref errors, new StylesheetError(pos, 1, "missing selector before '{'; " + SelectorForms));
                return null;
            case '*':
                pos++;
                kind = StylesheetSelectorKind.Universal;
                value = "*";
                break;
            case '#':
            case '.':
                pos++;
                while (pos < text.Length && IsNameChar(text[pos]))
                {
                    pos++;
                }

                if (pos == start + 1)
                {
                    Add(ref errors, new StylesheetError(start, 1, c == '#'
                        ? "missing node ID after '#'; write '#' immediately followed by the node ID, e.g. #review"
                        : "missing class name after '.'; write '.' immediately followed by the class, e.g. .code"));
                    return null;
                }

                kind = c == '#' ? StylesheetSelectorKind.Id : StylesheetSelectorKind.Class;
                value = text.Substring(start + 1, pos - start - 1);
                break;
            default:
                if (!IsIdentifierStart(c))
                {
                    var token = TokenLength(text, pos);
                    Add(ref errors, new StylesheetError(pos, token, "unexpected '" + text.Substring(pos, token) + "' where a selector was expected; " + SelectorForms));
                    return null;
                }

                while (pos < text.Length && IsIdentifierChar(text[pos]))
                {
                    pos++;
                }

                kind = StylesheetSelectorKind.Shape;
                value = text.Substring(start, pos - start);
                break;
        }

        if (pos < text.Length && !IsWhitespace(text[pos]) && text[pos] != '{' && text[pos] != ',')
        {
            var end = start + TokenLength(text, start);
            Add(ref errors, new StylesheetError(start, end - start, "selector '" + text.Substring(start, end - start) + "' is not supported; §8.2 allows exactly one simple selector per rule: '*', a shape name, '#node_id' or '.class' (class names use [a-z0-9-])"));
            pos = end;
            return null;
        }

        return new StylesheetSelector(kind, value, start, pos - start);
    }

    private static StylesheetDeclaration? ParseDeclaration(string text, ref int pos, StylesheetSelector selector, ref List<StylesheetError>? errors)
    {
        var propertyStart = pos;
        if (!IsIdentifierStart(text[pos]))
        {
            var token = TokenLength(text, pos);
            Add(ref errors, new StylesheetError(pos, token, "expected a property (" + PropertyForms + ") in the rule for '" + selector + "' but found '" + text.Substring(pos, token) + "'"));
            return null;
        }

        while (pos < text.Length && (IsIdentifierChar(text[pos]) || text[pos] == '-'))
        {
            pos++;
        }

        var property = text.Substring(propertyStart, pos - propertyStart);
        SkipWhitespace(text, ref pos);
        if (pos >= text.Length || text[pos] != ':')
        {
            if (pos < text.Length && text[pos] == '=')
            {
                var equals = pos;
                var valueText = PeekValue(text, equals + 1);
                Add(ref errors, new StylesheetError(equals, 1, "expected ':' after property '" + property + "' but found '='; stylesheet declarations are written 'property: value', as in CSS", "write " + property + ": " + (valueText.Length > 0 ? valueText : "<value>")));
                return null;
            }

            if (pos >= text.Length || text[pos] == ';' || text[pos] == '}')
            {
                Add(ref errors, new StylesheetError(propertyStart, property.Length, "property '" + property + "' has no value; write 'property: value'", "write " + property + ": <value>"));
                return null;
            }

            var token = TokenLength(text, pos);
            Add(ref errors, new StylesheetError(pos, token, "expected ':' after property '" + property + "' but found '" + text.Substring(pos, token) + "'"));
            return null;
        }

        var colon = pos;
        pos++;
        SkipWhitespace(text, ref pos);
        if (pos >= text.Length || text[pos] == ';' || text[pos] == '}')
        {
            Add(ref errors, new StylesheetError(colon, 1, "missing value after '" + property + ":'", "write " + property + ": <value>"));
            return null;
        }

        string value;
        int valueStart, valueLength;
        var quoted = text[pos] == '"';
        if (quoted)
        {
            var quote = pos;
            if (!TryReadQuoted(text, ref pos, out value))
            {
                Add(ref errors, new StylesheetError(quote, text.Length - quote, "unterminated string; add the closing '\"'"));
                return null;
            }

            valueStart = quote + 1;
            valueLength = pos - 1 - valueStart;
        }
        else if (text[pos] == '\'')
        {
            Add(ref errors, new StylesheetError(pos, 1, "single quotes are not supported; quote values with '\"' or leave them bare"));
            return null;
        }
        else
        {
            valueStart = pos;
            while (pos < text.Length && IsBareValueChar(text[pos]))
            {
                pos++;
            }

            valueLength = pos - valueStart;
            if (valueLength == 0)
            {
                Add(ref errors, new StylesheetError(pos, 1, "unexpected '" + text[pos] + "' where the value of '" + property + "' was expected"));
                return null;
            }

            value = text.Substring(valueStart, valueLength);
        }

        var valueEnd = pos;
        SkipWhitespace(text, ref pos);
        if (pos < text.Length && text[pos] != ';' && text[pos] != '}')
        {
            var token = TokenLength(text, pos);
            Add(ref errors, pos == valueEnd
                ? new StylesheetError(pos, 1, "unexpected '" + text[pos] + "' after the value of '" + property + "'; quote values that contain it")
                : new StylesheetError(pos, token, "expected ';' or '}' after '" + property + ": " + text.Substring(valueStart - (quoted ? 1 : 0), valueEnd - valueStart + (quoted ? 1 : 0)) + "' but found '" + text.Substring(pos, token) + "'; separate declarations with ';' and quote values that contain spaces"));
            return null;
        }

        return new StylesheetDeclaration(property, propertyStart, value, quoted, valueStart, valueLength);
    }

    /// <summary>Moves past a broken rule so the next one parses.</summary>
    private static void Recover(string text, ref int pos, RecoveryMode mode)
    {
        var from = pos;
        for (var i = pos; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                var end = i;
                TryReadQuoted(text, ref end, out _);
                i = end - 1;
            }
            else if (c == '}')
            {
                pos = i + 1;
                return;
            }
            else if (c == '{' && mode == RecoveryMode.InsideBlock)
            {
                // A '{' inside a block means its '}' is missing: resume at the selector before it.
                var j = i - 1;
                while (j >= from && IsWhitespace(text[j]))
                {
                    j--;
                }

                while (j >= from && IsSelectorChar(text[j]))
                {
                    j--;
                }

                pos = Math.Max(j + 1, from);
                if (pos == from && from == i)
                {
                    // Nothing before the brace to resume at; skip the whole block.
                    mode = RecoveryMode.SkipBlock;
                    continue;
                }

                return;
            }
        }

        pos = text.Length;
    }

    private static string PeekValue(string text, int pos)
    {
        SkipWhitespace(text, ref pos);
        if (pos < text.Length && text[pos] == '"')
        {
            return TryReadQuoted(text, ref pos, out var value) && value.Length > 0 && IsBareValue(value) ? value : string.Empty;
        }

        var start = pos;
        while (pos < text.Length && IsBareValueChar(text[pos]))
        {
            pos++;
        }

        return text.Substring(start, pos - start);
    }

    private static bool IsBareValue(string value)
    {
        foreach (var c in value)
        {
            if (!IsBareValueChar(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryReadQuoted(string text, ref int pos, out string value)
    {
        var start = pos + 1;
        StringBuilder? builder = null;
        var runStart = start;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                value = builder is null ? text.Substring(start, i - start) : builder.Append(text, runStart, i - runStart).ToString();
                pos = i + 1;
                return true;
            }

            if (c == '\\' && i + 1 < text.Length)
            {
                var next = text[i + 1];
                if (next == '"' || next == '\\')
                {
                    builder ??= new StringBuilder(text.Length - start);
                    builder.Append(text, runStart, i - runStart).Append(next);
                    runStart = i + 2;
                }

                i++;
            }
        }

        value = string.Empty;
        pos = text.Length;
        return false;
    }

    private static int TokenLength(string text, int pos)
    {
        var end = pos + 1;
        while (end < text.Length && !IsWhitespace(text[end]) && text[end] != '{' && text[end] != '}' && text[end] != ';')
        {
            end++;
        }

        return end - pos;
    }

    private static void Add(ref List<StylesheetError>? errors, StylesheetError error) => (errors ??= new List<StylesheetError>(2)).Add(error);

    private static void SkipWhitespace(string text, ref int pos)
    {
        while (pos < text.Length && IsWhitespace(text[pos]))
        {
            pos++;
        }
    }

    private static bool IsWhitespace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';

    private static bool IsIdentifierStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    private static bool IsIdentifierChar(char c) => IsIdentifierStart(c) || (c >= '0' && c <= '9');

    // Class names are [a-z0-9-]+ in §8.2; '_' and upper case are accepted because class attributes use them.
    private static bool IsNameChar(char c) => IsIdentifierChar(c) || c == '-';

    private static bool IsSelectorChar(char c) => IsNameChar(c) || c == '.' || c == '#' || c == '*';

    private static bool IsBareValueChar(char c) => !IsWhitespace(c) && c != ';' && c != '{' && c != '}' && c != '"' && c != '\'';

    private enum RecoveryMode
    {
        None,
        SkipBlock,
        InsideBlock,
    }
}
