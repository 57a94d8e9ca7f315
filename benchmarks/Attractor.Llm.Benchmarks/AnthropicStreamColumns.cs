// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Attractor.Llm.Benchmarks;

/// <summary>
/// 30 measured iterations (the machine is shared, so one short job is too noisy), a <c>Min</c> column, and MB/s
/// (transcript bytes / median, MB = 10^6 bytes) and events/s (SSE events / median) columns.
/// </summary>
public sealed class AnthropicStreamColumns : ManualConfig
{
    public AnthropicStreamColumns()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(30));
        AddColumn(
            StatisticColumn.Min,
            new ThroughputColumn("MB/s (median)", (ns, _) => AnthropicStreamTranscript.Bytes / 1e6 / (ns / 1e9)),
            new ThroughputColumn("Events/s (median)", (ns, _) => AnthropicStreamTranscript.Events / (ns / 1e9)));
    }
}
