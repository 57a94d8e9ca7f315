// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Events;

/// <summary>A question timed out.</summary>
public sealed record InterviewTimeout(string Question, string Stage, TimeSpan Duration) : PipelineEvent
{
    /// <inheritdoc />
    public override string Describe() => $"No answer at {Stage} within {Duration.TotalSeconds:0}s: {Question}";
}
