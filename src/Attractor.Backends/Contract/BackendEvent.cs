// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace Attractor.Backends;

/// <summary>
/// Base of the normalised lifecycle events every backend emits for one attempt (issue 7): <c>started</c>, then
/// any <c>delta</c>, <c>thinking</c>, <c>tool_call</c>, <c>tool_result</c> (and passed-through <c>notice</c>s),
/// then exactly one terminal event: <c>completed</c>, <c>failed</c> or <c>canceled</c>.
/// Events are immutable and carry no secrets.
/// </summary>
/// <param name="Source">Backend, provider, model, attempt and execution reference.</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(BackendStarted), "started")]
[JsonDerivedType(typeof(BackendDelta), "delta")]
[JsonDerivedType(typeof(BackendThinking), "thinking")]
[JsonDerivedType(typeof(BackendToolCall), "tool_call")]
[JsonDerivedType(typeof(BackendToolResult), "tool_result")]
[JsonDerivedType(typeof(BackendCompleted), "completed")]
[JsonDerivedType(typeof(BackendFailed), "failed")]
[JsonDerivedType(typeof(BackendCanceled), "canceled")]
[JsonDerivedType(typeof(BackendNotice), "notice")]
public abstract record BackendEvent(BackendEventSource Source)
{
    /// <summary>Gets when the event happened.</summary>
    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Gets the event's wire name (<c>started</c>, <c>delta</c>, ...).</summary>
    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>Gets whether the event ends the attempt (<c>completed</c>, <c>failed</c>, <c>canceled</c>).</summary>
    [JsonIgnore]
    public virtual bool IsTerminal => false;
}
