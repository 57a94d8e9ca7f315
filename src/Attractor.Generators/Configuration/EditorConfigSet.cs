// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;
using System.Collections.Immutable;

namespace Attractor.Generators.Configuration;

/// <summary>
/// Every <c>.editorconfig</c> of the project that says something about ATR severities, ordered from the
/// outermost directory to the innermost. The compiler applies <c>.editorconfig</c> sections only to
/// diagnostics inside C# files (dotnet/roslyn#31916) and hides <c>dotnet_diagnostic.*</c> keys from
/// generators, so the generator reads the files itself (the targets pass them as additional files) and
/// reports each diagnostic with the severity they give it.
/// </summary>
/// <param name="Files">The files, outermost first.</param>
internal sealed record EditorConfigSet(EquatableArray<EditorConfigFile> Files)
{
    public static EditorConfigSet Empty { get; } = new(EquatableArray<EditorConfigFile>.Empty);

    /// <summary>Orders the files as the compiler does: by directory length, so a deeper file is read later and wins.</summary>
    public static EditorConfigSet Create(ImmutableArray<EditorConfigFile?> files)
    {
        var present = new List<EditorConfigFile>(files.Length);
        foreach (var file in files)
        {
            if (file is not null)
            {
                present.Add(file);
            }
        }

        present.Sort(static (x, y) =>
        {
            var byLength = x.Directory.Length.CompareTo(y.Directory.Length);
            return byLength != 0 ? byLength : string.CompareOrdinal(x.Directory, y.Directory);
        });
        return present.Count == 0 ? Empty : new EditorConfigSet(present.ToEquatableArray());
    }

    /// <summary>
    /// The entries that apply to a file: of every <c>.editorconfig</c> in its folder or above (up to and
    /// including the nearest <c>root = true</c>), each section whose glob matches the file's path
    /// relative to that <c>.editorconfig</c>, in order, a later entry overwriting an earlier one.
    /// </summary>
    public FileSeverities For(string path)
    {
        var severities = new FileSeverities();
        var normalized = path.Replace('\\', '/');
        foreach (var file in Files)
        {
            if (!file.Contains(normalized))
            {
                continue;
            }

            if (file.IsRoot)
            {
                severities.Clear();
            }

            var relative = normalized.Substring(file.Directory.Length);
            foreach (var section in file.Sections)
            {
                if (SectionGlobs.Get(section.Name)?.IsMatch(relative) == true)
                {
                    foreach (var setting in section.Settings)
                    {
                        severities.Set(setting);
                    }
                }
            }
        }

        return severities;
    }
}
