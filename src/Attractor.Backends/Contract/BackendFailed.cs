// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>The attempt failed; <see cref="Error"/> carries the category and whether it may be retried.</summary>
/// <param name="Source">Who emitted it.</param>
/// <param name="Error">The classified error.</param>
/// <param name="Usage">The usage spent before the failure.</param>
public sealed record BackendFailed(BackendEventSource Source, BackendError Error, BackendUsage Usage) : BackendEvent(Source)
{
    /// <inheritdoc />
    public override string Kind => "failed";

    /// <inheritdoc />
    public override bool IsTerminal => true;
}
