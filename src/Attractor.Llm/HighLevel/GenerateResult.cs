// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm;

/// <summary>The outcome of <see cref="Llm.GenerateAsync"/>: the final step's data plus every step and the total usage.</summary>
public sealed record GenerateResult
{
    /// <summary>Gets the final step's text.</summary>
    public required string Text { get; init; }

    /// <summary>Gets the final step's reasoning.</summary>
    public string? Reasoning { get; init; }

    /// <summary>Gets the final step's tool calls (for passive tools or a spent round budget: calls left for you).</summary>
    public required IReadOnlyList<ToolCall> ToolCalls { get; init; }

    /// <summary>Gets the final step's tool results.</summary>
    public required IReadOnlyList<ToolResult> ToolResults { get; init; }

    /// <summary>Gets why the final step stopped.</summary>
    public required FinishReason FinishReason { get; init; }

    /// <summary>Gets the final step's usage.</summary>
    public required Usage Usage { get; init; }

    /// <summary>Gets the usage summed over all steps.</summary>
    public required Usage TotalUsage { get; init; }

    /// <summary>Gets every step, in order.</summary>
    public required IReadOnlyList<StepResult> Steps { get; init; }

    /// <summary>Gets the final response.</summary>
    public required Response Response { get; init; }

    /// <summary>Gets the parsed and validated structured output (<c>Llm.GenerateObjectAsync</c> only).</summary>
    public JsonElement? Output { get; init; }

    internal static GenerateResult FromSteps(IReadOnlyList<StepResult> steps)
    {
        var last = steps[^1];
        var total = Usage.Empty;
        foreach (var step in steps)
        {
            total += step.Usage;
        }

        return new GenerateResult
        {
            Text = last.Text,
            Reasoning = last.Reasoning,
            ToolCalls = last.ToolCalls,
            ToolResults = last.ToolResults,
            FinishReason = last.FinishReason,
            Usage = last.Usage,
            TotalUsage = total,
            Steps = steps,
            Response = last.Response,
        };
    }
}
