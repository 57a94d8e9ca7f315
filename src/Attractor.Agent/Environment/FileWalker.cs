// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>Walks a directory tree for the managed searches, skipping <c>.git</c>, unreadable directories and directory links (which could loop).</summary>
internal static class FileWalker
{
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
        // Depth first, one enumerator per open directory, so a directory's entries are visited in its own order.
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Stack<IEnumerator<FileSystemInfo>>();
        try
        {
            pending.Push(Entries(new DirectoryInfo(root), inPathOrder));
            while (pending.Count > 0)
            {
                var current = pending.Peek();
                if (!current.MoveNext())
                {
                    pending.Pop().Dispose();
                    continue;
                }

                switch (current.Current)
                {
                    case DirectoryInfo subdirectory when subdirectory.Name != ".git" && !subdirectory.Attributes.HasFlag(FileAttributes.ReparsePoint):
                        cancellationToken.ThrowIfCancellationRequested();
                        pending.Push(Entries(subdirectory, inPathOrder));
                        break;
                    case FileInfo file:
                        yield return file;
                        break;
                    default:
                        break;
                }
            }
        }
        finally
        {
            while (pending.Count > 0)
            {
                pending.Pop().Dispose();
            }
        }
    }

    private static IEnumerator<FileSystemInfo> Entries(DirectoryInfo directory, bool inPathOrder)
    {
        FileSystemInfo[] entries;
        try
        {
            entries = [.. directory.EnumerateFileSystemInfos()];
        }
        catch (UnauthorizedAccessException)
        {
            return Enumerable.Empty<FileSystemInfo>().GetEnumerator();
        }
        catch (DirectoryNotFoundException)
        {
            return Enumerable.Empty<FileSystemInfo>().GetEnumerator();
        }

        if (inPathOrder)
        {
            // A directory sorts as its name plus the separator, which is what its files' paths continue with: so
            // "a.txt" comes before the files of "a/" ('.' < '/') and "a-b" after them, as in a sort of the full paths.
            var keys = Array.ConvertAll(entries, entry => entry is DirectoryInfo ? entry.Name + Path.DirectorySeparatorChar : entry.Name);
            Array.Sort(keys, entries, StringComparer.Ordinal);
        }

        return ((IEnumerable<FileSystemInfo>)entries).GetEnumerator();
    }
}
