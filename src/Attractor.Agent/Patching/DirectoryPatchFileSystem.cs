// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;

namespace Attractor.Agent.Patching;

/// <summary>
/// <see cref="IPatchFileSystem"/> over a real directory. Paths must stay inside the root; text is
/// UTF-8 and a byte order mark survives as a leading U+FEFF character, so it is written back.
/// </summary>
internal sealed class DirectoryPatchFileSystem : IPatchFileSystem
{
    // No BOM emitted and none stripped: the text carries it, so a file round-trips byte for byte.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly string _root;

    public DirectoryPatchFileSystem(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootDirectory));
        if (!Directory.Exists(_root))
        {
            throw new DirectoryNotFoundException($"The patch root directory '{_root}' does not exist.");
        }
    }

    public async Task<string?> ReadTextAsync(string path, CancellationToken cancellationToken)
    {
        var full = Resolve(path);
        if (!File.Exists(full))
        {
            return null;
        }

        var bytes = await File.ReadAllBytesAsync(full, cancellationToken).ConfigureAwait(false);
        return Utf8.GetString(bytes);
    }

    public async Task WriteTextAsync(string path, string content, CancellationToken cancellationToken)
    {
        var full = Resolve(path);
        var directory = Path.GetDirectoryName(full);
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllBytesAsync(full, Utf8.GetBytes(content), cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        File.Delete(Resolve(path));
        return Task.CompletedTask;
    }

    private string Resolve(string path)
    {
        if (Path.IsPathRooted(path))
        {
            throw new PatchApplyException(path, $"The path '{path}' is absolute; patch paths must be relative to the working directory.");
        }

        var full = Path.GetFullPath(Path.Combine(_root, path));
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, comparison))
        {
            throw new PatchApplyException(path, $"The path '{path}' leaves the working directory.");
        }

        return full;
    }
}
