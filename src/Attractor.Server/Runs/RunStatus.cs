// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Server.Runs;

/// <summary>Where a served run stands. Only <see cref="Running"/> and <see cref="Waiting"/> runs are live in this process.</summary>
internal enum RunStatus
{
    /// <summary>The engine is executing it.</summary>
    Running,

    /// <summary>Running, and a human gate waits for an answer.</summary>
    Waiting,

    /// <summary>Ended at the exit node.</summary>
    Succeeded,

    /// <summary>Ended with a failure.</summary>
    Failed,

    /// <summary>Cancelled (by a request or a server stop); its checkpoint lets it be resumed.</summary>
    Cancelled,

    /// <summary>Started but never ended in its event log (the process running it died); resumable.</summary>
    Interrupted,
}
