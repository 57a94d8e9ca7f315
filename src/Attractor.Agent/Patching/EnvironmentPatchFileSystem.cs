// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;

namespace Attractor.Agent.Patching;

/// <summary>
/// <see cref="IPatchFileSystem"/> over a session's <see cref="IExecutionEnvironment"/>. Patch paths
/// must be relative and stay under the working directory, as with <see cref="DirectoryPatchFileSystem"/>.
/// </summary>
/// <remarks>
/// The environment interface (spec §4.1) has no delete: a local environment deletes directly, any
/// other through its shell (<c>rm -f</c>, or <c>del</c> on Windows).
/// </remarks>
internal sealed class EnvironmentPatchFileSystem(IExecutionEnvironment environment) : IPatchFileSystem
{
    private static readonly TimeSpan DeleteTimeout = TimeSpan.FromSeconds(30);

    public async Task<string?> ReadTextAsync(string path, CancellationToken cancellationToken)
    {
        CheckPath(path);
        if (!await environment.FileExistsAsync(path, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        try
        {
            return await environment.ReadFileAsync(path, null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException exception)
        {
            // FileExists is also true for a directory, which ReadFile refuses.
            throw new PatchApplyException(path, $"Cannot patch '{path}': {exception.Message}", exception);
        }
        catch (InvalidDataException exception)
        {
            throw new PatchApplyException(path, $"Cannot patch '{path}': {exception.Message}", exception);
        }
    }

    public Task WriteTextAsync(string path, string content, CancellationToken cancellationToken)
    {
        CheckPath(path);
        return environment.WriteFileAsync(path, content, cancellationToken);
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        CheckPath(path);
        if (environment is LocalExecutionEnvironment)
        {
            File.Delete(Path.GetFullPath(path, environment.WorkingDirectory));
            return;
        }

        var command = environment.Platform == "windows"
            ? $"del /f /q \"{path.Replace('/', '\\')}\""
            : $"rm -f -- '{path.Replace("'", "'\\''", StringComparison.Ordinal)}'";
        var result = await environment.ExecCommandAsync(command, DeleteTimeout, null, null, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 || result.TimedOut)
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"Deleting '{path}' failed (exit code {result.ExitCode}): {result.Stderr.Trim()}"));
        }
    }

    /// <summary>Rejects absolute paths and paths whose <c>..</c> segments climb above the root, without touching the file system.</summary>
    internal static void CheckPath(string path)
    {
        if (Path.IsPathRooted(path) || path.StartsWith('/') || path.StartsWith('\\'))
        {
            throw new PatchApplyException(path, $"The path '{path}' is absolute; patch paths must be relative to the working directory.");
        }

        var depth = 0;
        foreach (var segment in path.Split('/', '\\'))
        {
            depth += segment switch
            {
                ".." => -1,
                "" or "." => 0,
                _ => 1,
            };
            if (depth < 0)
            {
                throw new PatchApplyException(path, $"The path '{path}' leaves the working directory.");
            }
        }

        if (depth == 0)
        {
            throw new PatchApplyException(path, $"The path '{path}' leaves the working directory.");
        }
    }
}
