// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>One LLM call of a high-level operation, with the tools it triggered.</summary>
public sealed record StepResult
{
    /// <summary>Gets the step's text.</summary>
    public required string Text { get; init; }

    /// <summary>Gets the step's reasoning, if the model exposed any.</summary>
    public string? Reasoning { get; init; }

    /// <summary>Gets the tool calls the model made in this step.</summary>
    public required IReadOnlyList<ToolCall> ToolCalls { get; init; }

    /// <summary>Gets the results of the executed calls, in call order (empty when nothing was executed).</summary>
    public required IReadOnlyList<ToolResult> ToolResults { get; init; }

    /// <summary>Gets why the step's generation stopped.</summary>
    public required FinishReason FinishReason { get; init; }

    /// <summary>Gets the step's usage.</summary>
    public required Usage Usage { get; init; }

    /// <summary>Gets the step's response.</summary>
    public required Response Response { get; init; }

    /// <summary>Gets the step's warnings.</summary>
    public IReadOnlyList<Warning> Warnings { get; init; } = [];

    internal static StepResult From(Response response, IReadOnlyList<ToolResult> toolResults) => new()
    {
        Text = response.Text,
        Reasoning = response.Reasoning,
        ToolCalls = response.ToolCalls,
        ToolResults = toolResults,
        FinishReason = response.FinishReason,
        Usage = response.Usage,
        Response = response,
        Warnings = response.Warnings,
    };
}
