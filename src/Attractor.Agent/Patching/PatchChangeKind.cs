// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Patching;

/// <summary>What a patch did to a file; the letter in the summary is given for each value.</summary>
public enum PatchChangeKind
{
    /// <summary>The file was created (<c>A</c>).</summary>
    Added,

    /// <summary>The file was edited in place (<c>M</c>).</summary>
    Modified,

    /// <summary>The file was removed (<c>D</c>).</summary>
    Deleted,

    /// <summary>The file was moved, with or without edits (<c>R</c>).</summary>
    Renamed,
}
