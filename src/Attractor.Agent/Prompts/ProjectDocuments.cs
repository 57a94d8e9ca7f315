// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;

namespace Attractor.Agent;

/// <summary>Discovers project instruction files from the repository root down to the working directory (spec §6.5).</summary>
public static class ProjectDocuments
{
    /// <summary>The total byte budget (UTF-8) of the loaded instructions.</summary>
    public const int ByteBudget = 32 * 1024;

    /// <summary>The marker appended when the budget cuts the instructions.</summary>
    public const string TruncationMarker = "[Project instructions truncated at 32KB]";

    /// <summary>Loads the named files from each directory between <paramref name="root"/> and the working directory, root first.</summary>
    /// <param name="environment">The environment that reads the files.</param>
    /// <param name="root">The git root, or <see langword="null"/> outside a repository (then only the working directory is searched).</param>
    /// <param name="fileNames">The file names to load, in order within a directory, relative to it (for example <c>AGENTS.md</c>).</param>
    /// <param name="cancellationToken">Cancels the discovery.</param>
    /// <returns>The concatenated instructions, each file under a heading with its relative path; empty when none exist.</returns>
    public static async Task<string> DiscoverAsync(IExecutionEnvironment environment, string? root, IReadOnlyList<string> fileNames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(fileNames);
        var workingDirectory = Path.GetFullPath(environment.WorkingDirectory);
        var start = root is null ? workingDirectory : Path.GetFullPath(root);
        var builder = new StringBuilder();
        foreach (var directory in DirectoriesBetween(start, workingDirectory))
        {
            foreach (var name in fileNames)
            {
                var path = Path.Combine(directory, name);
                if (!await environment.FileExistsAsync(path, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                var content = await TryReadAsync(environment, path, cancellationToken).ConfigureAwait(false);
                if (content is null)
                {
                    continue;
                }

                if (builder.Length > 0)
                {
                    _ = builder.Append("\n\n");
                }

                _ = builder.Append("# ").Append(Path.GetRelativePath(start, path).Replace('\\', '/')).Append('\n').Append(content.TrimEnd());
            }
        }

        return Truncate(builder.ToString());
    }

    /// <summary>Cuts <paramref name="text"/> to <see cref="ByteBudget"/> UTF-8 bytes, marker included, and appends the marker when cut.</summary>
    /// <param name="text">The instructions.</param>
    /// <returns>The text within budget.</returns>
    internal static string Truncate(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) <= ByteBudget)
        {
            return text;
        }

        var suffix = "\n" + TruncationMarker;
        var room = ByteBudget - Encoding.UTF8.GetByteCount(suffix);
        var length = 0;
        var bytes = 0;
        // Walk whole text elements' code units so a surrogate pair is never split.
        while (length < text.Length)
        {
            var step = char.IsHighSurrogate(text[length]) && length + 1 < text.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(length, step));
            if (bytes + size > room)
            {
                break;
            }

            bytes += size;
            length += step;
        }

        return string.Concat(text.AsSpan(0, length), suffix);
    }

    // A directory with an instruction file's name, a binary file or an unreadable one is not worth failing the session for.
    private static async Task<string?> TryReadAsync(IExecutionEnvironment environment, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await environment.ReadFileAsync(path, null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static List<string> DirectoriesBetween(string root, string workingDirectory)
    {
        var relative = Path.GetRelativePath(root, workingDirectory);
        if (relative == ".")
        {
            return [root];
        }

        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            // The working directory is outside the root (for example through a symlink): search it alone.
            return [workingDirectory];
        }

        var directories = new List<string> { root };
        var current = root;
        foreach (var segment in relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))
        {
            current = Path.Combine(current, segment);
            directories.Add(current);
        }

        return directories;
    }
}
