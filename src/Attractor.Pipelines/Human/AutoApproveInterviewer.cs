// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Human;

/// <summary>
/// Answers without a human (attractor-spec §6.4): YES to yes/no and confirmation questions, the first option
/// of a multiple-choice question (for a human gate, the first outgoing edge in declaration order) and
/// <c>auto-approved</c> to free-text questions.
/// </summary>
public sealed class AutoApproveInterviewer : IInterviewer
{
    /// <summary>The text given to free-text questions.</summary>
    public const string AutoApprovedText = "auto-approved";

    /// <summary>Gets a shared instance (the interviewer is stateless).</summary>
    public static AutoApproveInterviewer Instance { get; } = new();

    /// <inheritdoc />
    public Task<Answer> AskAsync(Question question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        cancellationToken.ThrowIfCancellationRequested();
        var answer = question.Type switch
        {
            QuestionType.YesNo or QuestionType.Confirmation => Answer.Yes,
            QuestionType.MultipleChoice or QuestionType.MultiSelect when question.Options.Count > 0 => Answer.Select(question.Options[0]),
            _ => Answer.FromText(AutoApprovedText),
        };
        return Task.FromResult(answer);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Answer>> AskMultipleAsync(IReadOnlyList<Question> questions, CancellationToken cancellationToken) =>
        InterviewerDefaults.AskEachAsync(this, questions, cancellationToken);

    /// <inheritdoc />
    public Task InformAsync(string message, string stage, CancellationToken cancellationToken) => Task.CompletedTask;
}
