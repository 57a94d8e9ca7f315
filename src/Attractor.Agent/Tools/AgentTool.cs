// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Attractor.Llm;

namespace Attractor.Agent;

/// <summary>A tool the agent can call (spec §3.8's RegisteredTool): its definition for the model and the code that runs it.</summary>
/// <param name="Definition">The name, description and JSON Schema of the arguments sent to the model.</param>
/// <param name="Executor">
/// Runs the tool with arguments already validated against the schema. Exceptions become error results; the output is
/// truncated by the registry, so executors return it in full.
/// </param>
public sealed record AgentTool(ToolDefinition Definition, Func<JsonElement, IExecutionEnvironment, CancellationToken, Task<ToolOutput>> Executor)
{
    /// <summary>Gets the tool name.</summary>
    public string Name => Definition.Name;

    /// <summary>Creates a tool from a schema written as JSON text.</summary>
    /// <param name="name">The tool name.</param>
    /// <param name="description">What the tool does, for the model.</param>
    /// <param name="parametersSchema">The JSON Schema of the arguments; its root must be an object schema.</param>
    /// <param name="executor">Runs the tool.</param>
    /// <returns>The tool.</returns>
    public static AgentTool Create(string name, string description, string parametersSchema, Func<JsonElement, IExecutionEnvironment, CancellationToken, Task<ToolOutput>> executor)
    {
        ArgumentNullException.ThrowIfNull(parametersSchema);
        using var document = JsonDocument.Parse(parametersSchema);
        return new AgentTool(new ToolDefinition(name, description, document.RootElement.Clone()), executor);
    }
}
