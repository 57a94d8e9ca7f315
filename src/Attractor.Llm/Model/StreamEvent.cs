// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>One event of a normalized stream; <see cref="Type"/> says which fields are set.</summary>
public sealed record StreamEvent
{
    /// <summary>Initializes an event of a type.</summary>
    /// <param name="type">The type.</param>
    public StreamEvent(StreamEventType type) => Type = type;

    /// <summary>Gets the type.</summary>
    public StreamEventType Type { get; }

    /// <summary>Gets the incremental text (text deltas) or partial arguments JSON (tool call deltas).</summary>
    public string? Delta { get; init; }

    /// <summary>Gets the text segment the event belongs to.</summary>
    public string? TextId { get; init; }

    /// <summary>Gets the incremental reasoning text.</summary>
    public string? ReasoningDelta { get; init; }

    /// <summary>Gets the tool call: id and name on start, the complete call on end.</summary>
    public ToolCall? ToolCall { get; init; }

    /// <summary>Gets why generation stopped (finish and step-finish events).</summary>
    public FinishReason? FinishReason { get; init; }

    /// <summary>Gets the usage (finish and step-finish events).</summary>
    public Usage? Usage { get; init; }

    /// <summary>Gets the accumulated response (finish and step-finish events).</summary>
    public Response? Response { get; init; }

    /// <summary>Gets the error (error events).</summary>
    public LlmException? Error { get; init; }

    /// <summary>Gets warnings (stream start).</summary>
    public IReadOnlyList<Warning>? Warnings { get; init; }

    /// <summary>Gets the provider's event name (provider events).</summary>
    public string? ProviderEventType { get; init; }

    /// <summary>Gets the raw provider event (provider events, and others where useful).</summary>
    public JsonElement? Raw { get; init; }
}
