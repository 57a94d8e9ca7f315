// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Running;

/// <summary>Where answers to human gates come from.</summary>
internal enum GateAnswerMode
{
    /// <summary>Neither option given: ask at the terminal, or abort when there is none.</summary>
    Interactive,

    /// <summary><c>--auto-approve</c>: the first choice of every gate.</summary>
    AutoApprove,

    /// <summary><c>--answers A,B,...</c>: one answer per gate, in order.</summary>
    List,
}
