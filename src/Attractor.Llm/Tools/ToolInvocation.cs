// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>What a tool handler receives: the call (arguments parsed and validated) and the conversation so far.</summary>
/// <param name="Call">The tool call, with <see cref="ToolCall.Arguments"/> parsed and validated against the tool's schema.</param>
/// <param name="Messages">The conversation up to and including the assistant message that made the call.</param>
public sealed record ToolInvocation(ToolCall Call, IReadOnlyList<Message> Messages)
{
    /// <summary>Gets the parsed arguments (a JSON object).</summary>
    public JsonElement Arguments => Call.Arguments;

    /// <summary>Gets the id of the call, as assigned by the provider.</summary>
    public string ToolCallId => Call.Id;
}
