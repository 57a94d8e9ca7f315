// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm;

namespace Attractor.Agent;

/// <summary>A model response.</summary>
/// <param name="Message">The assistant message as returned by the provider; replayed verbatim so reasoning signatures survive.</param>
/// <param name="Usage">Token counts of this call.</param>
/// <param name="ResponseId">The provider's response id.</param>
/// <param name="Timestamp">When the turn was recorded.</param>
public sealed record AssistantTurn(Message Message, Usage Usage, string? ResponseId, DateTimeOffset Timestamp) : Turn(Timestamp)
{
    /// <summary>Gets the text output.</summary>
    public string Content => Message.Text;

    /// <summary>Gets the tool calls the model requested.</summary>
    public IReadOnlyList<ToolCall> ToolCalls =>
        [.. Message.Content.Where(part => part.ToolCall is not null).Select(part => ToolCall.FromData(part.ToolCall!))];

    /// <summary>Gets the reasoning text, if the provider returned any.</summary>
    public string? Reasoning
    {
        get
        {
            var parts = Message.Content.Where(part => part.Thinking is not null).Select(part => part.Thinking!.Text).ToList();
            return parts.Count == 0 ? null : string.Concat(parts);
        }
    }
}
