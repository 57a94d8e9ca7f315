// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Attractor.Llm.Benchmarks;

/// <summary>Adds <c>MB/s</c> (transcript bytes / mean, MB = 10^6 bytes) and <c>events/s</c> (SSE events / mean) columns.</summary>
public sealed class GeminiStreamColumns : ManualConfig
{
    public GeminiStreamColumns() => AddColumn(new RateColumn(bytes: true), new RateColumn(bytes: false));

    private sealed class RateColumn(bool bytes) : IColumn
    {
        public string Id => bytes ? "Gemini.MBps" : "Gemini.EventsPerSecond";

        public string ColumnName => bytes ? "MB/s" : "events/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => bytes ? 0 : 1;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => bytes
            ? $"{GeminiStreamTranscript.Bytes:N0} transcript bytes / Mean, MB = 10^6 bytes"
            : $"{GeminiStreamTranscript.Events:N0} SSE events ({GeminiStreamTranscript.TextDeltas:N0} text chunks) / Mean";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            if (statistics is null || statistics.Mean <= 0)
            {
                return "NA";
            }

            // Mean is in nanoseconds.
            var perSecond = 1e9 / statistics.Mean;
            return bytes
                ? (GeminiStreamTranscript.Bytes * perSecond / 1e6).ToString("F1", CultureInfo.InvariantCulture)
                : (GeminiStreamTranscript.Events * perSecond).ToString("N0", CultureInfo.InvariantCulture);
        }
    }
}
