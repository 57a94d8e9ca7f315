// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Backends;

namespace Attractor.Cli.Running;

/// <summary>
/// Hands the agent backend's session events to the progress display, which is created after the backend (a missing
/// key must stop the command before anything is shown). Events arriving before the display exists are dropped.
/// </summary>
internal sealed class AgentEventForwarder
{
    private volatile Action<AgentStageEvent>? _target;

    /// <summary>Gets or sets where events go.</summary>
    public Action<AgentStageEvent>? Target
    {
        get => _target;
        set => _target = value;
    }

    /// <summary>Forwards one event; called on the backend's threads.</summary>
    public void Forward(AgentStageEvent agentEvent) => _target?.Invoke(agentEvent);
}
