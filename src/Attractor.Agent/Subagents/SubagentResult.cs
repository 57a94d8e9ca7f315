// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;

namespace Attractor.Agent;

/// <summary>What a subagent hands back to its parent (spec §7.3's SubAgentResult), rendered as the text of a tool result.</summary>
/// <param name="AgentId">The agent's id.</param>
/// <param name="Status">The agent's status.</param>
/// <param name="Output">The agent's final text output; its latest text when it did not finish.</param>
/// <param name="TurnsUsed">The number of model calls the agent made.</param>
/// <param name="Error">Why the agent did not finish, or null when it completed.</param>
internal sealed record SubagentResult(string AgentId, SubagentStatus Status, string Output, int TurnsUsed, string? Error)
{
    /// <summary>Gets a value indicating whether the agent completed its work.</summary>
    public bool Success => Status == SubagentStatus.Completed;

    /// <summary>Renders the result as <c>key: value</c> lines followed by the output, for the model.</summary>
    /// <param name="note">A line added after the status lines, or null.</param>
    /// <returns>The text.</returns>
    public string Render(string? note = null)
    {
        var text = new StringBuilder()
            .Append("agent_id: ").Append(AgentId).Append('\n')
            .Append("status: ").Append(SubagentTools.StatusName(Status)).Append('\n')
            .Append("success: ").Append(Success ? "true" : "false").Append('\n')
            .Append("turns_used: ").Append(TurnsUsed.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (Error is not null)
        {
            _ = text.Append("error: ").Append(Error).Append('\n');
        }

        if (note is not null)
        {
            _ = text.Append(note).Append('\n');
        }

        return text.Append("output:\n").Append(Output.Length == 0 ? "(no text output)" : Output).ToString();
    }
}
