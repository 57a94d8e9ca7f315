// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Attractor.Agent.Benchmarks;

/// <summary>The median time of one session divided by its model calls, in microseconds.</summary>
public sealed class PerTurnColumn : IColumn
{
    private PerTurnColumn()
    {
    }

    public static IColumn Instance { get; } = new PerTurnColumn();

    public string Id => "Attractor.PerTurn";

    public string ColumnName => "Per turn [µs]";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Median / ModelCalls, in µs";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        var calls = benchmarkCase.Parameters["ModelCalls"] is int n ? n : 0;
        return statistics is null || calls == 0 ? "NA" : (statistics.Median / calls / 1e3).ToString("F1", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
