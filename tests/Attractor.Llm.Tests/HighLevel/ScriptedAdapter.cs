// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Attractor.Llm.Tests.HighLevel;

/// <summary>
/// An in-memory provider adapter that plays a script: each call takes the next queued answer (a response, an
/// exception, an event sequence, or a function of the request) and every request is recorded.
/// </summary>
internal sealed class ScriptedAdapter(string name = "scripted") : IProviderAdapter
{
    private readonly ConcurrentQueue<Func<Request, CancellationToken, Task<Response>>> completions = new();
    private readonly ConcurrentQueue<Func<Request, CancellationToken, IAsyncEnumerable<StreamEvent>>> streams = new();
    private readonly ConcurrentQueue<Request> requests = new();

    public string Name { get; } = name;

    public IReadOnlyList<Request> Requests => [.. requests];

    /// <summary>Gets how many stream enumerators were disposed (the stream was closed).</summary>
    public int StreamsClosed => streamsClosed;

    private int streamsClosed;

    public ScriptedAdapter Respond(Response response) => Respond((_, _) => Task.FromResult(response));

    public ScriptedAdapter Respond(Func<Request, CancellationToken, Task<Response>> answer)
    {
        completions.Enqueue(answer);
        return this;
    }

    public ScriptedAdapter Throw(Exception error) => Respond((_, _) => Task.FromException<Response>(error));

    public ScriptedAdapter HangUntilCancelled() => Respond(async (_, ct) =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("unreachable");
    });

    public ScriptedAdapter Stream(params StreamEvent[] events) => Stream(events, failure: null);

    /// <summary>Queues a stream that yields the events, then throws the failure (if any).</summary>
    public ScriptedAdapter Stream(IReadOnlyList<StreamEvent> events, Exception? failure, TimeSpan? delayBetween = null)
    {
        streams.Enqueue((_, ct) => Play(events, failure, delayBetween, ct));
        return this;
    }

    public ScriptedAdapter StreamThrowsAtOnce(Exception error) => Stream([], error);

    /// <summary>Queues a stream that yields the events at once, then stalls until cancelled.</summary>
    public ScriptedAdapter StreamThenHang(params StreamEvent[] events)
    {
        streams.Enqueue((_, ct) => PlayThenHang(events, ct));
        return this;
    }

    public Task<Response> CompleteAsync(Request request, CancellationToken cancellationToken = default)
    {
        requests.Enqueue(request);
        return completions.TryDequeue(out var answer)
            ? answer(request, cancellationToken)
            : throw new InvalidOperationException("The script has no more completions.");
    }

    public IAsyncEnumerable<StreamEvent> StreamAsync(Request request, CancellationToken cancellationToken = default)
    {
        requests.Enqueue(request);
        return streams.TryDequeue(out var answer)
            ? answer(request, cancellationToken)
            : throw new InvalidOperationException("The script has no more streams.");
    }

    private async IAsyncEnumerable<StreamEvent> PlayThenHang(IReadOnlyList<StreamEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            foreach (var item in events)
            {
                yield return item;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        finally
        {
            Interlocked.Increment(ref streamsClosed);
        }
    }

    private async IAsyncEnumerable<StreamEvent> Play(IReadOnlyList<StreamEvent> events, Exception? failure, TimeSpan? delayBetween, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            foreach (var item in events)
            {
                if (delayBetween is { } delay)
                {
                    await Task.Delay(delay, cancellationToken);
                }

                cancellationToken.ThrowIfCancellationRequested();
                yield return item;
            }

            if (failure is not null)
            {
                throw failure;
            }
        }
        finally
        {
            Interlocked.Increment(ref streamsClosed);
        }
    }
}
