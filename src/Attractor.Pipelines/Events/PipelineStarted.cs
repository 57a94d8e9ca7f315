// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Events;

/// <summary>The pipeline began.</summary>
public sealed record PipelineStarted(string Name, string Id) : PipelineEvent
{
    /// <inheritdoc />
    public override string Describe() => $"Pipeline {Name} started (run {Id})";
}
