// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Text;

namespace Attractor.Backends;

/// <summary>Observes one attempt: metrics, its activity and (for the router) its lines in <c>backend-events.jsonl</c>.</summary>
internal sealed class AttemptObserver : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly BackendTelemetry _telemetry;
    private readonly string? _stageDirectory;
    private readonly Action<BackendEvent>? _then;
    private readonly CancellationTokenRegistration _cancelRegistration;
    private readonly StringBuilder _pending = new();
    private long _started = Stopwatch.GetTimestamp();
    private long _cancelRequested;
    private bool _ended;
    private Activity? _activity;

    public AttemptObserver(BackendTelemetry telemetry, string? stageDirectory, Action<BackendEvent>? then, CancellationToken cancellationToken)
    {
        _telemetry = telemetry;
        _stageDirectory = stageDirectory;
        _then = then;
        if (cancellationToken.IsCancellationRequested)
        {
            _cancelRequested = _started;
        }
        else
        {
            _cancelRegistration = cancellationToken.Register(static state => ((AttemptObserver)state!).MarkCancelRequested(), this);
        }
    }

    /// <summary>Records one event of the attempt (called in order, from one thread at a time).</summary>
    public void OnEvent(BackendEvent backendEvent)
    {
        var source = backendEvent.Source;
        var backend = new KeyValuePair<string, object?>("backend", source.Backend);
        double? durationMs = null;
        double? cancelLatencyMs = null;
        switch (backendEvent)
        {
            case BackendStarted:
                _started = Stopwatch.GetTimestamp();
                _telemetry.Events.Add(1, backend, new("kind", backendEvent.Kind));
                if (source.Attempt > 1)
                {
                    _telemetry.Retries.Add(1, backend, new("category", _telemetry.RetryCategory(source.NodeId)));
                }

                _activity ??= _telemetry.ActivitySource.StartActivity("backend.attempt", ActivityKind.Internal);
                _activity?.SetTag("attractor.backend", source.Backend)
                    .SetTag("attractor.node", source.NodeId)
                    .SetTag("attractor.attempt", source.Attempt)
                    .SetTag("attractor.provider", source.Provider)
                    .SetTag("attractor.model", source.Model)
                    .SetTag("attractor.process_id", source.Execution.ProcessId);
                break;
            case BackendDelta or BackendThinking:
                _telemetry.Chunks.Add(1, backend, new("kind", backendEvent.Kind));
                break;
            case BackendNotice:
                break;
            default:
                _telemetry.Events.Add(1, backend, new("kind", backendEvent.Kind));
                break;
        }

        if (backendEvent.IsTerminal && !_ended)
        {
            _ended = true;
            var elapsed = Stopwatch.GetElapsedTime(_started);
            durationMs = elapsed.TotalMilliseconds;
            _telemetry.StreamDuration.Record(elapsed.TotalSeconds, backend, new("outcome", backendEvent.Kind));
            switch (backendEvent)
            {
                case BackendFailed failed:
                    var category = BackendError.CategoryName(failed.Error.Category);
                    _telemetry.Failures.Add(1, backend, new("category", category), new("retryable", failed.Error.Retryable));
                    _telemetry.RememberEnd(source.NodeId, category);
                    _activity?.SetStatus(ActivityStatusCode.Error, category);
                    break;
                case BackendCanceled canceled:
                    var result = new KeyValuePair<string, object?>("result", ResultName(canceled.Result));
                    _telemetry.Cancels.Add(1, backend, result);
                    if (Interlocked.Read(ref _cancelRequested) is var requested and not 0)
                    {
                        var latency = Stopwatch.GetElapsedTime(requested);
                        cancelLatencyMs = latency.TotalMilliseconds;
                        _telemetry.CancelLatency.Record(latency.TotalSeconds, backend, result);
                    }

                    _telemetry.RememberEnd(source.NodeId, BackendError.CategoryName(BackendErrorCategory.Canceled));
                    _activity?.SetTag("attractor.cancel_result", ResultName(canceled.Result));
                    break;
                default:
                    _telemetry.RememberEnd(source.NodeId, category: null);
                    break;
            }

            _activity?.SetTag("attractor.outcome", backendEvent.Kind)
                .SetTag("attractor.session_id", source.Execution.SessionId)
                .SetTag("attractor.model", source.Model);
            _activity?.Stop();
        }

        if (_stageDirectory is not null)
        {
            _pending.Append(BackendEventLog.Serialize(backendEvent, durationMs, cancelLatencyMs)).Append('\n');
            if (backendEvent.IsTerminal || _pending.Length > 64 * 1024)
            {
                Flush();
            }
        }

        _then?.Invoke(backendEvent);
    }

    /// <summary>Writes what is pending and ends the activity of an attempt that never reported a terminal event.</summary>
    public void Dispose()
    {
        _cancelRegistration.Dispose();
        Flush();
        _activity?.Dispose();
    }

    /// <summary>The wire name of a cancel result.</summary>
    internal static string ResultName(CancelResult result) => result switch
    {
        CancelResult.Ok => "ok",
        CancelResult.NotAvailable => "not_available",
        _ => "failed",
    };

    private void MarkCancelRequested() => Interlocked.CompareExchange(ref _cancelRequested, Stopwatch.GetTimestamp(), 0);

    private void Flush()
    {
        if (_pending.Length == 0 || _stageDirectory is null)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(_stageDirectory);
            File.AppendAllText(Path.Combine(_stageDirectory, BackendEventLog.FileName), _pending.ToString(), Utf8NoBom);
        }
        catch (IOException)
        {
            // The record is a log; losing it must not fail the stage.
        }
        catch (UnauthorizedAccessException)
        {
        }

        _pending.Clear();
    }
}
