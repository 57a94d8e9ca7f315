// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Microsoft.Win32.SafeHandles;

namespace Attractor.Pipelines;

/// <summary>Replaces a file so that readers (and a crash) see either the old or the new content, never a torn write.</summary>
internal static class AtomicFile
{
    /// <summary>Writes to a temp file in the same directory, flushes it to disk, then renames it over the target.</summary>
    public static async Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException("The path has no directory.", nameof(path));
        Directory.CreateDirectory(directory);

        // Same directory: a rename within one file system is atomic; across file systems it is a copy.
        var temp = Path.Combine(directory, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);

                // fsync before the rename, or a crash could leave the new name pointing at unwritten blocks.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// The synchronous form for the per-node checkpoint: the same protocol (temp file in the same
    /// directory, fsync of its data, rename over the target) without a thread-pool hop per write.
    /// </summary>
    /// <param name="fullPath">The target's full path.</param>
    /// <param name="directory">Its directory, which normally exists; it is created (and the write retried) when it does not.</param>
    /// <param name="content">The new content.</param>
    /// <remarks>
    /// The directory itself is not fsynced after the rename. Readers and a crashed process always
    /// see the old or the new file, never a torn one; only after a power loss can the name still
    /// point at the previous (complete) checkpoint, which a resume handles by running the last node
    /// again. An fsync of the directory would be a second journal commit per node for that case.
    /// </remarks>
    public static void WriteAllBytes(string fullPath, string directory, ReadOnlySpan<byte> content)
    {
        var temp = Path.Combine(directory, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            SafeFileHandle handle;
            try
            {
                handle = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            }
            catch (DirectoryNotFoundException)
            {
                // Checked lazily: a stat per write is wasted when the directory is (almost always) there.
                Directory.CreateDirectory(directory);
                handle = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            }

            using (handle)
            {
                RandomAccess.Write(handle, content, fileOffset: 0);

                // fsync before the rename, or a crash could leave the new name pointing at unwritten blocks.
                RandomAccess.FlushToDisk(handle);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp file is harmless, the target is intact.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
