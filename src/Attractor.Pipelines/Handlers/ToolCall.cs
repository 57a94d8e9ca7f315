// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace Attractor.Pipelines.Handlers;

/// <summary>An LLM tool call as tool call hooks see it (attractor-spec §9.7).</summary>
/// <param name="ToolName">The tool's name, e.g. <c>write_file</c>.</param>
/// <param name="Arguments">The call's arguments as JSON (null when it has none).</param>
/// <param name="NodeId">The node whose LLM made the call.</param>
/// <param name="StageDirectory">The node's stage directory; <c>hooks.log</c> is written there.</param>
public sealed record ToolCall(string ToolName, JsonNode? Arguments, string NodeId, string StageDirectory)
{
    /// <summary>Gets the backend's ID of the call, or the empty string.</summary>
    public string CallId { get; init; } = string.Empty;
}
