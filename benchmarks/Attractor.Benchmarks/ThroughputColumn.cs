// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Attractor.Benchmarks;

/// <summary>
/// Adds the input size and the throughput to the summary tables: <c>Input [B]</c> is the UTF-8 size
/// of the input of one invocation (one generated file, or the whole corpus), and <c>MB/s</c> is that
/// size divided by the mean, with MB = 10^6 bytes. For the phase benchmarks (parse-, transform-,
/// validate-only) it is the rate of that phase relative to the whole file.
/// </summary>
public sealed class ThroughputColumn : IColumn
{
    private readonly bool _size;

    private ThroughputColumn(bool size) => _size = size;

    /// <summary>Gets the input size column.</summary>
    public static IColumn InputBytes { get; } = new ThroughputColumn(size: true);

    /// <summary>Gets the throughput column.</summary>
    public static IColumn MegabytesPerSecond { get; } = new ThroughputColumn(size: false);

    public string Id => _size ? "Attractor.InputBytes" : "Attractor.MBps";

    public string ColumnName => _size ? "Input [B]" : "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => _size ? 0 : 1;

    public bool IsNumeric => true;

    public UnitType UnitType => _size ? UnitType.Size : UnitType.Dimensionless;

    public string Legend => _size
        ? "UTF-8 bytes of the input of one invocation (generated files are ASCII: bytes = UTF-16 chars)"
        : "Input [B] / Mean, MB = 10^6 bytes";

    /// <summary>Gets the input size of one invocation of a benchmark case, in UTF-8 bytes.</summary>
    /// <param name="benchmarkCase">The case.</param>
    public static long InputSize(BenchmarkCase benchmarkCase)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        if (benchmarkCase.Descriptor.Type == typeof(CorpusBenchmarks))
        {
            return Inputs.Corpus.Sum(static f => Inputs.Utf8Bytes(f.Text));
        }

        var nodeCount = benchmarkCase.Parameters.Items.FirstOrDefault(static p => p.Name == nameof(GeneratedPipelineBenchmarks.NodeCount));
        return nodeCount?.Value is int n ? Inputs.Utf8Bytes(Inputs.GeneratedText(n)) : 0;
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var bytes = InputSize(benchmarkCase);
        if (_size)
        {
            return bytes.ToString("N0", CultureInfo.InvariantCulture);
        }

        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null || bytes == 0 || statistics.Mean <= 0)
        {
            return "NA";
        }

        // Mean is in nanoseconds: bytes / ns * 1e9 = bytes/s; / 1e6 = MB/s.
        return (bytes / statistics.Mean * 1e3).ToString("F1", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
