// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Agent;

namespace Attractor.Cli.Agents;

/// <summary>
/// How the agent views treat a subagent's events, which the session republishes into its own stream tagged with
/// <c>agent_id</c>: streamed pieces are dropped (the complete text follows in ASSISTANT_TEXT_END) and every line
/// shown names the subagent.
/// </summary>
internal static class SubagentEvents
{
    /// <summary>The subagent an event belongs to, or null for the session's own events.</summary>
    public static string? AgentId(SessionEvent sessionEvent) =>
        sessionEvent.GetString("agent_id") is { Length: > 0 } id ? id : null;

    /// <summary>Whether a subagent's event of this kind gets a line of its own.</summary>
    public static bool IsShown(SessionEventKind kind) => kind is not (SessionEventKind.AssistantTextStart
        or SessionEventKind.AssistantTextDelta or SessionEventKind.ToolCallOutputDelta or SessionEventKind.ProcessingEnd);

    /// <summary>The text that starts each of a subagent's lines.</summary>
    public static string Prefix(string agentId) => "[" + agentId + "] ";
}
