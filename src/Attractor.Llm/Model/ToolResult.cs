// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>The outcome of executing one tool call.</summary>
/// <param name="ToolCallId">The call it answers.</param>
/// <param name="Content">The output: a JSON string for text, or any JSON value.</param>
/// <param name="IsError">Whether the execution failed.</param>
public sealed record ToolResult(string ToolCallId, JsonElement Content, bool IsError = false)
{
    /// <summary>Gets the message part that carries this result back to the model.</summary>
    /// <returns>The data.</returns>
    public ToolResultData ToData() => new(ToolCallId, Content, IsError);
}
