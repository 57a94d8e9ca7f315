// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Human;

/// <summary>Behaviour every interviewer shares; public so interviewers written elsewhere (the CLI's, a web UI's) need not repeat it.</summary>
public static class InterviewerDefaults
{
    /// <summary>Asks each question in order (§6.1 <c>ask_multiple</c>).</summary>
    /// <param name="interviewer">The interviewer that asks.</param>
    /// <param name="questions">The questions.</param>
    /// <param name="cancellationToken">Cancels the remaining questions.</param>
    /// <returns>One answer per question, in order.</returns>
    public static async Task<IReadOnlyList<Answer>> AskEachAsync(IInterviewer interviewer, IReadOnlyList<Question> questions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interviewer);
        ArgumentNullException.ThrowIfNull(questions);
        var answers = new List<Answer>(questions.Count);
        foreach (var question in questions)
        {
            answers.Add(await interviewer.AskAsync(question, cancellationToken).ConfigureAwait(false));
        }

        return answers;
    }
}
