// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>
/// Something the backend reported that has no lifecycle meaning (an event type this version does not know, a
/// warning), passed through unchanged so nothing is lost. Not a lifecycle event: consumers may ignore it.
/// </summary>
/// <param name="Source">Who emitted it.</param>
/// <param name="EventType">The backend's own event type.</param>
/// <param name="Raw">The raw event (e.g. one JSON line of a CLI's stream).</param>
public sealed record BackendNotice(BackendEventSource Source, string EventType, string Raw) : BackendEvent(Source)
{
    /// <inheritdoc />
    public override string Kind => "notice";
}
