// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Events;

/// <summary>A stage failed.</summary>
public sealed record StageFailed(string Name, int Index, string Error, bool WillRetry) : PipelineEvent
{
    /// <inheritdoc />
    public override string Describe() => $"Stage {Name} failed: {Error}" + (WillRetry ? " (will retry)" : string.Empty);
}
