// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Server.Security;

/// <summary>Confines paths from requests to a root directory: no <c>..</c> escapes, no absolute paths elsewhere, no symbolic links leading out.</summary>
internal static class WorkspacePaths
{
    /// <summary>Resolves <paramref name="requested"/> against <paramref name="root"/>; null (with the reason) when it leaves the root.</summary>
    public static string? Resolve(string root, string requested, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(requested) || requested.Contains('\0', StringComparison.Ordinal))
        {
            problem = "the path is empty or not a valid path";
            return null;
        }

        string full;
        try
        {
            full = Path.GetFullPath(requested, root);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            problem = $"'{requested}' is not a valid path: {exception.Message}";
            return null;
        }

        if (!IsInside(root, full))
        {
            problem = $"'{requested}' is outside the workspace root; only files under it can be used";
            return null;
        }

        // A link inside the root may still point out of it: judge every existing link on the way by its final target.
        var current = root;
        foreach (var part in Path.GetRelativePath(root, full).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = System.IO.Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (!info.Exists || info.LinkTarget is null)
            {
                continue;
            }

            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !IsInside(root, target.FullName))
            {
                problem = $"'{requested}' leads outside the workspace root through a symbolic link";
                return null;
            }
        }

        return full;
    }

    /// <summary>Gets whether <paramref name="full"/> is <paramref name="root"/> or below it.</summary>
    public static bool IsInside(string root, string full)
    {
        var trimmedRoot = Path.TrimEndingDirectorySeparator(root);
        return string.Equals(full, trimmedRoot, StringComparison.Ordinal)
            || full.StartsWith(trimmedRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
