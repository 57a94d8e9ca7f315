// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Human;

/// <summary>
/// Wraps another interviewer and records every question with its answer (attractor-spec §6.4), for replay,
/// debugging and audit. Thread-safe.
/// </summary>
public sealed class RecordingInterviewer : IInterviewer
{
    private readonly IInterviewer _inner;
    private readonly Lock _gate = new();
    private readonly List<InterviewRecording> _recordings = [];
    private readonly List<string> _messages = [];

    /// <summary>Initializes a new instance of the <see cref="RecordingInterviewer"/> class.</summary>
    /// <param name="inner">The interviewer that answers.</param>
    public RecordingInterviewer(IInterviewer inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <summary>Gets a copy of the recorded question/answer pairs, in the order the answers arrived.</summary>
    public IReadOnlyList<InterviewRecording> Recordings
    {
        get
        {
            lock (_gate)
            {
                return [.. _recordings];
            }
        }
    }

    /// <summary>Gets a copy of the informational messages passed on, as <c>stage: message</c>.</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <inheritdoc />
    public async Task<Answer> AskAsync(Question question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var answer = await _inner.AskAsync(question, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _recordings.Add(new InterviewRecording(question, answer));
        }

        return answer;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Answer>> AskMultipleAsync(IReadOnlyList<Question> questions, CancellationToken cancellationToken) =>
        InterviewerDefaults.AskEachAsync(this, questions, cancellationToken);

    /// <inheritdoc />
    public async Task InformAsync(string message, string stage, CancellationToken cancellationToken)
    {
        await _inner.InformAsync(message, stage, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _messages.Add(stage + ": " + message);
        }
    }
}
