// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using Attractor.Dot;

namespace Attractor.Benchmarks;

/// <summary>
/// <c>--load-loop &lt;nodes&gt; &lt;loads&gt;</c>: loads the generated pipeline of that size over and over,
/// for a sampling profiler (<c>perf record</c>) to attribute the time to functions. Comparing 200
/// loads of 10k nodes with 100 loads of 20k nodes (the same number of nodes in all) shows which
/// functions cost more per node in the larger graph. Diagnostic only.
/// </summary>
public static class LoadLoopProbe
{
    /// <summary>Runs the loop and prints the mean time per load.</summary>
    /// <param name="nodeCount">The pipeline's node count.</param>
    /// <param name="loads">How many loads.</param>
    public static void Run(int nodeCount, int loads)
    {
        var text = Inputs.GeneratedText(nodeCount);
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < loads; i++)
        {
            if (PipelineLoader.Default.Load(text, "big.dot").HasErrors)
            {
                throw new InvalidOperationException("The generated pipeline has errors.");
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{nodeCount:N0} nodes: {loads} loads, {stopwatch.Elapsed.TotalMilliseconds / loads:F2} ms per load"));
    }
}
