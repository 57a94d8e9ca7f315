// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Agent;

/// <summary>spawn_agent, send_input, wait and close_agent (spec §7.2), bound to one session's <see cref="SubagentManager"/>.</summary>
internal static class SubagentTools
{
    /// <summary>The event data key naming the subagent an event of the parent's stream comes from.</summary>
    public const string AgentIdKey = "agent_id";

    public const string SpawnAgent = "spawn_agent";

    public const string SendInput = "send_input";

    public const string Wait = "wait";

    public const string CloseAgent = "close_agent";

    private const string SpawnSchema = """
        {
          "type": "object",
          "properties": {
            "task": { "type": "string", "description": "Natural language description of the task." },
            "working_dir": { "type": "string", "description": "Subdirectory to scope the agent to (default: the working directory)." },
            "model": { "type": "string", "description": "Model override (default: the parent's model)." },
            "max_turns": { "type": "integer", "minimum": 0, "description": "Turn limit (default: 0, unlimited)." }
          },
          "required": ["task"]
        }
        """;

    private const string SendInputSchema = """
        {
          "type": "object",
          "properties": {
            "agent_id": { "type": "string", "description": "The id spawn_agent returned." },
            "message": { "type": "string", "description": "The message for the agent." }
          },
          "required": ["agent_id", "message"]
        }
        """;

    private const string AgentIdSchema = """
        {
          "type": "object",
          "properties": {
            "agent_id": { "type": "string", "description": "The id spawn_agent returned." }
          },
          "required": ["agent_id"]
        }
        """;

    /// <summary>Creates the four tools.</summary>
    /// <param name="manager">The subagents of the session the tools are registered in.</param>
    /// <returns>The tools, in the spec's order.</returns>
    public static IReadOnlyList<AgentTool> Create(SubagentManager manager) =>
    [
        AgentTool.Create(SpawnAgent, "Spawn a subagent to handle a scoped task autonomously.", SpawnSchema, (arguments, _, cancellationToken) =>
            manager.SpawnAsync(
                ToolArguments.GetString(arguments, "task"),
                ToolArguments.GetOptionalString(arguments, "working_dir"),
                ToolArguments.GetOptionalString(arguments, "model"),
                ToolArguments.GetOptionalInteger(arguments, "max_turns"),
                cancellationToken)),
        AgentTool.Create(SendInput, "Send a message to a running subagent.", SendInputSchema, (arguments, _, _) =>
            Task.FromResult(manager.SendInput(AgentId(arguments), ToolArguments.GetString(arguments, "message")))),
        AgentTool.Create(Wait, "Wait for a subagent to complete and return its result.", AgentIdSchema, (arguments, _, cancellationToken) =>
            manager.WaitAsync(AgentId(arguments), cancellationToken)),
        AgentTool.Create(CloseAgent, "Terminate a subagent.", AgentIdSchema, (arguments, _, _) =>
            manager.CloseAsync(AgentId(arguments))),
    ];

    /// <summary>Gets the name of a status as the tools write it.</summary>
    /// <param name="status">The status.</param>
    /// <returns><c>running</c>, <c>completed</c> or <c>failed</c>.</returns>
    public static string StatusName(SubagentStatus status) => status switch
    {
        SubagentStatus.Running => "running",
        SubagentStatus.Completed => "completed",
        _ => "failed",
    };

    private static string AgentId(JsonElement arguments) => ToolArguments.GetString(arguments, "agent_id");
}
