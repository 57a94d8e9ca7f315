// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>The attempt started (a request was sent, a session opened or a process launched).</summary>
/// <param name="Source">Who emitted it.</param>
public sealed record BackendStarted(BackendEventSource Source) : BackendEvent(Source)
{
    /// <inheritdoc />
    public override string Kind => "started";
}
