// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>The kinds of <see cref="SessionEvent"/> (spec §2.9).</summary>
public enum SessionEventKind
{
    /// <summary>The session was created.</summary>
    SessionStart,

    /// <summary>The session closed; data "state" holds the final state.</summary>
    SessionEnd,

    /// <summary>The user submitted input; data "content".</summary>
    UserInput,

    /// <summary>Processing of an input finished and the session returned to idle.</summary>
    ProcessingEnd,

    /// <summary>The model began producing text.</summary>
    AssistantTextStart,

    /// <summary>An incremental piece of text; data "delta".</summary>
    AssistantTextDelta,

    /// <summary>The model finished its text; data "text" and "reasoning".</summary>
    AssistantTextEnd,

    /// <summary>A tool execution began; data "tool_name", "call_id", "arguments".</summary>
    ToolCallStart,

    /// <summary>Incremental tool output; data "delta".</summary>
    ToolCallOutputDelta,

    /// <summary>A tool execution finished; data "output" holds the FULL untruncated output, "is_error".</summary>
    ToolCallEnd,

    /// <summary>A steering message was added to the history; data "content".</summary>
    SteeringInjected,

    /// <summary>A turn limit was hit; data "round" or "total_turns".</summary>
    TurnLimit,

    /// <summary>A repeating tool-call pattern was detected; data "message".</summary>
    LoopDetection,

    /// <summary>A non-fatal issue such as high context usage; data "message".</summary>
    Warning,

    /// <summary>An error occurred; data "message", "error_type".</summary>
    Error,
}
