// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Human;

namespace Attractor.Cli.Running;

/// <summary>Behaviour shared by the CLI's interviewers.</summary>
internal static class Interviewers
{
    /// <summary>Asks each question in order, as attractor-spec §6.1's <c>ask_multiple</c> does.</summary>
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
