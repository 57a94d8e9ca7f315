// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.IO.Enumeration;

namespace Attractor.Agent;

/// <summary>Walks a directory tree for the managed searches, skipping <c>.git</c>, unreadable directories and directory links (which could loop).</summary>
/// <remarks>
/// Entries are read with <see cref="FileSystemEnumerable{TResult}"/> and files returned as <see cref="FileInfo"/>s that
/// have not looked at the file yet: <see cref="DirectoryInfo.EnumerateFileSystemInfos()"/> fills in every file's
/// status as it lists it, which made the bare walk of a 50,000-file tree 3–5 times slower; a caller that needs a
/// file's time or size pays for that file only.
/// </remarks>
internal static class FileWalker
{
    // Hidden files included (the default options skip them), inaccessible directories reported (and then skipped).
    private static readonly EnumerationOptions ListEverything = new() { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };

    /// <summary>Enumerates the files under <paramref name="root"/>, lazily: a caller that stops early reads no more directories.</summary>
    /// <param name="root">The directory.</param>
    /// <param name="cancellationToken">Checked before each directory.</param>
    /// <param name="inPathOrder">
    /// Whether files come in ordinal order of their full paths (as a sort of all paths would give, without reading
    /// the whole tree first); otherwise in the order the file system lists them.
    /// </param>
    /// <returns>The files.</returns>
    public static IEnumerable<FileInfo> Files(string root, CancellationToken cancellationToken, bool inPathOrder = false)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Depth first, one position per open directory, so a directory's entries are visited in its own order.
        var pending = new Stack<(Entry[] Entries, int Next)>();
        pending.Push((Read(root, inPathOrder), 0));
        while (pending.Count > 0)
        {
            var (entries, next) = pending.Pop();
            if (next == entries.Length)
            {
                continue;
            }

            pending.Push((entries, next + 1));
            var entry = entries[next];
            if (!entry.IsDirectory)
            {
                yield return new FileInfo(entry.FullPath);
            }
            else if (!entry.IsLink && entry.Name != ".git")
            {
                cancellationToken.ThrowIfCancellationRequested();
                pending.Push((Read(entry.FullPath, inPathOrder), 0));
            }
        }
    }

    private static Entry[] Read(string directory, bool inPathOrder)
    {
        Entry[] entries;
        try
        {
            entries = [.. new FileSystemEnumerable<Entry>(directory, ToEntry, ListEverything)];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }

        if (inPathOrder)
        {
            // A directory sorts as its name plus the separator, which is what its files' paths continue with: so
            // "a.txt" comes before the files of "a/" ('.' < '/') and "a-b" after them, as in a sort of the full paths.
            var keys = Array.ConvertAll(entries, entry => entry.IsDirectory ? entry.Name + Path.DirectorySeparatorChar : entry.Name);
            Array.Sort(keys, entries, StringComparer.Ordinal);
        }

        return entries;
    }

    // Only directories are asked for their attributes (a link to a directory is not followed); a file's type comes
    // from the directory listing itself.
    private static Entry ToEntry(ref FileSystemEntry entry) =>
        new(entry.FileName.ToString(), entry.ToFullPath(), entry.IsDirectory, entry.IsDirectory && entry.Attributes.HasFlag(FileAttributes.ReparsePoint));

    private readonly record struct Entry(string Name, string FullPath, bool IsDirectory, bool IsLink);
}
