// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Attractor.Llm;

/// <summary>The <see cref="ActivitySource"/> and the GenAI client histograms, all named <c>Attractor.Llm</c>.</summary>
internal sealed class LlmInstruments
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "Attractor.Llm";

    private static readonly string? Version = typeof(LlmInstruments).Assembly.GetName().Version?.ToString();

    // Bucket boundaries the GenAI conventions recommend for each histogram.
    private static readonly double[] DurationBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
    private static readonly long[] TokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    private static readonly Lazy<LlmInstruments> SharedInstance = new(() => new LlmInstruments(new Meter(Name, Version)));

    private LlmInstruments(Meter meter)
    {
        TokenUsage = meter.CreateHistogram<long>(
            GenAiAttributes.TokenUsageMetric,
            "{token}",
            "Number of input and output tokens used.",
            tags: null,
            new InstrumentAdvice<long> { HistogramBucketBoundaries = TokenBuckets });
        OperationDuration = meter.CreateHistogram<double>(
            GenAiAttributes.OperationDurationMetric,
            "s",
            "GenAI operation duration.",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        TimeToFirstChunk = meter.CreateHistogram<double>(
            GenAiAttributes.TimeToFirstChunkMetric,
            "s",
            "Time to receive the first chunk of a streaming response.",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    /// <summary>Gets the activity source.</summary>
    public static ActivitySource Source { get; } = new(Name, Version);

    /// <summary>Gets the instruments on the process-wide meter.</summary>
    public static LlmInstruments Shared => SharedInstance.Value;

    /// <summary>Gets <c>gen_ai.client.token.usage</c>.</summary>
    public Histogram<long> TokenUsage { get; }

    /// <summary>Gets <c>gen_ai.client.operation.duration</c>.</summary>
    public Histogram<double> OperationDuration { get; }

    /// <summary>Gets <c>gen_ai.client.operation.time_to_first_chunk</c>.</summary>
    public Histogram<double> TimeToFirstChunk { get; }

    /// <summary>Creates instruments on a meter from a factory (dependency injection; the factory owns the meter).</summary>
    /// <param name="factory">The factory.</param>
    /// <returns>The instruments.</returns>
    public static LlmInstruments Create(IMeterFactory factory) => new(factory.Create(new MeterOptions(Name) { Version = Version }));
}
