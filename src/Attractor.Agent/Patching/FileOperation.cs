// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Patching;

/// <summary>One file operation of a patch.</summary>
/// <param name="Path">The path as written in the patch, relative to the root.</param>
/// <param name="LineNumber">The 1-based line of the operation's header in the patch.</param>
internal abstract record FileOperation(string Path, int LineNumber);

/// <summary><c>*** Add File:</c> creates a file with the given lines.</summary>
internal sealed record AddFileOperation(string Path, int LineNumber, IReadOnlyList<string> Lines)
    : FileOperation(Path, LineNumber);

/// <summary><c>*** Delete File:</c> removes a file.</summary>
internal sealed record DeleteFileOperation(string Path, int LineNumber) : FileOperation(Path, LineNumber);

/// <summary><c>*** Update File:</c> edits a file by hunks and optionally moves it (<c>*** Move to:</c>).</summary>
internal sealed record UpdateFileOperation(string Path, int LineNumber, string? MoveTo, IReadOnlyList<PatchHunk> Hunks)
    : FileOperation(Path, LineNumber);
