// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>Walks a directory tree for the managed searches, skipping <c>.git</c>, unreadable directories and directory links (which could loop).</summary>
internal static class FileWalker
{
    public static IEnumerable<FileInfo> Files(string root, CancellationToken cancellationToken)
    {
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(root));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var directory = pending.Pop();
            List<FileSystemInfo> entries;
            try
            {
                entries = [.. directory.EnumerateFileSystemInfos()];
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            catch (DirectoryNotFoundException)
            {
                continue;
            }

            foreach (var entry in entries)
            {
                if (entry is DirectoryInfo subdirectory)
                {
                    if (subdirectory.Name != ".git" && !subdirectory.Attributes.HasFlag(FileAttributes.ReparsePoint))
                    {
                        pending.Push(subdirectory);
                    }
                }
                else if (entry is FileInfo file)
                {
                    yield return file;
                }
            }
        }
    }
}
