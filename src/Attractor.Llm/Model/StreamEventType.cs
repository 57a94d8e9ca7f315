// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>The kind of a <see cref="StreamEvent"/>. Text, reasoning and tool calls follow start/delta/end.</summary>
public enum StreamEventType
{
    /// <summary>The stream has begun (may carry warnings).</summary>
    StreamStart,

    /// <summary>A text segment has begun (<see cref="StreamEvent.TextId"/>).</summary>
    TextStart,

    /// <summary>Incremental text (<see cref="StreamEvent.Delta"/>, <see cref="StreamEvent.TextId"/>).</summary>
    TextDelta,

    /// <summary>A text segment is complete.</summary>
    TextEnd,

    /// <summary>Reasoning has begun.</summary>
    ReasoningStart,

    /// <summary>Incremental reasoning (<see cref="StreamEvent.ReasoningDelta"/>).</summary>
    ReasoningDelta,

    /// <summary>Reasoning is complete.</summary>
    ReasoningEnd,

    /// <summary>A tool call has begun (<see cref="StreamEvent.ToolCall"/> carries id and name).</summary>
    ToolCallStart,

    /// <summary>Incremental tool call arguments (<see cref="StreamEvent.Delta"/> holds the partial JSON).</summary>
    ToolCallDelta,

    /// <summary>A tool call is complete (<see cref="StreamEvent.ToolCall"/> carries the full arguments).</summary>
    ToolCallEnd,

    /// <summary>One step of a multi-step (tool loop) stream ended; the next model call follows.</summary>
    StepFinish,

    /// <summary>Generation is complete (<see cref="StreamEvent.FinishReason"/>, <see cref="StreamEvent.Usage"/>, <see cref="StreamEvent.Response"/>).</summary>
    Finish,

    /// <summary>An error ended the stream (<see cref="StreamEvent.Error"/>).</summary>
    Error,

    /// <summary>A provider event with no unified equivalent (<see cref="StreamEvent.Raw"/>, <see cref="StreamEvent.ProviderEventType"/>).</summary>
    ProviderEvent,
}
