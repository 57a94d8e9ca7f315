// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Attractor.Llm.Benchmarks;

/// <summary>
/// 30 measured iterations (the machine is shared and loaded, so one short job is too noisy), a <c>Min</c> column, and
/// <c>MB/s</c> (transcript bytes / median, MB = 10^6 bytes) and <c>events/s</c> (SSE events / median) columns.
/// </summary>
public sealed class AnthropicStreamColumns : ManualConfig
{
    public AnthropicStreamColumns()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(30));
        AddColumn(StatisticColumn.Min, new RateColumn(bytes: true), new RateColumn(bytes: false));
    }

    private sealed class RateColumn(bool bytes) : IColumn
    {
        public string Id => bytes ? "Anthropic.MBps" : "Anthropic.EventsPerSecond";

        public string ColumnName => bytes ? "MB/s" : "events/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => bytes ? 0 : 1;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => bytes
            ? $"{AnthropicStreamTranscript.Bytes:N0} transcript bytes / Median, MB = 10^6 bytes"
            : $"{AnthropicStreamTranscript.Events:N0} SSE events ({AnthropicStreamTranscript.TextDeltas:N0} text_delta) / Median";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            if (statistics is null || statistics.Median <= 0)
            {
                return "NA";
            }

            // The median is in nanoseconds; it resists the outliers other processes cause.
            var perSecond = 1e9 / statistics.Median;
            return bytes
                ? (AnthropicStreamTranscript.Bytes * perSecond / 1e6).ToString("F1", CultureInfo.InvariantCulture)
                : (AnthropicStreamTranscript.Events * perSecond).ToString("N0", CultureInfo.InvariantCulture);
        }
    }
}
