// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Attractor.Generators;

/// <summary>Turns node IDs, handler types, graph IDs and folder names into valid C# identifiers.</summary>
internal static class Identifiers
{
    /// <summary>
    /// PascalCase: splits at every character that cannot appear in an identifier and at underscores,
    /// upper-cases the first letter of each part and keeps the rest as written (<c>code_review</c> →
    /// <c>CodeReview</c>, <c>wait.human</c> → <c>WaitHuman</c>). A leading digit gets an underscore;
    /// nothing usable gives <paramref name="fallback"/>. The result is never a keyword, since keywords
    /// are lower case.
    /// </summary>
    public static string ToPascalCase(string text, string fallback)
    {
        var builder = new StringBuilder(text.Length);
        var upperNext = true;
        foreach (var c in text)
        {
            if (c == '_' || !SyntaxFacts.IsIdentifierPartCharacter(c))
            {
                upperNext = true;
                continue;
            }

            // Formatting characters (Cf) are legal in identifiers but invisible; dropping them keeps names readable.
            if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                continue;
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        if (builder.Length == 0)
        {
            return fallback;
        }

        if (!SyntaxFacts.IsIdentifierStartCharacter(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>
    /// Keeps a name as written when it is a valid identifier; otherwise replaces the characters that
    /// cannot appear in one with underscores, prefixes a leading digit with one, and escapes keywords
    /// with <c>@</c>. Used for names the user chose (root namespace, metadata), whose casing is theirs.
    /// </summary>
    public static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
        }

        if (builder.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(builder[0]))
        {
            builder.Insert(0, '_');
        }

        var name = builder.ToString();
        return SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None && IsReservedContextual(name)
            ? "@" + name
            : name;
    }

    /// <summary>
    /// A namespace: the user's dotted prefix kept as written (sanitized), followed by the folder names
    /// of the file's relative path in PascalCase (<c>MyApp</c> + <c>pipelines/ci</c> → <c>MyApp.Pipelines.Ci</c>).
    /// </summary>
    public static string ToNamespace(string prefix, string folder)
    {
        var parts = new List<string>();
        foreach (var segment in prefix.Split('.'))
        {
            var trimmed = segment.Trim();
            if (trimmed.Length > 0)
            {
                parts.Add(Sanitize(trimmed));
            }
        }

        foreach (var segment in folder.Split('/'))
        {
            var name = ToPascalCase(segment, string.Empty);
            if (name.Length > 0)
            {
                parts.Add(name);
            }
        }

        return string.Join(".", parts);
    }

    /// <summary>Makes a name unique among <paramref name="used"/> by appending 2, 3, ... and records it.</summary>
    public static string MakeUnique(string name, HashSet<string> used)
    {
        if (used.Add(name))
        {
            return name;
        }

        for (var suffix = 2; ; suffix++)
        {
            var candidate = name + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (used.Add(candidate))
            {
                return candidate;
            }
        }
    }

    // "global" as a namespace segment would read as the global:: alias; the other contextual keywords are fine as names.
    private static bool IsReservedContextual(string name) => name == "global";
}
