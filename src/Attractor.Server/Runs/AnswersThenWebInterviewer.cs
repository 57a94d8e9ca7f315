// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Human;

namespace Attractor.Server.Runs;

/// <summary>Answers gates from a list given with the request first (as <c>attractor run --answers</c> does), then asks on the web.</summary>
internal sealed class AnswersThenWebInterviewer(QueueInterviewer answers, IInterviewer web) : IInterviewer
{
    public Task<Answer> AskAsync(Question question, CancellationToken cancellationToken) =>
        answers.Remaining > 0 ? answers.AskAsync(question, cancellationToken) : web.AskAsync(question, cancellationToken);

    public async Task<IReadOnlyList<Answer>> AskMultipleAsync(IReadOnlyList<Question> questions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var answered = new List<Answer>(questions.Count);
        foreach (var question in questions)
        {
            answered.Add(await AskAsync(question, cancellationToken).ConfigureAwait(false));
        }

        return answered;
    }

    public Task InformAsync(string message, string stage, CancellationToken cancellationToken) => Task.CompletedTask;
}
