// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;

namespace Attractor.Generators;

/// <summary>
/// Gives every pipeline file a distinct hint name derived from its relative path
/// (<c>pipelines/code_review.dot</c> → <c>pipelines_code_review.dot.g.cs</c>). Two paths can map to the
/// same name (<c>a/b.dot</c> and <c>a_b.dot</c>); Roslyn rejects a duplicate hint name with an
/// exception, so later ones in ordinal path order get <c>_2</c>, <c>_3</c>.
/// </summary>
internal static class HintNames
{
    private const string Suffix = ".g.cs";

    /// <param name="files">Each file's path as Roslyn names it (the key) and its path relative to the project.</param>
    public static EquatableArray<HintName> Assign(ImmutableArray<(string Path, string RelativePath)> files)
    {
        var sorted = new List<(string Path, string RelativePath)>(files);
        sorted.Sort(static (x, y) =>
        {
            var byRelative = string.CompareOrdinal(x.RelativePath, y.RelativePath);
            return byRelative != 0 ? byRelative : string.CompareOrdinal(x.Path, y.Path);
        });

        // Roslyn compares hint names ignoring case, as do the file systems they end up on.
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<HintName>(sorted.Count);
        foreach (var file in sorted)
        {
            var stem = Sanitize(file.RelativePath);
            var name = stem;
            for (var n = 2; !used.Add(name); n++)
            {
                name = stem + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            result.Add(new HintName(file.Path, name + Suffix));
        }

        return result.ToEquatableArray();
    }

    public static string? Find(EquatableArray<HintName> names, string path)
    {
        foreach (var name in names)
        {
            if (string.Equals(name.Path, path, StringComparison.Ordinal))
            {
                return name.Value;
            }
        }

        return null;
    }

    // Hint names become file names in obj/generated and in IDEs: keep to characters every file system accepts.
    private static string Sanitize(string relativePath)
    {
        var builder = new StringBuilder(relativePath.Length);
        foreach (var c in relativePath)
        {
            builder.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '-' ? c : '_');
        }

        return builder.ToString();
    }
}
