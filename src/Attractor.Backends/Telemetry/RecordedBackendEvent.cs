// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>A backend event as read back from <c>backend-events.jsonl</c>.</summary>
/// <param name="Event">The event.</param>
/// <param name="DurationMs">The attempt's duration (terminal events).</param>
/// <param name="CancelLatencyMs">The time from the cancel request to the event (canceled events, when seen).</param>
public sealed record RecordedBackendEvent(BackendEvent Event, double? DurationMs, double? CancelLatencyMs);
