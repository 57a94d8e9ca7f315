// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Human;

/// <summary>
/// Asks in a terminal (attractor-spec §6.4): prints <c>[?] question</c> and one <c>  [K] label</c> line per
/// option, reads a line and matches it to an option by key or label (case-insensitive), or to
/// <c>y</c>/<c>yes</c>/<c>n</c>/<c>no</c>. Invalid input is asked again, up to <see cref="MaxAttempts"/> times
/// (then SKIPPED); concurrent questions (parallel branches) are asked one at a time; an empty line picks the question's default when it has one; end of input is SKIPPED;
/// <see cref="Question.Timeout"/> gives the default or TIMEOUT (§6.5).
/// </summary>
public sealed class ConsoleInterviewer : IInterviewer, IDisposable
{
    private readonly TextReader _input;
    private readonly TextWriter _output;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _readGate = new();

    // A read abandoned by a timeout keeps running (console reads cannot be cancelled); the next question
    // consumes its line instead of starting a second concurrent read.
    private Task<string?>? _pendingRead;

    /// <summary>Initializes a new instance of the <see cref="ConsoleInterviewer"/> class on the process console.</summary>
    public ConsoleInterviewer()
        : this(Console.In, Console.Out)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ConsoleInterviewer"/> class.</summary>
    /// <param name="input">Where answers are read from.</param>
    /// <param name="output">Where questions are written.</param>
    public ConsoleInterviewer(TextReader input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        _input = input;
        _output = output;
    }

    /// <summary>Gets how many times invalid input is asked again before the question counts as skipped.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Releases the lock that serialises concurrent questions; the reader and writer are not disposed.</summary>
    public void Dispose() => _gate.Dispose();

    /// <inheritdoc />
    public async Task<Answer> AskAsync(Question question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteQuestionAsync(question, cancellationToken).ConfigureAwait(false);
            return await QuestionTimeouts.AskAsync(question, token => ReadAnswerAsync(question, token), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Answer>> AskMultipleAsync(IReadOnlyList<Question> questions, CancellationToken cancellationToken) =>
        InterviewerDefaults.AskEachAsync(this, questions, cancellationToken);

    /// <inheritdoc />
    public async Task InformAsync(string message, string stage, CancellationToken cancellationToken)
    {
        var line = string.IsNullOrEmpty(stage) ? "[i] " + message : $"[i] {stage}: {message}";
        await _output.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Prompt(Question question) => question.Type switch
    {
        QuestionType.MultipleChoice => "Select: ",
        QuestionType.MultiSelect => "Select (comma-separated): ",
        QuestionType.YesNo or QuestionType.Confirmation => "[Y/N]: ",
        _ => "> ",
    };

    private static string DisplayLabel(QuestionOption option)
    {
        // "[A] Approve" is shown as "  [A] Approve", not "  [A] [A] Approve".
        var label = option.Label;
        return AcceleratorKeys.HasExplicitKey(label) && string.Equals(AcceleratorKeys.Parse(label), option.Key, StringComparison.OrdinalIgnoreCase)
            ? AcceleratorKeys.StripPrefix(label)
            : label;
    }

    private async Task WriteQuestionAsync(Question question, CancellationToken cancellationToken)
    {
        await _output.WriteLineAsync(("[?] " + question.Text).AsMemory(), cancellationToken).ConfigureAwait(false);
        if (question.Type.HasOptions())
        {
            foreach (var option in question.Options)
            {
                await _output.WriteLineAsync($"  [{option.Key}] {DisplayLabel(option)}".AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }

        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<Answer> ReadAnswerAsync(Question question, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await _output.WriteAsync(Prompt(question).AsMemory(), cancellationToken).ConfigureAwait(false);
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                return Answer.Skipped;
            }

            if (line.Trim().Length == 0 && question.Default is { } fallback && question.Type != QuestionType.Freeform)
            {
                return fallback;
            }

            if (OptionMatcher.ToAnswer(line, question) is { } answer)
            {
                return answer;
            }

            if (attempt >= MaxAttempts)
            {
                await _output.WriteLineAsync("No valid answer; skipping.".AsMemory(), cancellationToken).ConfigureAwait(false);
                return Answer.Skipped;
            }

            var hint = question.Type.IsYesNo()
                ? "Please answer y or n."
                : "Please enter one of: " + string.Join(", ", question.Options.Select(static o => o.Key));
            await _output.WriteLineAsync(hint.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        // A timed-out question is abandoned, not stopped: QuestionTimeouts can return (and the next question
        // start) while this read is still running, even before the cancellation callbacks reach it. So a
        // cancelled call never starts a read and never consumes a line: the line stays pending for the next
        // question. The lock keeps the abandoned and the live question from starting two reads at once.
        Task<string?> read;
        lock (_readGate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            read = _pendingRead ??= Task.Run(_input.ReadLine, CancellationToken.None);
        }

        var line = await read.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_readGate)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Only the read this call consumed is cleared; a newer one belongs to the next question.
            if (ReferenceEquals(_pendingRead, read))
            {
                _pendingRead = null;
            }
        }

        return line;
    }
}
