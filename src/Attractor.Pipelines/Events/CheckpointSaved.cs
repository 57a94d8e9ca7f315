// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Events;

/// <summary>A checkpoint was written.</summary>
public sealed record CheckpointSaved(string NodeId) : PipelineEvent
{
    /// <inheritdoc />
    public override string Describe() => $"Checkpoint saved after {NodeId}";
}
