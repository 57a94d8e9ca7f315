// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Events;

/// <summary>A stage succeeded.</summary>
public sealed record StageCompleted(string Name, int Index, TimeSpan Duration) : PipelineEvent
{
    /// <inheritdoc />
    public override string Describe() => $"Stage {Name} completed in {Duration.TotalSeconds:0.0}s";
}
