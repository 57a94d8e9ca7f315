// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>Where a subagent is in its work (spec §7.3).</summary>
internal enum SubagentStatus
{
    /// <summary>Processing its task or a message sent to it.</summary>
    Running,

    /// <summary>Finished its last input with a final answer.</summary>
    Completed,

    /// <summary>Stopped without a final answer: an error, a turn limit, or closed while running.</summary>
    Failed,
}
