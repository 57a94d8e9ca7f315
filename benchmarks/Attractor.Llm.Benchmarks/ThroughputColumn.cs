// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Attractor.Llm.Benchmarks;

/// <summary>
/// A column derived from a benchmark's median time (robust against the outliers a loaded machine produces) and its
/// allocations: events/s, MB/s, bytes per text delta.
/// </summary>
/// <param name="name">The header.</param>
/// <param name="value">Computes the cell from the median in nanoseconds and the bytes allocated per operation.</param>
public sealed class ThroughputColumn(string name, Func<double, long, double> value) : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(ThroughputColumn) + "." + name;

    /// <inheritdoc/>
    public string ColumnName => name;

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => name;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics)
        {
            return "-";
        }

        var allocated = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) ?? 0;
        return value(statistics.Median, allocated).ToString("N0", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;
}
