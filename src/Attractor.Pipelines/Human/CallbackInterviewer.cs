// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Human;

/// <summary>
/// Delegates each question to a callback (attractor-spec §6.4), e.g. a Slack bot or a web UI. The question's
/// timeout is applied around the callback (§6.5).
/// </summary>
public sealed class CallbackInterviewer : IInterviewer
{
    private readonly Func<Question, CancellationToken, Task<Answer>> _callback;
    private readonly Func<string, string, CancellationToken, Task>? _inform;

    /// <summary>Initializes a new instance of the <see cref="CallbackInterviewer"/> class.</summary>
    /// <param name="callback">Answers a question.</param>
    /// <param name="inform">Receives informational messages (message, stage); null ignores them.</param>
    public CallbackInterviewer(Func<Question, CancellationToken, Task<Answer>> callback, Func<string, string, CancellationToken, Task>? inform = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _callback = callback;
        _inform = inform;
    }

    /// <inheritdoc />
    public Task<Answer> AskAsync(Question question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        return QuestionTimeouts.AskAsync(question, async token => await _callback(question, token).ConfigureAwait(false) ?? Answer.Skipped, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Answer>> AskMultipleAsync(IReadOnlyList<Question> questions, CancellationToken cancellationToken) =>
        InterviewerDefaults.AskEachAsync(this, questions, cancellationToken);

    /// <inheritdoc />
    public Task InformAsync(string message, string stage, CancellationToken cancellationToken) =>
        _inform is null ? Task.CompletedTask : _inform(message, stage, cancellationToken);
}
