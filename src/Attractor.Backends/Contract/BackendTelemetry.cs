// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Attractor.Backends;

/// <summary>
/// Metrics and traces of backend attempts through <see cref="Meter"/> and <see cref="ActivitySource"/> named
/// <see cref="Name"/> (OpenTelemetry: <c>AddMeter(BackendTelemetry.Name)</c>, <c>AddSource(BackendTelemetry.Name)</c>).
/// Every backend gets the same instruments by passing its event stream through <see cref="Observe"/>.
/// </summary>
/// <remarks>
/// Instruments (all tagged <c>backend</c>): <c>attractor.backend.events</c> (lifecycle events, tag <c>kind</c>),
/// <c>attractor.backend.chunks</c> (delta and thinking chunks, tag <c>kind</c>), <c>attractor.backend.stream.duration</c>
/// (seconds from <c>started</c> to the terminal event, tag <c>outcome</c>), <c>attractor.backend.cancel.latency</c>
/// (seconds from the cancel request to <c>canceled</c>, tag <c>result</c>), <c>attractor.backend.failures</c> (tags
/// <c>category</c>, <c>retryable</c>) and <c>attractor.backend.retries</c> (attempts after the first). One activity
/// <c>backend.attempt</c> spans each attempt.
/// </remarks>
public static class BackendTelemetry
{
    /// <summary>The meter and activity source name.</summary>
    public const string Name = "Attractor.Backends";

    private static readonly Meter Meter = new(Name);
    private static readonly ActivitySource Source = new(Name);
    private static readonly Counter<long> Events = Meter.CreateCounter<long>("attractor.backend.events", description: "Backend lifecycle events by backend and kind.");
    private static readonly Counter<long> Chunks = Meter.CreateCounter<long>("attractor.backend.chunks", description: "Text delta and thinking chunks by backend.");
    private static readonly Histogram<double> StreamDuration = Meter.CreateHistogram<double>("attractor.backend.stream.duration", "s", "Time from started to the terminal event of an attempt.");
    private static readonly Histogram<double> CancelLatency = Meter.CreateHistogram<double>("attractor.backend.cancel.latency", "s", "Time from the cancel request to the canceled event.");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>("attractor.backend.failures", description: "Failed attempts by backend, error category and retryability.");
    private static readonly Counter<long> Retries = Meter.CreateCounter<long>("attractor.backend.retries", description: "Attempts after the first, by backend.");

    /// <summary>Records the events of one attempt as they pass through, unchanged.</summary>
    /// <param name="events">One attempt's events (started ... terminal).</param>
    /// <param name="cancellationToken">The attempt's cancellation token (for the cancel latency).</param>
    /// <returns>The same events.</returns>
    public static async IAsyncEnumerable<BackendEvent> Observe(IAsyncEnumerable<BackendEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        long? cancelRequested = null;
        using var registration = cancellationToken.Register(() => cancelRequested ??= Stopwatch.GetTimestamp());
        long started = Stopwatch.GetTimestamp();
        Activity? activity = null;
        try
        {
            // The inner stream turns cancellation into a canceled event; it must see the token but never throw for it.
            await foreach (var backendEvent in events.WithCancellation(CancellationToken.None).ConfigureAwait(false))
            {
                var backend = new KeyValuePair<string, object?>("backend", backendEvent.Source.Backend);
                switch (backendEvent)
                {
                    case BackendStarted:
                        started = Stopwatch.GetTimestamp();
                        activity = StartActivity(backendEvent.Source);
                        Events.Add(1, backend, new("kind", backendEvent.Kind));
                        if (backendEvent.Source.Attempt > 1)
                        {
                            Retries.Add(1, backend);
                        }

                        break;
                    case BackendDelta or BackendThinking:
                        Chunks.Add(1, backend, new("kind", backendEvent.Kind));
                        break;
                    case BackendNotice:
                        break;
                    default:
                        Events.Add(1, backend, new("kind", backendEvent.Kind));
                        break;
                }

                if (backendEvent.IsTerminal)
                {
                    StreamDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, backend, new("outcome", backendEvent.Kind));
                    Finish(activity, backendEvent, cancelRequested);
                    activity = null;
                }

                yield return backendEvent;
            }
        }
        finally
        {
            activity?.Dispose();
        }
    }

    private static Activity? StartActivity(BackendEventSource source)
    {
        var activity = Source.StartActivity("backend.attempt");
        activity?.SetTag("attractor.backend", source.Backend);
        activity?.SetTag("attractor.node", source.NodeId);
        activity?.SetTag("attractor.attempt", source.Attempt);
        activity?.SetTag("attractor.provider", source.Provider);
        activity?.SetTag("attractor.model", source.Model);
        activity?.SetTag("attractor.process_id", source.Execution.ProcessId);
        return activity;
    }

    private static void Finish(Activity? activity, BackendEvent terminal, long? cancelRequested)
    {
        var backend = new KeyValuePair<string, object?>("backend", terminal.Source.Backend);
        switch (terminal)
        {
            case BackendFailed failed:
                Failures.Add(1, backend, new("category", BackendError.CategoryName(failed.Error.Category)), new("retryable", failed.Error.Retryable));
                activity?.SetStatus(ActivityStatusCode.Error, BackendError.CategoryName(failed.Error.Category));
                break;
            case BackendCanceled canceled:
                var result = canceled.Result switch { CancelResult.Ok => "ok", CancelResult.NotAvailable => "not_available", _ => "failed" };
                if (cancelRequested is { } requested)
                {
                    CancelLatency.Record(Stopwatch.GetElapsedTime(requested).TotalSeconds, backend, new("result", result));
                }

                activity?.SetTag("attractor.cancel_result", result);
                break;
        }

        activity?.SetTag("attractor.outcome", terminal.Kind);
        activity?.SetTag("attractor.session_id", terminal.Source.Execution.SessionId);
        activity?.SetTag("attractor.model", terminal.Source.Model);
        activity?.Dispose();
    }
}
