// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Events;

/// <summary>The pipeline succeeded.</summary>
public sealed record PipelineCompleted(TimeSpan Duration, int ArtifactCount) : PipelineEvent
{
    /// <inheritdoc />
    public override string Describe() => $"Pipeline completed in {Duration.TotalSeconds:0.0}s ({ArtifactCount} artifacts)";
}
