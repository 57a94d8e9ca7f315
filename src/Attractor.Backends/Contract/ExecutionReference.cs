// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>What identifies a backend's running work, so it can be resumed, inspected or canceled.</summary>
/// <param name="SessionId">The session or thread ID (a coding CLI's session, an agent session, a response ID), when known.</param>
/// <param name="ProcessId">The process ID of a subprocess backend, when one runs.</param>
public sealed record ExecutionReference(string? SessionId, int? ProcessId)
{
    /// <summary>Gets the reference of work that has not started: no session, no process.</summary>
    public static ExecutionReference None { get; } = new(null, null);

    /// <summary>Gets whether the reference names anything.</summary>
    public bool IsAvailable => SessionId is not null || ProcessId is not null;
}
