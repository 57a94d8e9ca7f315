// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines;

/// <summary>The result of a pipeline run.</summary>
public sealed class PipelineResult
{
    /// <summary>Gets <see cref="StageStatus.Success"/> or <see cref="StageStatus.Fail"/>.</summary>
    public required StageStatus Status { get; init; }

    /// <summary>Gets the final outcome (for failures, the failing stage's outcome).</summary>
    public required Outcome Outcome { get; init; }

    /// <summary>Gets the IDs of the nodes that completed, in order (a node appears once per execution).</summary>
    public required IReadOnlyList<string> CompletedNodes { get; init; }

    /// <summary>Gets the final context.</summary>
    public required PipelineContext Context { get; init; }

    /// <summary>Gets the run directory.</summary>
    public required string LogsRoot { get; init; }

    /// <summary>Gets why the run failed, or the empty string.</summary>
    public string FailureReason => Outcome.FailureReason;

    /// <summary>Gets whether the run succeeded.</summary>
    public bool Succeeded => Status == StageStatus.Success;
}
