// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Events;

/// <summary>The pipeline failed.</summary>
public sealed record PipelineFailed(string Error, TimeSpan Duration) : PipelineEvent
{
    /// <inheritdoc />
    public override string Describe() => $"Pipeline failed after {Duration.TotalSeconds:0.0}s: {Error}";
}
