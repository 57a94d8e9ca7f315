// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using Attractor.Dot;
using Attractor.Dot.Transforms;
using Attractor.Dot.Validation;

namespace Attractor.Benchmarks;

/// <summary>
/// <c>--allocations</c>: the managed bytes one load allocates, by phase, and how much of it the
/// result keeps alive. Unlike times these do not depend on the machine's load, so they compare
/// two builds exactly. Diagnostic only.
/// </summary>
public static class AllocationProbe
{
    /// <summary>Prints one table row per node count.</summary>
    /// <param name="nodeCounts">The node counts.</param>
    public static void Run(IReadOnlyList<int> nodeCounts)
    {
        ArgumentNullException.ThrowIfNull(nodeCounts);
        Console.WriteLine("| Nodes | Input [MB] | Parse [MB] | Transforms [MB] | Validate [MB] | Load [MB] | Retained by the loaded result [MB] |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var nodeCount in nodeCounts)
        {
            var text = Inputs.GeneratedText(nodeCount);
            for (var i = 0; i < 3; i++)
            {
                // Every path warm, so no first-call cost is counted: the loader's parse also applies
                // the built-in transforms, a plain parse does not.
                PipelineLoader.Default.Load(text, "big.dot");
                var graph = new TransformPipeline().Apply(DotParser.Parse(text, "big.dot").Graph);
                PipelineValidator.Default.Validate(graph.WithNodes(graph.Nodes));
            }

            var retained = Retained(text);
            var parsed = Measure(() => DotParser.Parse(text, "big.dot").Graph, out var parse);
            var transformed = Measure(() => new TransformPipeline().Apply(parsed), out var transforms);
            Measure(() => PipelineValidator.Default.Validate(transformed.WithNodes(transformed.Nodes)), out var validate);
            Measure(() => PipelineLoader.Default.Load(text, "big.dot"), out var load);

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {nodeCount:N0} | {Inputs.Utf8Bytes(text) / 1e6:F2} | {parse / 1e6:F2} | {transforms / 1e6:F2} | {validate / 1e6:F2} | {load / 1e6:F2} | {retained / 1e6:F2} |"));
        }
    }

    // In a method of its own, so no local of the caller (the phase results above) is alive in one
    // of the two heap sizes and not in the other.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static long Retained(string text)
    {
        var before = SettledHeapSize();
        var kept = PipelineLoader.Default.Load(text, "big.dot");
        var retained = SettledHeapSize() - before;
        GC.KeepAlive(kept);
        return retained;
    }

    private static long SettledHeapSize()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private static T Measure<T>(Func<T> action, out long allocated)
    {
        var start = GC.GetAllocatedBytesForCurrentThread();
        var result = action();
        allocated = GC.GetAllocatedBytesForCurrentThread() - start;
        return result;
    }
}
