// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Cli.Progress;
using Attractor.Pipelines.Human;

namespace Attractor.Cli.Running;

/// <summary>
/// Asks a human at the terminal through the engine's <see cref="ConsoleInterviewer"/>, after the progress
/// display has drawn what came before and let go of the screen, so the question is not drawn over.
/// </summary>
internal sealed class TerminalInterviewer : IInterviewer, IDisposable
{
    private readonly ConsoleInterviewer _console;
    private readonly IRunProgress _progress;

    public TerminalInterviewer(TextReader input, TextWriter output, IRunProgress progress)
    {
        _console = new ConsoleInterviewer(input, output);
        _progress = progress;
    }

    public async Task<Answer> AskAsync(Question question, CancellationToken cancellationToken)
    {
        // Inside the try: SuspendAsync counts the suspension before it can throw, and Resume must undo it.
        try
        {
            await _progress.SuspendAsync(cancellationToken).ConfigureAwait(false);
            return await _console.AskAsync(question, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _progress.Resume();
        }
    }

    public Task<IReadOnlyList<Answer>> AskMultipleAsync(IReadOnlyList<Question> questions, CancellationToken cancellationToken) =>
        InterviewerDefaults.AskEachAsync(this, questions, cancellationToken);

    public async Task InformAsync(string message, string stage, CancellationToken cancellationToken)
    {
        // Inside the try: SuspendAsync counts the suspension before it can throw, and Resume must undo it.
        try
        {
            await _progress.SuspendAsync(cancellationToken).ConfigureAwait(false);
            await _console.InformAsync(message, stage, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _progress.Resume();
        }
    }

    public void Dispose() => _console.Dispose();
}
