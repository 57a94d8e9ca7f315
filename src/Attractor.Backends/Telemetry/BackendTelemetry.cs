// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Attractor.Pipelines.Backends;

namespace Attractor.Backends;

/// <summary>
/// Metrics and traces of backend attempts through a <see cref="Meter"/> and an <see cref="ActivitySource"/> named
/// <see cref="Name"/> (OpenTelemetry: <c>AddMeter(BackendTelemetry.Name)</c>, <c>AddSource(BackendTelemetry.Name)</c>).
/// Every attempt the <see cref="BackendRouter"/> runs passes through here, whichever backend runs it; a stream
/// consumed without the router can be passed through <see cref="Observe"/>.
/// </summary>
/// <remarks>
/// Instruments (all tagged <c>backend</c>): <c>attractor.backend.events</c> (lifecycle events: started, tool_call,
/// tool_result, completed, failed, canceled; tag <c>kind</c>), <c>attractor.backend.chunks</c> (delta and thinking
/// chunks, tag <c>kind</c>), <c>attractor.backend.stream.duration</c> (seconds from <c>started</c> to the terminal
/// event, tag <c>outcome</c>), <c>attractor.backend.failures</c> (tags <c>category</c>, <c>retryable</c>),
/// <c>attractor.backend.cancels</c> and <c>attractor.backend.cancel.latency</c> (seconds from the cancel request to
/// <c>canceled</c>; both tag <c>result</c>), <c>attractor.backend.retries</c> (attempts after the first — the engine
/// retried the stage — tag <c>category</c>: the category of the attempt before, or <c>outcome</c> when the stage
/// asked for the retry itself). One activity <c>backend.attempt</c> spans each attempt. Thread-safe.
/// </remarks>
public sealed class BackendTelemetry : IDisposable
{
    /// <summary>The meter and activity source name.</summary>
    public const string Name = "Attractor.Backends";

    /// <summary>The retry category of a stage that asked for a retry itself (no failed attempt before).</summary>
    public const string OutcomeRetryCategory = "outcome";

    private readonly ConcurrentDictionary<string, string> _lastFailures = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="BackendTelemetry"/> class with its own meter and activity source.</summary>
    /// <param name="name">The meter and activity source name; default <see cref="Name"/> (tests use their own to stay apart).</param>
    public BackendTelemetry(string name = Name)
    {
        Meter = new Meter(name, "1.0");
        ActivitySource = new ActivitySource(name, "1.0");
        Events = Meter.CreateCounter<long>("attractor.backend.events", "{event}", "Backend lifecycle events by backend and kind.");
        Chunks = Meter.CreateCounter<long>("attractor.backend.chunks", "{chunk}", "Text delta and thinking chunks by backend.");
        StreamDuration = Meter.CreateHistogram<double>("attractor.backend.stream.duration", "s", "Time from started to the terminal event of an attempt.");
        Failures = Meter.CreateCounter<long>("attractor.backend.failures", "{attempt}", "Failed attempts by backend, error category and retryability.");
        Cancels = Meter.CreateCounter<long>("attractor.backend.cancels", "{attempt}", "Canceled attempts by backend and cancel result.");
        CancelLatency = Meter.CreateHistogram<double>("attractor.backend.cancel.latency", "s", "Time from the cancel request to the canceled event.");
        Retries = Meter.CreateCounter<long>("attractor.backend.retries", "{attempt}", "Attempts after the first, by backend and the category of the attempt before.");
    }

    /// <summary>Gets the process-wide instance (named <see cref="Name"/>) the router uses by default.</summary>
    public static BackendTelemetry Shared { get; } = new();

    /// <summary>Gets the meter.</summary>
    public Meter Meter { get; }

    /// <summary>Gets the activity source; one activity <c>backend.attempt</c> per attempt.</summary>
    public ActivitySource ActivitySource { get; }

    internal Counter<long> Events { get; }

    internal Counter<long> Chunks { get; }

    internal Histogram<double> StreamDuration { get; }

    internal Counter<long> Failures { get; }

    internal Counter<long> Cancels { get; }

    internal Histogram<double> CancelLatency { get; }

    internal Counter<long> Retries { get; }

    /// <summary>Records the events of one attempt as they pass through, unchanged (for streams consumed without the router).</summary>
    /// <param name="events">One attempt's events (started ... terminal).</param>
    /// <param name="cancellationToken">The attempt's cancellation token (for the cancel latency); not used to stop the stream, which ends with its own canceled event.</param>
    /// <returns>The same events.</returns>
    public async IAsyncEnumerable<BackendEvent> Observe(IAsyncEnumerable<BackendEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var observer = new AttemptObserver(this, stageDirectory: null, then: null, cancellationToken);
        await foreach (var backendEvent in events.WithCancellation(CancellationToken.None).ConfigureAwait(false))
        {
            observer.OnEvent(backendEvent);
            yield return backendEvent;
        }
    }

    /// <summary>Disposes the meter and the activity source.</summary>
    public void Dispose()
    {
        Meter.Dispose();
        ActivitySource.Dispose();
    }

    /// <summary>Begins observing one attempt of the router: metrics, activity and <c>backend-events.jsonl</c> in the stage directory.</summary>
    internal AttemptObserver BeginAttempt(CodergenRequest request, Action<BackendEvent>? then, CancellationToken cancellationToken) =>
        new(this, request.StageDirectory, then, cancellationToken);

    /// <summary>The category of the last attempt of a node that did not complete, which a retry is counted under.</summary>
    internal string RetryCategory(string nodeId) => _lastFailures.TryGetValue(nodeId, out var category) ? category : OutcomeRetryCategory;

    internal void RememberEnd(string nodeId, string? category)
    {
        if (category is null)
        {
            _lastFailures.TryRemove(nodeId, out _);
        }
        else
        {
            _lastFailures[nodeId] = category;
        }
    }
}
