// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Human;

/// <summary>
/// Applies <see cref="Question.Timeout"/> (attractor-spec §6.5): when no answer arrives in time the
/// question's <see cref="Question.Default"/> is used, else <see cref="Answer.TimedOut"/>.
/// </summary>
public static class QuestionTimeouts
{
    /// <summary>Gets the answer for a question nobody answered in time: its default, else TIMEOUT.</summary>
    /// <param name="question">The question.</param>
    /// <returns>The default answer or <see cref="Answer.TimedOut"/>.</returns>
    public static Answer OnTimeout(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Default ?? Answer.TimedOut;
    }

    /// <summary>Gets whether the question has a usable timeout (non-null, not negative, not infinite).</summary>
    /// <param name="question">The question.</param>
    /// <param name="timeout">The timeout.</param>
    /// <returns><see langword="true"/> when a timeout applies.</returns>
    public static bool TryGetTimeout(Question question, out TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(question);
        timeout = question.Timeout ?? Timeout.InfiniteTimeSpan;
        return timeout >= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan;
    }

    /// <summary>
    /// Runs <paramref name="ask"/> under the question's timeout. The token handed to <paramref name="ask"/> is
    /// cancelled on timeout; an <paramref name="ask"/> that ignores it is abandoned (its eventual result or
    /// exception is observed and dropped). Cancellation of <paramref name="cancellationToken"/> propagates.
    /// </summary>
    /// <param name="question">The question.</param>
    /// <param name="ask">Obtains the answer.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <param name="timeProvider">The clock; null uses the system clock.</param>
    /// <returns>The answer, the default, or <see cref="Answer.TimedOut"/>.</returns>
    public static async Task<Answer> AskAsync(Question question, Func<CancellationToken, Task<Answer>> ask, CancellationToken cancellationToken, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(ask);
        if (!TryGetTimeout(question, out var timeout))
        {
            return await ask(cancellationToken).ConfigureAwait(false);
        }

        if (timeout == TimeSpan.Zero)
        {
            return OnTimeout(question);
        }

        var clock = timeProvider ?? TimeProvider.System;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timer = new CancellationTokenSource(timeout, clock);
        using var link = timer.Token.Register(static state => ((CancellationTokenSource)state!).Cancel(), deadline);
        var pending = ask(deadline.Token);
        try
        {
            return await pending.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timer.IsCancellationRequested)
        {
            Observe(pending);
            return OnTimeout(question);
        }
        catch (OperationCanceledException)
        {
            Observe(pending);
            throw;
        }
    }

    private static void Observe(Task task) =>
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
