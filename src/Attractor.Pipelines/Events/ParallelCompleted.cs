// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Events;

/// <summary>All branches of a parallel block finished.</summary>
public sealed record ParallelCompleted(TimeSpan Duration, int SuccessCount, int FailureCount) : PipelineEvent
{
    /// <inheritdoc />
    public override string Describe() => $"Parallel block completed: {SuccessCount} succeeded, {FailureCount} failed";
}
