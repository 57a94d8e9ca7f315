// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Patching;

/// <summary>
/// The file access the applier needs, with paths as written in the patch (relative, forward
/// slashes). Small on purpose so an execution environment can provide it.
/// </summary>
internal interface IPatchFileSystem
{
    /// <summary>Reads a whole text file; returns null when it does not exist.</summary>
    Task<string?> ReadTextAsync(string path, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a text file, creating missing parent directories.</summary>
    Task WriteTextAsync(string path, string content, CancellationToken cancellationToken);

    /// <summary>Deletes a file that exists.</summary>
    Task DeleteAsync(string path, CancellationToken cancellationToken);
}
