// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>The lifecycle state of a <see cref="Session"/> (spec §2.3).</summary>
public enum SessionState
{
    /// <summary>Waiting for user input.</summary>
    Idle,

    /// <summary>Running the agentic loop.</summary>
    Processing,

    /// <summary>The model asked the user a question.</summary>
    AwaitingInput,

    /// <summary>Terminated, normally or by an error or abort.</summary>
    Closed,
}
