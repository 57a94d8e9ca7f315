// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Human;

/// <summary>
/// Answers from a pre-filled queue (attractor-spec §6.4), for deterministic tests, replay and
/// <c>attractor run --answers A,F</c>. An empty queue answers SKIPPED. Queued strings are matched to the
/// question when it is asked: an option by key or label (case-insensitive), <c>y</c>/<c>yes</c>/<c>n</c>/<c>no</c>
/// for yes/no questions, the text itself for free-text questions; a string matching no option is passed
/// on as text (the human gate then falls back as §4.6 says). Thread-safe.
/// </summary>
public sealed class QueueInterviewer : IInterviewer
{
    private readonly Lock _gate = new();
    private readonly Queue<Entry> _entries = new();

    /// <summary>Initializes a new instance of the <see cref="QueueInterviewer"/> class with answers.</summary>
    /// <param name="answers">The answers, in the order they will be given.</param>
    public QueueInterviewer(IEnumerable<Answer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        foreach (var answer in answers)
        {
            ArgumentNullException.ThrowIfNull(answer, nameof(answers));
            _entries.Enqueue(new Entry(answer, null));
        }
    }

    /// <summary>Initializes a new instance of the <see cref="QueueInterviewer"/> class with typed answers (keys, labels, yes/no, text).</summary>
    /// <param name="answers">The answers as typed, e.g. <c>A</c>, <c>approve</c>, <c>y</c>.</param>
    public QueueInterviewer(IEnumerable<string> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        foreach (var text in answers)
        {
            ArgumentNullException.ThrowIfNull(text, nameof(answers));
            _entries.Enqueue(new Entry(null, text));
        }
    }

    /// <summary>Gets how many answers are left.</summary>
    public int Remaining
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Creates an interviewer from a comma-separated list such as <c>A,F,yes</c> (blank items skipped).</summary>
    /// <param name="commaSeparated">The list.</param>
    /// <returns>The interviewer.</returns>
    public static QueueInterviewer FromCommaSeparated(string commaSeparated)
    {
        ArgumentNullException.ThrowIfNull(commaSeparated);
        return new QueueInterviewer(commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>Adds an answer at the end of the queue.</summary>
    /// <param name="answer">The answer.</param>
    public void Enqueue(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        lock (_gate)
        {
            _entries.Enqueue(new Entry(answer, null));
        }
    }

    /// <summary>Adds a typed answer at the end of the queue.</summary>
    /// <param name="text">The answer as typed.</param>
    public void Enqueue(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            _entries.Enqueue(new Entry(null, text));
        }
    }

    /// <inheritdoc />
    public Task<Answer> AskAsync(Question question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        cancellationToken.ThrowIfCancellationRequested();
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryDequeue(out entry))
            {
                return Task.FromResult(Answer.Skipped);
            }
        }

        if (entry.Answer is { } answer)
        {
            return Task.FromResult(answer);
        }

        var text = entry.Text ?? string.Empty;
        return Task.FromResult(OptionMatcher.ToAnswer(text, question) ?? Answer.FromText(text));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Answer>> AskMultipleAsync(IReadOnlyList<Question> questions, CancellationToken cancellationToken) =>
        InterviewerDefaults.AskEachAsync(this, questions, cancellationToken);

    /// <inheritdoc />
    public Task InformAsync(string message, string stage, CancellationToken cancellationToken) => Task.CompletedTask;

    private readonly record struct Entry(Answer? Answer, string? Text);
}
