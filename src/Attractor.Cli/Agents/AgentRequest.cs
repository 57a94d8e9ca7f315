// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Agents;

/// <summary>What <c>attractor agent</c> was asked to do, as given on the command line.</summary>
/// <param name="Task">The task for the agent.</param>
internal sealed record AgentRequest(string Task)
{
    /// <summary>Gets the profile (<c>openai</c>, <c>anthropic</c>, <c>gemini</c>), or null for the first whose key is set.</summary>
    public string? Profile { get; init; }

    /// <summary>Gets the model, or null for the profile's default.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the most model calls the session may make; 0 for no limit.</summary>
    public int MaxTurns { get; init; }

    /// <summary>Gets the reasoning effort (<c>low</c>, <c>medium</c>, <c>high</c>), or null for the model's default.</summary>
    public string? ReasoningEffort { get; init; }

    /// <summary>Gets the directory the agent works in, or null for the current directory.</summary>
    public string? WorkingDirectory { get; init; }
}
