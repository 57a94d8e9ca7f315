// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Attractor.Backends.Tests.Telemetry;

/// <summary>Listens to one <see cref="BackendTelemetry"/> instance's meter (other tests' instances are ignored) and keeps every measurement.</summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public MetricsRecorder(BackendTelemetry telemetry, Action<Measurement>? onMeasurement = null)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, telemetry.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();

        void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var measurement = new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value?.ToString(), StringComparer.Ordinal));
            _measurements.Enqueue(measurement);
            onMeasurement?.Invoke(measurement);
        }
    }

    public IReadOnlyList<Measurement> Measurements => [.. _measurements];

    /// <summary>Sum of an instrument's values (counters) or count of its recordings (histograms), per the given tag values.</summary>
    public SortedDictionary<string, double> Summary(string instrument, bool count, params string[] tags)
    {
        var summary = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var measurement in _measurements.Where(m => m.Instrument == instrument))
        {
            var key = string.Join("/", tags.Select(tag => measurement.Tags.GetValueOrDefault(tag) ?? "-"));
            summary[key] = summary.GetValueOrDefault(key) + (count ? 1 : measurement.Value);
        }

        return summary;
    }

    public void Dispose() => _listener.Dispose();

    internal sealed record Measurement(string Instrument, double Value, Dictionary<string, string?> Tags);
}
