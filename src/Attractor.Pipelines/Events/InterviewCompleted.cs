// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Events;

/// <summary>A human answered.</summary>
public sealed record InterviewCompleted(string Question, string Answer, TimeSpan Duration) : PipelineEvent
{
    /// <inheritdoc />
    public override string Describe() => $"Human answered \"{Answer}\" to: {Question}";
}
