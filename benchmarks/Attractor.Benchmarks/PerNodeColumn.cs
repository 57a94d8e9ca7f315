// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Attractor.Benchmarks;

/// <summary>The median time of one invocation divided by the 1,000 no-op nodes it runs, in milliseconds.</summary>
public sealed class PerNodeColumn : IColumn
{
    private PerNodeColumn()
    {
    }

    /// <summary>Gets the column.</summary>
    public static IColumn Instance { get; } = new PerNodeColumn();

    public string Id => "Attractor.PerNode";

    public string ColumnName => "Per node [ms]";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Median / " + EnginePipelines.WorkNodes.ToString(CultureInfo.InvariantCulture) + " no-op nodes, in ms";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var statistics = summary[benchmarkCase]?.ResultStatistics;

        // Nanoseconds per invocation / nodes / 1e6 = ms per node.
        return statistics is null ? "NA" : (statistics.Median / EnginePipelines.WorkNodes / 1e6).ToString("F3", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
