// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Events;

/// <summary>A question was presented to a human.</summary>
public sealed record InterviewStarted(string Question, string Stage) : PipelineEvent
{
    /// <inheritdoc />
    public override string Describe() => $"Waiting for a human at {Stage}: {Question}";
}
