// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;

namespace Attractor.Agent.Patching;

/// <summary>
/// The tool's output: codex-rs's "Success. Updated the following files:" list with one letter per
/// file (A, M, D, R), followed by a note for each file whose hunks needed fuzzy matching.
/// </summary>
internal static class PatchSummary
{
    public static string Format(IReadOnlyList<PatchedFile> files)
    {
        var builder = new StringBuilder("Success. Updated the following files:\n");
        foreach (var file in files)
        {
            builder.Append(file.Kind switch
            {
                PatchChangeKind.Added => "A ",
                PatchChangeKind.Modified => "M ",
                PatchChangeKind.Deleted => "D ",
                _ => "R ",
            });
            if (file.OriginalPath is not null)
            {
                builder.Append(file.OriginalPath).Append(" -> ");
            }

            builder.Append(file.Path).Append('\n');
        }

        foreach (var file in files.Where(f => f.MatchLevel != PatchMatchLevel.Exact))
        {
            builder.Append("Note: the context in ").Append(file.Path).Append(" matched only ").Append(Describe(file.MatchLevel)).Append('\n');
        }

        return builder.ToString();
    }

    internal static string Describe(PatchMatchLevel level) => level switch
    {
        PatchMatchLevel.IgnoreTrailingWhitespace => "when ignoring trailing whitespace",
        PatchMatchLevel.IgnoreWhitespace => "when ignoring leading and trailing whitespace",
        PatchMatchLevel.NormalizePunctuation => "when ignoring whitespace and Unicode punctuation variants",
        _ => "exactly",
    };
}
