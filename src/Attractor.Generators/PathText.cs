// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;

namespace Attractor.Generators;

/// <summary>
/// Path arithmetic on strings only: the generator must not touch the file system, and paths from
/// Windows and Unix builds must give the same namespaces and hint names.
/// </summary>
internal static class PathText
{
    /// <summary>Uses forward slashes and ends with one; empty stays empty.</summary>
    public static string NormalizeDirectory(string? directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            return string.Empty;
        }

        var normalized = directory!.Trim().Replace('\\', '/');
        return normalized.EndsWith("/", StringComparison.Ordinal) ? normalized : normalized + "/";
    }

    /// <summary>
    /// The path relative to the project directory with forward slashes, or the bare file name when
    /// the file lies outside the project (a linked file), so the result never starts with "..".
    /// </summary>
    public static string MakeRelative(string path, string projectDirectory)
    {
        var normalized = path.Replace('\\', '/');
        if (projectDirectory.Length > 0 && normalized.Length > projectDirectory.Length
            && normalized.StartsWith(projectDirectory, StringComparison.OrdinalIgnoreCase))
        {
            return normalized.Substring(projectDirectory.Length);
        }

        var slash = normalized.LastIndexOf('/');
        return slash >= 0 ? normalized.Substring(slash + 1) : normalized;
    }

    /// <summary>The folder part of a relative path ("" at the project root).</summary>
    public static string DirectoryOf(string relativePath)
    {
        var slash = relativePath.LastIndexOf('/');
        return slash >= 0 ? relativePath.Substring(0, slash) : string.Empty;
    }

    /// <summary>The file name without its last extension.</summary>
    public static string FileStem(string relativePath)
    {
        var name = relativePath.Substring(relativePath.LastIndexOf('/') + 1);
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name.Substring(0, dot) : name;
    }
}
