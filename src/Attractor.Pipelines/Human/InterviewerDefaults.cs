// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Human;

/// <summary>Shared behaviour of the built-in interviewers.</summary>
internal static class InterviewerDefaults
{
    /// <summary>Asks each question in order (§6.1 <c>ask_multiple</c>).</summary>
    public static async Task<IReadOnlyList<Answer>> AskEachAsync(IInterviewer interviewer, IReadOnlyList<Question> questions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var answers = new List<Answer>(questions.Count);
        foreach (var question in questions)
        {
            answers.Add(await interviewer.AskAsync(question, cancellationToken).ConfigureAwait(false));
        }

        return answers;
    }
}
