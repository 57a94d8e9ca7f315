// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Backends;
using Attractor.Pipelines.Events;
using Attractor.Pipelines.Human;

namespace Attractor.Pipelines.Handlers;

/// <summary>The run-wide services handed to every handler.</summary>
public sealed class PipelineServices
{
    /// <summary>Gets the LLM backend; null means simulation mode.</summary>
    public ICodergenBackend? Backend { get; init; }

    /// <summary>Gets the interviewer for human gates.</summary>
    public required IInterviewer Interviewer { get; init; }

    /// <summary>Gets the event sink.</summary>
    public required IPipelineEventSink Events { get; init; }

    /// <summary>Gets the runner of sub-graphs, used by parallel and manager handlers.</summary>
    public required IBranchRunner Branches { get; init; }

    /// <summary>
    /// Gets the run's artifact store (§5.5) for outputs too large for the context. The engine creates one
    /// per run directory, file-backed under <c>{logs_root}/artifacts</c> and shared by parallel branches;
    /// the default is a memory-only store.
    /// </summary>
    public ArtifactStore Artifacts { get; init; } = new();

    /// <summary>Gets the run's handler registry (built-in and custom handlers), so sub-pipelines resolve the same handlers; null outside a run.</summary>
    public HandlerRegistry? Handlers { get; init; }

    /// <summary>
    /// Gets the options the run was started with, so handlers that start sub-pipelines (the manager loop)
    /// inherit the backoff, error classifier, loader and clock; null outside a run.
    /// </summary>
    public PipelineRunOptions? RunOptions { get; init; }
}
