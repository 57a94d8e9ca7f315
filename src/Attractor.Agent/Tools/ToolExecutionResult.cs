// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Attractor.Llm;

namespace Attractor.Agent;

/// <summary>The outcome of dispatching one tool call through the <see cref="ToolRegistry"/>.</summary>
/// <param name="ToolCallId">The ID of the call this answers.</param>
/// <param name="ToolName">The tool the model called.</param>
/// <param name="Output">The output for the model, truncated to the tool's limits.</param>
/// <param name="FullOutput">The untruncated output, for the TOOL_CALL_END event.</param>
/// <param name="IsError">Whether the call failed (unknown tool, invalid arguments, an exception or a failure the tool reported).</param>
public sealed record ToolExecutionResult(string ToolCallId, string ToolName, string Output, string FullOutput, bool IsError)
{
    /// <summary>Converts to the LLM client's tool result, carrying the truncated output.</summary>
    /// <returns>The result to send back to the model.</returns>
    public ToolResult ToToolResult() => new(ToolCallId, JsonSerializer.SerializeToElement(Output), IsError);
}
