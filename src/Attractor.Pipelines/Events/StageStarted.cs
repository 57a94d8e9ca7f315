// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Events;

/// <summary>A stage began.</summary>
public sealed record StageStarted(string Name, int Index) : PipelineEvent
{
    /// <inheritdoc />
    public override string Describe() => $"Stage {Name} started";
}
