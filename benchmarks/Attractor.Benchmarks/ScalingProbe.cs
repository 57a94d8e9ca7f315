// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using Attractor.Dot;
using Attractor.Dot.Validation;

namespace Attractor.Benchmarks;

/// <summary>
/// <c>--scaling</c>: a plain steady-state loop (no BenchmarkDotNet) that splits the time of
/// <see cref="PipelineLoader.Load"/> into garbage-collector pauses and the rest, per input size, to
/// show which part grows faster than the input; the same for the parse alone and for a validation
/// of the loaded graph. Diagnostic only; the BenchmarkDotNet suite is the
/// measurement of record.
/// </summary>
public static class ScalingProbe
{
    /// <summary>Runs the probe and prints one table row per node count.</summary>
    /// <param name="nodeCounts">The node counts.</param>
    /// <param name="iterations">Measured loads per node count (after as many warm-up loads).</param>
    public static void Run(IReadOnlyList<int> nodeCounts, int iterations)
    {
        ArgumentNullException.ThrowIfNull(nodeCounts);
        Console.WriteLine("| Phase, nodes | Input [MB] | Time [ms] | GC pause [ms] | Time - GC pause [ms] | MB/s | GCs gen0/1/2 per call | Allocated [MB] |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var nodeCount in nodeCounts)
        {
            var text = Inputs.GeneratedText(nodeCount);
            var megabytes = Inputs.Utf8Bytes(text) / 1e6;
            Measure("Load", nodeCount, megabytes, iterations, () => Load(text));
            Measure("Parse", nodeCount, megabytes, iterations, () => DotParser.Parse(text, "big.dot"));
            var graph = PipelineLoader.Default.Load(text, "big.dot").Graph;
            Measure("Validate", nodeCount, megabytes, iterations, () => PipelineValidator.Default.Validate(graph.WithNodes(graph.Nodes)));
        }
    }

    private static void Measure(string phase, int nodeCount, double megabytes, int iterations, Action action)
    {
        for (var i = 0; i < iterations; i++)
        {
            action();
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var pause = GC.GetTotalPauseDuration();
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            action();
        }

        var ms = stopwatch.Elapsed.TotalMilliseconds / iterations;
        var gcMs = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds / iterations;
        var perLoad = (double)iterations;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {phase} {nodeCount:N0} | {megabytes:F2} | {ms:F1} | {gcMs:F1} | {ms - gcMs:F1} | {megabytes / (ms / 1000):F1} | "
            + $"{(GC.CollectionCount(0) - gen0) / perLoad:F2} / {(GC.CollectionCount(1) - gen1) / perLoad:F2} / {(GC.CollectionCount(2) - gen2) / perLoad:F2} | "
            + $"{(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1e6 / iterations:F1} |"));
    }

    private static void Load(string text)
    {
        if (PipelineLoader.Default.Load(text, "big.dot").HasErrors)
        {
            throw new InvalidOperationException("The generated pipeline has errors.");
        }
    }
}
