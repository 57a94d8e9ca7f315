// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Events;

/// <summary>A parallel branch began.</summary>
public sealed record ParallelBranchStarted(string Branch, int Index) : PipelineEvent
{
    /// <inheritdoc />
    public override string Describe() => $"Branch {Branch} started";
}
