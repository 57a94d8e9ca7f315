// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Backends;
using Attractor.Cli.Agents;
using Attractor.Dot;

namespace Attractor.Cli.Running;

/// <summary>
/// Chooses and creates the backend that runs a pipeline's codergen nodes for <c>run</c> and <c>resume</c>: the one named
/// by <c>--backend</c>, else <c>agent</c> when a provider key is set and <c>simulate</c> (with a note saying so) when none is.
/// It is always a router, so nodes that name their own <c>llm_backend</c> (node, stylesheet or graph) run on that one.
/// </summary>
internal static class BackendSelection
{
    /// <summary>The note printed when codergen nodes run simulated because no provider key is set.</summary>
    public const string SimulationNote =
        "note: no LLM provider API key is set (OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY), so codergen nodes run simulated; set one to run them through the agent backend, or pass --backend simulate to say so.";

    /// <summary>The note printed when codergen nodes run through the agent because a key is set and no backend was named.</summary>
    public const string AgentNote =
        "note: codergen nodes run through the agent backend (a provider API key is set): they call the model and may change files; pass --backend simulate to run without an LLM.";

    /// <param name="requested">The backend named on the command line, or null for the default.</param>
    /// <param name="graph">The pipeline (a note is only worth it when it has codergen nodes).</param>
    /// <param name="services">Where keys are read.</param>
    /// <param name="onAgentEvent">Receives the agent backend's session events, for the progress display.</param>
    public static BackendChoice Create(string? requested, PipelineGraph graph, RunServices services, Action<AgentStageEvent>? onAgentEvent = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(services);

        var environment = services.EnvironmentVariables;
        var name = requested ?? PipelineBackends.DefaultName(environment);
        var usesBackend = graph.Nodes.Any(static n => n.HandlerType == HandlerTypes.Codergen || n.HandlerType == HandlerTypes.FanIn);
        string? note = null;
        if (requested is null && usesBackend)
        {
            note = string.Equals(name, PipelineBackends.Simulate, StringComparison.Ordinal) ? SimulationNote : AgentNote;
        }

        var options = new PipelineBackendOptions
        {
            WorkingDirectory = Environment.CurrentDirectory,
            GetEnvironmentVariable = environment,
            OnAgentEvent = onAgentEvent,
        };
        if (string.Equals(name, PipelineBackends.Simulate, StringComparison.Ordinal))
        {
            // Nodes may still pick a real backend with llm_backend; the router creates it when one does.
            return new BackendChoice(name, PipelineBackends.CreateRouter(name, options), note, null);
        }

        if (RequiresProviderKey(name) && string.Equals(PipelineBackends.DefaultName(environment), PipelineBackends.Simulate, StringComparison.Ordinal))
        {
            // No key at all: said here in the shape the MSBuild tasks recognise (their own error code).
            return new BackendChoice(name, null, null, $"{ProviderKeys.MissingKeyPrefix}the '{name}' backend needs an LLM provider API key; set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY (or use --backend simulate)");
        }

        try
        {
            return new BackendChoice(name, PipelineBackends.CreateRouter(name, options), note, null);
        }
        catch (BackendConfigurationException exception)
        {
            var problem = exception.VariableName is { } variable
                ? ProviderKeys.MissingKey(variable, $"use --backend {name}")
                : exception.Message;
            return new BackendChoice(name, null, null, problem);
        }
    }

    // The coding-CLI backends read their own credentials; only the direct-API backends need ours.
    private static bool RequiresProviderKey(string name) =>
        string.Equals(name, PipelineBackends.Llm, StringComparison.Ordinal) || string.Equals(name, PipelineBackends.Agent, StringComparison.Ordinal);
}
