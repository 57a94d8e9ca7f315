// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;

namespace Attractor.Generators.Configuration;

/// <summary>One <c>.editorconfig</c> file as the generator needs it: where it applies and its relevant sections.</summary>
/// <param name="Directory">Its directory with forward slashes and no trailing slash (empty for the file-system root); its sections match paths below it.</param>
/// <param name="IsRoot">Whether it says <c>root = true</c>, so files further up no longer apply.</param>
/// <param name="Sections">Its sections with ATR severity entries, in file order (a later one wins).</param>
internal sealed record EditorConfigFile(string Directory, bool IsRoot, EquatableArray<EditorConfigSection> Sections)
{
    /// <summary>The only file name the compiler looks for next to sources.</summary>
    public const string FileName = ".editorconfig";

    /// <summary>Whether an additional file is an <c>.editorconfig</c> (the targets pass them in for the generator).</summary>
    public static bool IsEditorConfig(string path)
    {
        var name = path.Substring(Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\')) + 1);
        return string.Equals(name, FileName, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether <paramref name="normalizedPath"/> (forward slashes) lies below this file's directory.</summary>
    public bool Contains(string normalizedPath) =>
        normalizedPath.Length > Directory.Length
        && normalizedPath[Directory.Length] == '/'
        && normalizedPath.StartsWith(Directory, StringComparison.Ordinal);
}
