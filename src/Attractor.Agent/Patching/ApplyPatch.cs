// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Patching;

/// <summary>
/// Applies patches in the v4a format of the <c>apply_patch</c> tool (see docs/agent/apply-patch.md).
/// </summary>
public static class ApplyPatch
{
    /// <summary>
    /// Parses <paramref name="patch"/> and applies it to the files under
    /// <paramref name="rootDirectory"/>. Either every operation succeeds or no file is changed.
    /// </summary>
    /// <param name="patch">The patch text, from <c>*** Begin Patch</c> to <c>*** End Patch</c>.</param>
    /// <param name="rootDirectory">The directory the patch's relative paths start from.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The changed files and the summary the tool returns.</returns>
    /// <exception cref="PatchParseException">The patch is malformed.</exception>
    /// <exception cref="PatchApplyException">The patch does not fit the files.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="rootDirectory"/> does not exist.</exception>
    public static async Task<ApplyPatchResult> ApplyAsync(string patch, string rootDirectory, CancellationToken cancellationToken = default)
    {
        // Async so that every error, parse errors included, is observed through the returned task.
        var document = PatchParser.Parse(patch);
        var fileSystem = new DirectoryPatchFileSystem(rootDirectory);
        return await PatchApplier.ApplyAsync(document, fileSystem, cancellationToken).ConfigureAwait(false);
    }
}
