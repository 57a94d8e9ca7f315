// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Pipelines.Events;

namespace Attractor.Pipelines.Handlers;

/// <summary>Everything a handler may use while executing one node: spec §4.1's (node, context, graph, logs_root) and the run's services.</summary>
public sealed class StageExecution
{
    /// <summary>Gets the node being executed.</summary>
    public required PipelineNode Node { get; init; }

    /// <summary>Gets the whole graph, e.g. to read outgoing edges.</summary>
    public required PipelineGraph Graph { get; init; }

    /// <summary>Gets the run context (read/write; a parallel branch gets its own clone).</summary>
    public required PipelineContext Context { get; init; }

    /// <summary>Gets the run directory.</summary>
    public required string LogsRoot { get; init; }

    /// <summary>Gets <c>{logs_root}/{node_id}</c>; created by the engine before the handler runs.</summary>
    public required string StageDirectory { get; init; }

    /// <summary>Gets the 1-based attempt number.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>Gets the resolved context fidelity and thread key for LLM work (§5.4).</summary>
    public FidelityResolution Fidelity { get; init; } = FidelityResolution.Default;

    /// <summary>Gets the run's services: backend, interviewer, events, branch runner.</summary>
    public required PipelineServices Services { get; init; }

    /// <summary>Gets the exception the handler reported with <see cref="ReportError"/>, if any.</summary>
    public Exception? ReportedError { get; private set; }

    /// <summary>
    /// Reports the exception behind a FAIL outcome the handler returns instead of throwing, so the
    /// engine's <see cref="ErrorClassifier"/> decides whether the attempt is retried (Appendix D),
    /// exactly as if the handler had thrown it.
    /// </summary>
    /// <param name="exception">The caught exception.</param>
    public void ReportError(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ReportedError = exception;
    }

    /// <summary>Publishes an event to the run's observers and event log.</summary>
    public void Emit(PipelineEvent pipelineEvent) => Services.Events.Publish(pipelineEvent);
}
