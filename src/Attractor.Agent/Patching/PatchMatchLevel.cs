// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Patching;

/// <summary>
/// How loosely a hunk's context had to be compared with the file to be found. Levels are tried in
/// order and the first that finds the lines wins.
/// </summary>
public enum PatchMatchLevel
{
    /// <summary>Lines are equal.</summary>
    Exact,

    /// <summary>Lines are equal once trailing whitespace is removed.</summary>
    IgnoreTrailingWhitespace,

    /// <summary>Lines are equal once leading and trailing whitespace are removed.</summary>
    IgnoreWhitespace,

    /// <summary>As <see cref="IgnoreWhitespace"/>, and typographic punctuation (dashes, quotes, non-breaking spaces) equals its ASCII form.</summary>
    NormalizePunctuation,
}
