// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Agent;

namespace Attractor.Backends;

/// <summary>Turns an agent session's events into the normalised lifecycle events (deltas, thinking, tool calls and results).</summary>
internal sealed class AgentEventMapper(BackendEventSource source)
{
    /// <summary>Maps one session event; null for events without lifecycle meaning (the events file keeps them).</summary>
    public BackendEvent[]? Map(SessionEvent sessionEvent)
    {
        // A subagent's events are republished into the parent's stream; they are not this attempt's lifecycle.
        if (!string.Equals(sessionEvent.SessionId, source.Execution.SessionId, StringComparison.Ordinal))
        {
            return null;
        }

        return sessionEvent.Kind switch
        {
            SessionEventKind.AssistantTextDelta when sessionEvent.GetString("delta") is { Length: > 0 } delta => [new BackendDelta(source, delta)],
            SessionEventKind.AssistantTextEnd when sessionEvent.GetString("reasoning") is { Length: > 0 } reasoning => [new BackendThinking(source, reasoning)],
            SessionEventKind.ToolCallStart => [new BackendToolCall(source, sessionEvent.GetString("call_id") ?? string.Empty, sessionEvent.GetString("tool_name") ?? string.Empty, sessionEvent.GetString("arguments") is { Length: > 0 } arguments ? arguments : "{}")],
            SessionEventKind.ToolCallEnd => [new BackendToolResult(source, sessionEvent.GetString("call_id") ?? string.Empty, sessionEvent.GetString("output") ?? string.Empty, sessionEvent.Data.TryGetValue("is_error", out var isError) && isError is true)],
            SessionEventKind.Warning or SessionEventKind.LoopDetection or SessionEventKind.TurnLimit => [new BackendNotice(source, sessionEvent.Kind.ToString(), sessionEvent.GetString("message") ?? string.Empty)],
            _ => null,
        };
    }
}
