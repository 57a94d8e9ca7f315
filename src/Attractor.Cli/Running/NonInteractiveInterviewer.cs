// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Human;

namespace Attractor.Cli.Running;

/// <summary>
/// Stands in for a human when standard input is not a terminal (CI, pipes) and neither <c>--auto-approve</c>
/// nor <c>--answers</c> was given: the first gate aborts the run with a message naming both options, rather
/// than waiting for input that can never come.
/// </summary>
internal sealed class NonInteractiveInterviewer(RunAbort abort) : IInterviewer
{
    public Task<Answer> AskAsync(Question question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        throw abort.Abort(
            $"the human gate '{question.Stage}' asks \"{question.Text}\", but standard input is not a terminal; "
            + $"pass --auto-approve, or --answers with one answer per gate{AnswerListInterviewer.Choices(question)}");
    }

    public Task<IReadOnlyList<Answer>> AskMultipleAsync(IReadOnlyList<Question> questions, CancellationToken cancellationToken) =>
        InterviewerDefaults.AskEachAsync(this, questions, cancellationToken);

    public Task InformAsync(string message, string stage, CancellationToken cancellationToken) => Task.CompletedTask;
}
