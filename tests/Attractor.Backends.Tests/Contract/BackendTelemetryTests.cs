// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Attractor.Backends.Harness;
using Attractor.Backends.Tests.Harness;

namespace Attractor.Backends.Tests.Contract;

/// <summary>The instruments recorded from a backend's events (a harness backend driving a stand-in process).</summary>
[Collection(Harness.RealCli.RealCliCollection.Name)]
public sealed class BackendTelemetryTests : IDisposable
{
    private readonly HarnessProcessTests _processes = new();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();

    // A meter of this test's own: other tests record on theirs (or the shared one) in parallel.
    private readonly BackendTelemetry _telemetry = new("Attractor.Backends.Tests." + Guid.NewGuid().ToString("N"));

    public BackendTelemetryTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _telemetry.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _telemetry.Dispose();
        _processes.Dispose();
    }

    [Fact]
    public async Task A_completed_attempt_counts_its_lifecycle_events_chunks_and_duration_and_traces_one_activity()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => ReferenceEquals(source, _telemetry.ActivitySource),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(activityListener);

        await DrainAsync(_telemetry.Observe(HarnessBackend.ClaudeCode(_processes.Options("claude-tool.jsonl")).StreamAsync(_processes.Temp.Request("hi"), CancellationToken.None), CancellationToken.None));

        Assert.Equal(1, Sum("attractor.backend.events", ("kind", "started")));
        Assert.Equal(1, Sum("attractor.backend.events", ("kind", "tool_call")));
        Assert.Equal(1, Sum("attractor.backend.events", ("kind", "completed")));
        Assert.Equal(2, Sum("attractor.backend.chunks", ("kind", "delta")));
        Assert.Equal(1, Sum("attractor.backend.chunks", ("kind", "thinking")));
        Assert.Single(Measured("attractor.backend.stream.duration", ("outcome", "completed")));
        var activity = Assert.Single(activities, a => (string?)a.GetTagItem("attractor.backend") == "claude-code");
        Assert.Equal("completed", activity.GetTagItem("attractor.outcome"));
        Assert.Equal("c08a0e2e-f4cc-48e9-aa1e-b30079dfc02d", activity.GetTagItem("attractor.session_id"));
    }

    [Fact]
    public async Task A_failed_attempt_counts_its_category_and_a_retry_counts_as_a_retry()
    {
        var context = new Pipelines.PipelineContext();
        context.Set("internal.retry_count.node", 1);

        var events = await DrainAsync(_telemetry.Observe(HarnessBackend.Codex(_processes.Options("codex-503.jsonl", exitCode: 1)).StreamAsync(_processes.Temp.Request("hi", context), CancellationToken.None), CancellationToken.None));

        Assert.IsType<BackendFailed>(events[^1]);

        var failure = Assert.Single(Measured("attractor.backend.failures"));
        Assert.Equal(("provider", true), ((string?)failure.Tags["category"], (bool?)failure.Tags["retryable"]));
        Assert.Equal(1, Sum("attractor.backend.retries"));
    }

    [Fact]
    public async Task A_cancel_records_its_latency_and_result()
    {
        var options = _processes.Options("gemini-out.jsonl") with { CancelGracePeriod = TimeSpan.FromMilliseconds(200) };
        options = options with { Environment = new Dictionary<string, string?>(options.Environment) { ["HANG"] = "1" } };
        using var cancel = new CancellationTokenSource();

        await foreach (var backendEvent in _telemetry.Observe(HarnessBackend.GeminiCli(options).StreamAsync(_processes.Temp.Request("hi"), cancel.Token), cancel.Token))
        {
            if (backendEvent is BackendStarted)
            {
                await cancel.CancelAsync();
            }
        }

        var latency = Assert.Single(Measured("attractor.backend.cancel.latency"));
        Assert.Equal("ok", latency.Tags["result"]);
        Assert.True(latency.Value >= 0);
        Assert.Equal(1, Sum("attractor.backend.events", ("kind", "canceled")));
    }

    private static async Task<List<BackendEvent>> DrainAsync(IAsyncEnumerable<BackendEvent> events)
    {
        var list = new List<BackendEvent>();
        await foreach (var backendEvent in events)
        {
            list.Add(backendEvent);
        }

        return list;
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue((instrument.Name, value, copy));
    }

    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measured(string instrument, params (string Key, string Value)[] tags) =>
        [.. _measurements.Where(m => m.Instrument == instrument && tags.All(tag => Equals(m.Tags.GetValueOrDefault(tag.Key), tag.Value)))];

    private double Sum(string instrument, params (string Key, string Value)[] tags) => Measured(instrument, tags).Sum(m => m.Value);
}
