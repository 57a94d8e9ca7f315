// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Attractor.Dot;

namespace Attractor.Benchmarks;

/// <summary>
/// <c>--paired [pairs]</c>: the 20k/10k ratio of <see cref="PipelineLoader.Load"/> measured in
/// adjacent pairs of short blocks, one of each size, within one process. On a shared VM whose speed
/// drifts by a third within minutes, a BenchmarkDotNet run measures the 10k and the 20k input
/// seconds apart, and its ratio moves with the drift (1.7× to 2.9× for one build); a pair's two
/// blocks are a fraction of a second apart, so the drift cancels in their ratio. Each block loads
/// its input a few times unmeasured first (the collector tunes its budgets to what survives), then
/// times a run of loads long enough for several collections (about 0.45 per 10k load and 0.9 per 20k
/// load), so the block's mean carries the collector's share as a BenchmarkDotNet mean does; the
/// pairs alternate which size goes first. Prints the median and quartiles of the pair ratios and of
/// the block means, under the process's collector settings (the defaults unless DOTNET_gcServer /
/// DOTNET_gcConcurrent say otherwise).
/// </summary>
public static class PairedRatioProbe
{
    private const int WarmUpLoads = 3;

    // Nine collections per 10k block on average, as many per 20k block; about 0.7 s each.
    private const int SmallLoads = 20;

    /// <summary>Runs the probe.</summary>
    /// <param name="pairs">How many pairs of blocks to measure.</param>
    public static void Run(int pairs)
    {
        var small = Inputs.GeneratedText(10_000);
        var large = Inputs.GeneratedText(20_000);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"collector: {(GCSettings.IsServerGC ? "server" : "workstation")}, latency mode {GCSettings.LatencyMode}; {pairs} pairs"));
        for (var i = 0; i < WarmUpLoads * 3; i++)
        {
            Load(small);
            Load(large);
        }

        var ratios = new List<double>();
        var smallTimes = new List<double>();
        var largeTimes = new List<double>();
        for (var pair = 0; pair < pairs; pair++)
        {
            double smallMs, largeMs;
            if (pair % 2 == 0)
            {
                smallMs = Block(small, SmallLoads);
                largeMs = Block(large, SmallLoads / 2);
            }
            else
            {
                largeMs = Block(large, SmallLoads / 2);
                smallMs = Block(small, SmallLoads);
            }

            smallTimes.Add(smallMs);
            largeTimes.Add(largeMs);
            ratios.Add(largeMs / smallMs);
        }

        Console.WriteLine("| | lower quartile | median | upper quartile |");
        Console.WriteLine("|---|---:|---:|---:|");
        Row("10k load, block mean [ms]", smallTimes, "F1");
        Row("20k load, block mean [ms]", largeTimes, "F1");
        Row("20k / 10k", ratios, "F3");
    }

    private static double Block(string text, int loads)
    {
        for (var i = 0; i < WarmUpLoads; i++)
        {
            Load(text);
        }

        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < loads; i++)
        {
            Load(text);
        }

        return Stopwatch.GetElapsedTime(start).TotalMilliseconds / loads;
    }

    private static void Load(string text)
    {
        if (PipelineLoader.Default.Load(text, "big.dot").HasErrors)
        {
            throw new InvalidOperationException("The generated pipeline has errors.");
        }
    }

    private static void Row(string name, List<double> values, string format) =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {Quantile(values, 0.25).ToString(format, CultureInfo.InvariantCulture)} | {Quantile(values, 0.5).ToString(format, CultureInfo.InvariantCulture)} | {Quantile(values, 0.75).ToString(format, CultureInfo.InvariantCulture)} |"));

    // Linear interpolation between the closest ranks.
    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
