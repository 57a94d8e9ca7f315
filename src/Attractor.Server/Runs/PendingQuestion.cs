// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Human;

namespace Attractor.Server.Runs;

/// <summary>A question of a served run's human gate, waiting for an answer from the web.</summary>
internal sealed class PendingQuestion(string id, Question question, DateTimeOffset askedAt)
{
    public string Id { get; } = id;

    public Question Question { get; } = question;

    public DateTimeOffset AskedAt { get; } = askedAt;

    public TaskCompletionSource<Answer> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
