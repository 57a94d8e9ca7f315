// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;

namespace Attractor.Agent.Patching;

/// <summary>
/// Finds a run of lines in a file, trying each <see cref="PatchMatchLevel"/> in order over the
/// whole search range before loosening, so an exact match later in the file beats a fuzzy one
/// earlier.
/// </summary>
internal static class LineMatcher
{
    private static readonly PatchMatchLevel[] Levels = Enum.GetValues<PatchMatchLevel>();

    /// <summary>Finds <paramref name="pattern"/> at or after <paramref name="start"/>.</summary>
    /// <param name="lines">The file's lines.</param>
    /// <param name="pattern">The lines to find.</param>
    /// <param name="start">The first index a match may start at.</param>
    /// <param name="atEnd">Try the position where the pattern ends the file first (end-of-file hunks).</param>
    public static (int Index, PatchMatchLevel Level)? Find(IReadOnlyList<string> lines, IReadOnlyList<string> pattern, int start, bool atEnd)
    {
        if (pattern.Count == 0)
        {
            return (start, PatchMatchLevel.Exact);
        }

        var lastStart = lines.Count - pattern.Count;
        if (lastStart < start)
        {
            return null;
        }

        if (atEnd)
        {
            foreach (var level in Levels)
            {
                if (MatchesAt(lines, pattern, lastStart, level))
                {
                    return (lastStart, level);
                }
            }
        }

        foreach (var level in Levels)
        {
            for (var i = start; i <= lastStart; i++)
            {
                if (MatchesAt(lines, pattern, i, level))
                {
                    return (i, level);
                }
            }
        }

        return null;
    }

    private static bool MatchesAt(IReadOnlyList<string> lines, IReadOnlyList<string> pattern, int index, PatchMatchLevel level)
    {
        for (var j = 0; j < pattern.Count; j++)
        {
            if (!Equal(lines[index + j], pattern[j], level))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool Equal(string line, string pattern, PatchMatchLevel level) => level switch
    {
        PatchMatchLevel.Exact => line == pattern,
        PatchMatchLevel.IgnoreTrailingWhitespace => line.TrimEnd() == pattern.TrimEnd(),
        PatchMatchLevel.IgnoreWhitespace => line.Trim() == pattern.Trim(),
        _ => NormalizePunctuation(line) == NormalizePunctuation(pattern),
    };

    internal static string NormalizePunctuation(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            builder.Append(c switch
            {
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => '-',
                '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' => '\'',
                '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' => '"',
                '\u00A0' or '\u2002' or '\u2003' or '\u2004' or '\u2005' or '\u2006' or '\u2007' or '\u2008' or '\u2009' or '\u200A' or '\u202F' or '\u205F' or '\u3000' => ' ',
                _ => c,
            });
        }

        return builder.ToString();
    }
}
