// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Progress;

/// <summary>What a stage row of the live view shows.</summary>
internal enum StageState
{
    /// <summary>The handler is executing.</summary>
    Running,

    /// <summary>The stage completed (success or partial success).</summary>
    Succeeded,

    /// <summary>The stage failed and will not be retried.</summary>
    Failed,

    /// <summary>An attempt failed; the stage is being retried.</summary>
    Retrying,

    /// <summary>A human gate is waiting for an answer.</summary>
    WaitingForHuman,
}
