// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Patching;

/// <summary>One file a patch changed.</summary>
/// <param name="Kind">What happened to it.</param>
/// <param name="Path">Its path as written in the patch (for a move, the destination).</param>
/// <param name="OriginalPath">For a move, the path it had before; otherwise null.</param>
/// <param name="MatchLevel">The loosest comparison any of its hunks needed (<see cref="PatchMatchLevel.Exact"/> for adds and deletes).</param>
public sealed record PatchedFile(PatchChangeKind Kind, string Path, string? OriginalPath, PatchMatchLevel MatchLevel);
