// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>Which part of an over-long tool output is kept (spec §5.1).</summary>
public enum TruncationMode
{
    /// <summary>The beginning and the end; the middle is removed.</summary>
    HeadTail,

    /// <summary>Only the end; the beginning is removed.</summary>
    Tail,
}
