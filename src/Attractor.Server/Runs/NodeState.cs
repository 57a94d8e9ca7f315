// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Server.Runs;

/// <summary>A node's live state in a served run, as the graph and the UI show it.</summary>
internal enum NodeState
{
    /// <summary>Not reached (yet).</summary>
    Pending,

    /// <summary>Its handler is running.</summary>
    Running,

    /// <summary>A human gate waiting for an answer.</summary>
    Waiting,

    /// <summary>Failed an attempt and will be tried again.</summary>
    Retrying,

    /// <summary>Completed successfully (its last visit).</summary>
    Succeeded,

    /// <summary>Failed (its last visit).</summary>
    Failed,
}
