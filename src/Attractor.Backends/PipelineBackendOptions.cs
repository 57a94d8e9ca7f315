// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Agent;
using Attractor.Llm;

namespace Attractor.Backends;

/// <summary>How <see cref="PipelineBackends.Create"/> builds a backend. Every property has a documented default.</summary>
public sealed record PipelineBackendOptions
{
    /// <summary>Gets the pipeline's workspace: the agent's working directory and where tool hooks run (default: the current directory).</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Gets how environment variables are read (API keys, base URLs); null reads the process environment.</summary>
    public Func<string, string?>? GetEnvironmentVariable { get; init; }

    /// <summary>
    /// Gets the LLM client to use; null creates one from the environment (<see cref="LlmClient.FromEnv"/>), owned and
    /// disposed by the backend. A client given here is not disposed by the backend.
    /// </summary>
    public LlmClient? Client { get; init; }

    /// <summary>Gets the provider for nodes without <c>llm_provider</c> (e.g. <c>anthropic</c>); null uses the client's default provider.</summary>
    public string? Provider { get; init; }

    /// <summary>Gets the model for nodes without <c>llm_model</c>; null uses the provider profile's default (agent) or the catalog's newest model (llm).</summary>
    public string? Model { get; init; }

    /// <summary>Gets the agent session settings (turn and round limits, truncation); null uses <see cref="Attractor.Agent.SessionConfig"/> defaults with the profile's context window.</summary>
    public SessionConfig? SessionConfig { get; init; }

    /// <summary>
    /// Gets a callback receiving every agent session event with the node it belongs to (progress display); called on a
    /// background thread, keep it fast. The events are also written to <c>agent-events.jsonl</c> in the stage directory.
    /// </summary>
    public Action<AgentStageEvent>? OnAgentEvent { get; init; }
}
