// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Attractor.Llm.Tests.Telemetry;

/// <summary>
/// Captures the <c>Attractor.Llm</c> activities and measurements of one model name (tests run in parallel, so each
/// uses its own model to tell its telemetry apart).
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly string model;
    private readonly ActivityListener activityListener;
    private readonly MeterListener meterListener;
    private readonly Lock gate = new();
    private readonly List<Activity> activities = [];
    private readonly List<Measurement> measurements = [];

    public TelemetryCapture(string model, Meter? meter = null)
    {
        this.model = model;
        activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Attractor.Llm",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("gen_ai.request.model") as string == model)
                {
                    lock (gate)
                    {
                        activities.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(activityListener);

        meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (meter is null ? instrument.Meter.Name == "Attractor.Llm" : ReferenceEquals(instrument.Meter, meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        meterListener.Start();
    }

    public IReadOnlyList<Activity> Activities
    {
        get
        {
            lock (gate)
            {
                return [.. activities];
            }
        }
    }

    public IReadOnlyList<Measurement> Measurements
    {
        get
        {
            lock (gate)
            {
                return [.. measurements];
            }
        }
    }

    public IReadOnlyList<Measurement> Of(string instrument) => [.. Measurements.Where(m => m.Instrument == instrument)];

    public void Dispose()
    {
        activityListener.Dispose();
        meterListener.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
        if (copy.TryGetValue("gen_ai.request.model", out var tagged) && tagged as string == model)
        {
            lock (gate)
            {
                measurements.Add(new Measurement(instrument.Name, instrument.Unit, value, copy));
            }
        }
    }

    internal sealed record Measurement(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags);
}
