// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;

namespace Attractor.Llm;

/// <summary>
/// A running high-level stream (<see cref="Llm.StreamAsync"/>): enumerate it once for the events of every step
/// (a <see cref="StreamEventType.StepFinish"/> event separates steps, one <see cref="StreamEventType.Finish"/> ends
/// it), or await <see cref="ResponseAsync"/> / enumerate <see cref="TextStream"/>. The request is sent when
/// enumeration starts.
/// </summary>
public sealed class StreamResult : IAsyncEnumerable<StreamEvent>
{
    private readonly Func<StreamResult, CancellationToken, IAsyncEnumerable<StreamEvent>> producer;
    private readonly CancellationToken cancellationToken;
    private readonly TaskCompletionSource<GenerateResult> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<StepResult> steps = [];
    private readonly Lock gate = new();
    private int started;
    private StreamAccumulator? current;

    internal StreamResult(Func<StreamResult, CancellationToken, IAsyncEnumerable<StreamEvent>> producer, CancellationToken cancellationToken)
    {
        this.producer = producer;
        this.cancellationToken = cancellationToken;
    }

    /// <summary>Gets the text deltas only (enumerating it consumes the stream).</summary>
    public IAsyncEnumerable<string> TextStream => ReadTextAsync();

    /// <summary>Gets the current step's response so far; null before the first event. Safe to read from any thread.</summary>
    public Response? PartialResponse
    {
        get
        {
            lock (gate)
            {
                return current?.GetResponse();
            }
        }
    }

    /// <summary>Gets the steps completed so far (with their tool results).</summary>
    public IReadOnlyList<StepResult> Steps
    {
        get
        {
            lock (gate)
            {
                return [.. steps];
            }
        }
    }

    /// <summary>
    /// Returns the final response. If nobody enumerates the stream, this consumes it; otherwise it completes when
    /// the enumeration does.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (and, when this call consumes the stream, cancels it).</param>
    /// <returns>The response of the last step.</returns>
    /// <exception cref="LlmException">The stream failed.</exception>
    public async Task<Response> ResponseAsync(CancellationToken cancellationToken = default) =>
        (await ResultAsync(cancellationToken).ConfigureAwait(false)).Response;

    /// <summary>Returns the whole outcome (every step, total usage), consuming the stream if nobody else does.</summary>
    /// <param name="cancellationToken">Stops waiting (and, when this call consumes the stream, cancels it).</param>
    /// <returns>The result.</returns>
    public async Task<GenerateResult> ResultAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref started) == 0)
        {
            try
            {
                await foreach (var _ in WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                }
            }
            catch (InvalidOperationException) when (completion.Task.IsCompleted || Volatile.Read(ref started) != 0)
            {
                // Someone else started enumerating first; wait for them below.
            }
        }

        return await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public IAsyncEnumerator<StreamEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref started, 1) != 0)
        {
            throw new InvalidOperationException("A stream can be enumerated only once; use ResponseAsync or Steps for its outcome.");
        }

        return EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    internal void BeginStep(StreamAccumulator accumulator)
    {
        lock (gate)
        {
            current = accumulator;
        }
    }

    internal void Process(StreamAccumulator accumulator, StreamEvent item)
    {
        // Under the lock: PartialResponse may be read from another thread while events arrive.
        lock (gate)
        {
            accumulator.Process(item);
        }
    }

    internal void AddStep(StepResult step)
    {
        lock (gate)
        {
            steps.Add(step);
        }
    }

    private async IAsyncEnumerable<StreamEvent> EnumerateAsync([EnumeratorCancellation] CancellationToken enumeratorToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, enumeratorToken);
        var completed = false;
        try
        {
            await using var events = producer(this, linked.Token).GetAsyncEnumerator(linked.Token);
            while (true)
            {
                bool more;
                try
                {
                    more = await events.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception error)
                {
                    completion.TrySetException(error);
                    throw;
                }

                if (!more)
                {
                    break;
                }

                yield return events.Current;
            }

            completed = true;
            lock (gate)
            {
                completion.TrySetResult(GenerateResult.FromSteps([.. steps]));
            }
        }
        finally
        {
            if (!completed)
            {
                completion.TrySetException(new InvalidOperationException("The stream was closed before it finished; PartialResponse holds what arrived."));
            }
        }
    }

    private async IAsyncEnumerable<string> ReadTextAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (item.Type == StreamEventType.TextDelta && item.Delta is { Length: > 0 } delta)
            {
                yield return delta;
            }
        }
    }

    private ConfiguredCancelableAsyncEnumerable<StreamEvent> WithCancellation(CancellationToken token) =>
        TaskAsyncEnumerableExtensions.WithCancellation(this, token);
}
