// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Attractor.Generators.Configuration;

/// <summary>
/// An <c>.editorconfig</c> section name compiled to a matcher of paths relative to the file's directory
/// (starting with <c>/</c>), with the compiler's semantics: <c>*</c> stays within one folder,
/// <c>**</c> crosses folders, <c>?</c> is one character, <c>[abc]</c> / <c>[!a-z]</c> are character
/// classes, <c>{a,b}</c> are alternatives, <c>{1..3}</c> is a number range, <c>\</c> escapes; a name
/// without <c>/</c> matches a file name at any depth, one with <c>/</c> is anchored at the directory.
/// </summary>
internal sealed class SectionGlob
{
    // Section names come from user files: a pathological pattern must cost a bounded time, not hang the build.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    private readonly Regex _regex;
    private readonly (int Min, int Max)[] _ranges;

    private SectionGlob(Regex regex, (int Min, int Max)[] ranges)
    {
        _regex = regex;
        _ranges = ranges;
    }

    private enum ListEnd
    {
        Done,
        Comma,
        Close,
        Invalid,
    }

    /// <summary>Compiles a section name, or returns null when it is not a valid glob (such a section matches nothing, as in the compiler).</summary>
    public static SectionGlob? TryCreate(string sectionName)
    {
        var pattern = new StringBuilder("^");
        if (sectionName.IndexOf('/') < 0)
        {
            pattern.Append(".*/");
        }
        else if (sectionName[0] != '/')
        {
            pattern.Append('/');
        }

        var ranges = new List<(int Min, int Max)>();
        var position = 0;
        if (AppendList(sectionName, ref position, pattern, ranges, inChoice: false) != ListEnd.Done)
        {
            return null;
        }

        pattern.Append('$');
        try
        {
            return new SectionGlob(new Regex(pattern.ToString(), RegexOptions.CultureInvariant, MatchTimeout), ranges.ToArray());
        }
        catch (ArgumentException)
        {
            // E.g. "[]" or "[z-a]": not a valid character class.
            return null;
        }
    }

    /// <summary>Whether the path relative to the <c>.editorconfig</c> directory (e.g. <c>/pipelines/a.dot</c>) matches.</summary>
    public bool IsMatch(string relativePath)
    {
        try
        {
            var match = _regex.Match(relativePath);
            if (!match.Success)
            {
                return false;
            }

            // {n..m} matches any integer in the regex; its bounds are checked here.
            for (var i = 0; i < _ranges.Length; i++)
            {
                if (!int.TryParse(match.Groups[i + 1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    || number < _ranges[i].Min || number > _ranges[i].Max)
                {
                    return false;
                }
            }

            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static ListEnd AppendList(string glob, ref int position, StringBuilder pattern, List<(int Min, int Max)> ranges, bool inChoice)
    {
        while (position < glob.Length)
        {
            var c = glob[position++];
            switch (c)
            {
                case '*' when position < glob.Length && glob[position] == '*':
                    position++;
                    pattern.Append(".*");
                    break;
                case '*':
                    pattern.Append("[^/]*");
                    break;
                case '?':
                    pattern.Append('.');
                    break;
                case '\\':
                    if (position >= glob.Length)
                    {
                        return ListEnd.Invalid;
                    }

                    pattern.Append(Regex.Escape(glob[position++].ToString()));
                    break;
                case '[':
                    if (!AppendClass(glob, ref position, pattern))
                    {
                        return ListEnd.Invalid;
                    }

                    break;
                case '{':
                    if (TryReadRange(glob, ref position, out var range))
                    {
                        ranges.Add(range);
                        pattern.Append("(-?[0-9]+)");
                    }
                    else if (!AppendChoice(glob, ref position, pattern, ranges))
                    {
                        return ListEnd.Invalid;
                    }

                    break;
                case ',':
                    return inChoice ? ListEnd.Comma : ListEnd.Invalid;
                case '}':
                    return inChoice ? ListEnd.Close : ListEnd.Invalid;
                default:
                    pattern.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        // A choice must be closed by '}' before the name ends.
        return inChoice ? ListEnd.Invalid : ListEnd.Done;
    }

    // After '{' that does not start a number range: alternatives separated by ',' up to the matching '}'.
    private static bool AppendChoice(string glob, ref int position, StringBuilder pattern, List<(int Min, int Max)> ranges)
    {
        pattern.Append("(?:");
        while (true)
        {
            switch (AppendList(glob, ref position, pattern, ranges, inChoice: true))
            {
                case ListEnd.Comma:
                    pattern.Append('|');
                    break;
                case ListEnd.Close:
                    pattern.Append(')');
                    return true;
                default:
                    return false;
            }
        }
    }

    // After '[': '!' first negates, '-' is a range, '\' escapes, ']' closes.
    private static bool AppendClass(string glob, ref int position, StringBuilder pattern)
    {
        pattern.Append('[');
        if (position < glob.Length && glob[position] == '!')
        {
            pattern.Append('^');
            position++;
        }

        while (position < glob.Length)
        {
            var c = glob[position++];
            switch (c)
            {
                case ']':
                    pattern.Append(']');
                    return true;
                case '-':
                    pattern.Append('-');
                    break;
                case '\\':
                    if (position >= glob.Length)
                    {
                        return false;
                    }

                    pattern.Append('\\').Append(glob[position++]);
                    break;
                default:
                    pattern.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return false;
    }

    // After '{': "n..m}" with optionally negative integers; leaves position unchanged when it is not one.
    private static bool TryReadRange(string glob, ref int position, out (int Min, int Max) range)
    {
        range = default;
        var at = position;
        if (!TryReadInteger(glob, ref at, out var first)
            || at + 1 >= glob.Length || glob[at] != '.' || glob[at + 1] != '.')
        {
            return false;
        }

        at += 2;
        if (!TryReadInteger(glob, ref at, out var second) || at >= glob.Length || glob[at] != '}')
        {
            return false;
        }

        position = at + 1;
        range = first <= second ? (first, second) : (second, first);
        return true;
    }

    private static bool TryReadInteger(string glob, ref int position, out int value)
    {
        var start = position;
        var at = position;
        if (at < glob.Length && glob[at] == '-')
        {
            at++;
        }

        var digits = at;
        while (at < glob.Length && glob[at] is >= '0' and <= '9')
        {
            at++;
        }

        if (at == digits || !int.TryParse(glob.Substring(start, at - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            value = 0;
            return false;
        }

        position = at;
        return true;
    }
}
