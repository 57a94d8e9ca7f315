// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Events;

/// <summary>A parallel block began.</summary>
public sealed record ParallelStarted(int BranchCount) : PipelineEvent
{
    /// <inheritdoc />
    public override string Describe() => $"Parallel block started with {BranchCount} branches";
}
