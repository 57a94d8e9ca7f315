// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Patching;

/// <summary>A line of a hunk without its one-character prefix.</summary>
internal readonly record struct HunkLine(HunkLineKind Kind, string Text);

/// <summary>What a hunk line does: its prefix is a space, <c>-</c> or <c>+</c>.</summary>
internal enum HunkLineKind
{
    /// <summary>An unchanged line that locates the hunk.</summary>
    Context,

    /// <summary>A line the hunk removes.</summary>
    Removed,

    /// <summary>A line the hunk adds.</summary>
    Added,
}
