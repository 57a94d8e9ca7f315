// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Attractor.Generators.Configuration;

/// <summary>
/// Reads <c>.editorconfig</c> text with the compiler's line grammar, keeping only what decides the
/// severity of ATR diagnostics. Like the compiler it never fails: a line it cannot read is skipped.
/// </summary>
internal static class EditorConfigParser
{
    // A bound on matching one line of a user's file; exceeding it (a huge pathological line) throws,
    // and the reader then ignores the whole file rather than stalling the build.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    // The line forms the compiler accepts: "[glob]" and "key = value" / "key: value", each with an
    // optional trailing comment (a value ends at its first '#' or ';').
    private static readonly Regex SectionLine = new(@"^\s*\[((?:[^#;]|\\#|\\;)+)\]\s*([#;].*)?$", RegexOptions.CultureInvariant, MatchTimeout);
    private static readonly Regex PropertyLine = new(@"^\s*([\w.\-]+)\s*[=:]\s*(.*?)\s*([#;].*)?$", RegexOptions.CultureInvariant, MatchTimeout);

    /// <summary>
    /// Returns the file's relevant content, or null when it contributes nothing: a global config
    /// (<c>is_global</c>, applied by the compiler itself) or a non-root file without ATR severity entries.
    /// </summary>
    /// <param name="path">The file's path; its directory is where the sections apply.</param>
    /// <param name="text">The file's content.</param>
    public static EditorConfigFile? Parse(string path, string text)
    {
        var isRoot = false;
        string? sectionName = null;
        var settings = new List<KeyValuePair<string, string>>();
        var sections = new List<EditorConfigSection>();

        foreach (var line in Lines(text))
        {
            if (IsBlankOrComment(line))
            {
                continue;
            }

            var section = SectionLine.Match(line);
            if (section.Success)
            {
                Close(sectionName, settings, sections);
                sectionName = section.Groups[1].Value;
                settings.Clear();
                continue;
            }

            var property = PropertyLine.Match(line);
            if (!property.Success)
            {
                continue;
            }

            var key = property.Groups[1].Value.ToLowerInvariant();
            var value = property.Groups[2].Value;
            if (sectionName is not null)
            {
                Set(settings, key, value);
            }
            else if (key == "is_global")
            {
                return null;
            }
            else if (key == "root")
            {
                isRoot = string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
            }
        }

        Close(sectionName, settings, sections);
        return isRoot || sections.Count > 0
            ? new EditorConfigFile(DirectoryOf(path), isRoot, sections.ToEquatableArray())
            : null;
    }

    // A key given twice in one section keeps its last value, even when that value is invalid (as in the compiler).
    private static void Set(List<KeyValuePair<string, string>> settings, string key, string value)
    {
        for (var i = 0; i < settings.Count; i++)
        {
            if (settings[i].Key == key)
            {
                settings[i] = new KeyValuePair<string, string>(key, value);
                return;
            }
        }

        settings.Add(new KeyValuePair<string, string>(key, value));
    }

    private static void Close(string? name, List<KeyValuePair<string, string>> settings, List<EditorConfigSection> sections)
    {
        if (name is null)
        {
            return;
        }

        var kept = new List<SeveritySetting>();
        foreach (var pair in settings)
        {
            if (SeveritySetting.TryCreate(pair.Key, pair.Value) is { } setting)
            {
                kept.Add(setting);
            }
        }

        if (kept.Count > 0)
        {
            sections.Add(new EditorConfigSection(name, kept.ToEquatableArray()));
        }
    }

    private static bool IsBlankOrComment(string line)
    {
        foreach (var c in line)
        {
            if (!char.IsWhiteSpace(c))
            {
                return c is '#' or ';';
            }
        }

        return true;
    }

    private static IEnumerable<string> Lines(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\r' or '\n')
            {
                yield return text.Substring(start, i - start);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text.Substring(start);
        }
    }

    private static string DirectoryOf(string path)
    {
        var normalized = path.Replace('\\', '/');
        var slash = normalized.LastIndexOf('/');
        return slash > 0 ? normalized.Substring(0, slash) : string.Empty;
    }
}
