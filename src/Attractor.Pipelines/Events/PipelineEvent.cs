// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace Attractor.Pipelines.Events;

/// <summary>
/// Base of every engine event (attractor-spec §9.6). Events are immutable and carry no secrets;
/// they are delivered to observers, to <c>IAsyncEnumerable</c> consumers and to <c>events.jsonl</c>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(PipelineStarted), "pipeline_started")]
[JsonDerivedType(typeof(PipelineCompleted), "pipeline_completed")]
[JsonDerivedType(typeof(PipelineFailed), "pipeline_failed")]
[JsonDerivedType(typeof(StageStarted), "stage_started")]
[JsonDerivedType(typeof(StageCompleted), "stage_completed")]
[JsonDerivedType(typeof(StageFailed), "stage_failed")]
[JsonDerivedType(typeof(StageRetrying), "stage_retrying")]
[JsonDerivedType(typeof(ParallelStarted), "parallel_started")]
[JsonDerivedType(typeof(ParallelBranchStarted), "parallel_branch_started")]
[JsonDerivedType(typeof(ParallelBranchCompleted), "parallel_branch_completed")]
[JsonDerivedType(typeof(ParallelCompleted), "parallel_completed")]
[JsonDerivedType(typeof(InterviewStarted), "interview_started")]
[JsonDerivedType(typeof(InterviewCompleted), "interview_completed")]
[JsonDerivedType(typeof(InterviewTimeout), "interview_timeout")]
[JsonDerivedType(typeof(CheckpointSaved), "checkpoint_saved")]
public abstract record PipelineEvent
{
    /// <summary>Gets when the event happened.</summary>
    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Gets a one-line description for logs and plain console output.</summary>
    public abstract string Describe();
}
