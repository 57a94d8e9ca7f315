// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Build.Tasks;

/// <summary>What a line printed by the attractor CLI is, as far as MSBuild is concerned.</summary>
public enum CliLineKind
{
    /// <summary>Progress or a summary: becomes a message.</summary>
    Progress,

    /// <summary>A diagnostic in MSBuild's canonical format, <c>file(line,col): error ATR2001: text</c>.</summary>
    Diagnostic,

    /// <summary>A problem on standard error (<c>attractor: ...</c>): becomes an error at the pipeline file.</summary>
    Problem,

    /// <summary>A note on standard error (<c>attractor: note: ...</c>): informative only.</summary>
    Note,

    /// <summary>The run's <c>failure: reason</c> line, printed before the summary of a failed run.</summary>
    Failure,
}
