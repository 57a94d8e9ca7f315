// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using Attractor.Pipelines.Human;

namespace Attractor.Cli.Running;

/// <summary>
/// Answers human gates from <c>--answers A,B,...</c> through a <see cref="QueueInterviewer"/> (an option
/// matches by accelerator key or label, case-insensitively). Where the queue would quietly answer SKIPPED
/// or pass an unmatched word on as text (and the gate would take its first choice), this aborts the run
/// instead: a typo or a missing answer must not send the pipeline down a branch nobody chose.
/// </summary>
internal sealed class AnswerListInterviewer : IInterviewer
{
    private readonly QueueInterviewer _queue;
    private readonly RunAbort _abort;
    private readonly int _count;

    public AnswerListInterviewer(IReadOnlyList<string> answers, RunAbort abort)
    {
        _queue = new QueueInterviewer(answers);
        _abort = abort;
        _count = answers.Count;
    }

    public async Task<Answer> AskAsync(Question question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);

        // Typed answers never come back SKIPPED from the queue: SKIPPED means it is empty.
        var answer = await _queue.AskAsync(question, cancellationToken).ConfigureAwait(false);
        if (answer.Value == AnswerValue.Skipped)
        {
            throw _abort.Abort(
                $"--answers ran out: the human gate '{question.Stage}' asks \"{question.Text}\" but the list ({_count.ToString(CultureInfo.InvariantCulture)} given) is used up{Choices(question)}");
        }

        var matched = question.Type.HasOptions() ? answer.SelectedOptions.Count > 0
            : !question.Type.IsYesNo() || answer.Value is AnswerValue.Yes or AnswerValue.No;
        if (!matched)
        {
            throw _abort.Abort($"--answers value '{answer.Text}' matches nothing the human gate '{question.Stage}' offers{Choices(question)}");
        }

        return answer;
    }

    public Task<IReadOnlyList<Answer>> AskMultipleAsync(IReadOnlyList<Question> questions, CancellationToken cancellationToken) =>
        InterviewerDefaults.AskEachAsync(this, questions, cancellationToken);

    public Task InformAsync(string message, string stage, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Lists what the gate accepts, e.g. <c> (choices: A = [A] Approve, F = [F] Fix)</c>.</summary>
    internal static string Choices(Question question) =>
        question.Type.HasOptions() && question.Options.Count > 0
            ? " (choices: " + string.Join(", ", question.Options.Select(static o => o.Key + " = " + o.Label)) + ")"
            : question.Type.IsYesNo() ? " (choices: yes, no)" : string.Empty;
}
