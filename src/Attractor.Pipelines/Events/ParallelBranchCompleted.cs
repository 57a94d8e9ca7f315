// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Events;

/// <summary>A parallel branch finished.</summary>
public sealed record ParallelBranchCompleted(string Branch, int Index, TimeSpan Duration, bool Success) : PipelineEvent
{
    /// <inheritdoc />
    public override string Describe() => $"Branch {Branch} " + (Success ? "succeeded" : "failed") + $" in {Duration.TotalSeconds:0.0}s";
}
