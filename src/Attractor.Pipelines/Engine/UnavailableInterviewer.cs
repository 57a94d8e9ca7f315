// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Human;

namespace Attractor.Pipelines;

/// <summary>Stands in when <see cref="PipelineRunOptions.Interviewer"/> is null: a human gate then fails with a clear reason.</summary>
internal sealed class UnavailableInterviewer : IInterviewer
{
    public static UnavailableInterviewer Instance { get; } = new();

    public Task<Answer> AskAsync(Question question, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(
            $"No interviewer is configured, so the question at '{question?.Stage}' cannot be answered: set PipelineRunOptions.Interviewer (e.g. an auto-approve or queue interviewer).");

    public Task<IReadOnlyList<Answer>> AskMultipleAsync(IReadOnlyList<Question> questions, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No interviewer is configured: set PipelineRunOptions.Interviewer.");

    // Informing nobody is harmless, so it is not an error.
    public Task InformAsync(string message, string stage, CancellationToken cancellationToken) => Task.CompletedTask;
}
