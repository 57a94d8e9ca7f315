// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>The results of one round of tool calls, in call order.</summary>
/// <param name="Results">One result per tool call; <see cref="ToolExecutionResult.Output"/> is what the model saw.</param>
/// <param name="Timestamp">When the turn was recorded.</param>
public sealed record ToolResultsTurn(IReadOnlyList<ToolExecutionResult> Results, DateTimeOffset Timestamp) : Turn(Timestamp);
