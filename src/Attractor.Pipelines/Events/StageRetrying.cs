// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Events;

/// <summary>A stage is about to be retried.</summary>
public sealed record StageRetrying(string Name, int Index, int Attempt, TimeSpan Delay) : PipelineEvent
{
    /// <inheritdoc />
    public override string Describe() => $"Stage {Name} retrying (attempt {Attempt}) in {Delay.TotalMilliseconds:0}ms";
}
