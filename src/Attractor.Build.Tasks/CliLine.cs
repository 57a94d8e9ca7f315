// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Build.Tasks;

/// <summary>One parsed line of the attractor CLI's output.</summary>
/// <param name="Kind">What the line is.</param>
/// <param name="Text">The message: the whole line for progress, the text after the prefix otherwise.</param>
public sealed record CliLine(CliLineKind Kind, string Text)
{
    /// <summary>Gets the file a diagnostic is located in, as the CLI printed it.</summary>
    public string? File { get; init; }

    /// <summary>Gets the 1-based line of a diagnostic; 0 when unknown.</summary>
    public int Line { get; init; }

    /// <summary>Gets the 1-based column of a diagnostic; 0 when unknown.</summary>
    public int Column { get; init; }

    /// <summary>Gets a diagnostic's severity word: <c>error</c>, <c>warning</c> or <c>info</c>.</summary>
    public string? Severity { get; init; }

    /// <summary>Gets a diagnostic's ID, e.g. <c>ATR2001</c>.</summary>
    public string? Code { get; init; }
}
