// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using Attractor.Pipelines.Events;

namespace Attractor.Benchmarks;

/// <summary>
/// <c>--engine-probe</c>: the distribution behind the engine benchmark's single number. Runs the
/// linear and the parallel pipeline a few times (after one warm-up run each) and reads the per-node
/// times from the events' timestamps, to show whether a node's cost grows with its position
/// (checkpoints carry every completed node and log entry so far). Diagnostic only; the
/// BenchmarkDotNet numbers are the measurement of record.
/// </summary>
public static class EngineProbe
{
    /// <summary>Runs the probe and prints Markdown tables.</summary>
    /// <param name="runs">Measured runs per pipeline.</param>
    public static async Task RunAsync(int runs)
    {
        Console.WriteLine("Run directories under " + EnginePipelines.RunsRoot + " (left in place; see EnginePipelines.NewLogsRoot).");
        Console.WriteLine();
        var linear = EnginePipelines.Linear();
        var nodes = EnginePipelines.WorkNodes;

        // Per position (1..1000): node interval (previous checkpoint_saved → this one), stage
        // (stage_started → stage_completed) and the rest (stage_completed → checkpoint_saved), per run.
        var interval = new double[nodes][];
        var stage = new double[nodes][];
        var after = new double[nodes][];
        for (var i = 0; i < nodes; i++)
        {
            interval[i] = new double[runs];
            stage[i] = new double[runs];
            after[i] = new double[runs];
        }

        var totals = new List<double>();
        var allocated = new List<double>();
        var gcs = new List<int>();
        for (var run = -1; run < runs; run++)
        {
            var events = new List<PipelineEvent>(4 * nodes);
            var root = EnginePipelines.NewLogsRoot();
            var gen0 = GC.CollectionCount(0);
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            await EnginePipelines.RunCheckedAsync(linear, root, nodes + 1, events.Add).ConfigureAwait(false);
            watch.Stop();
            if (run < 0)
            {
                continue;
            }

            totals.Add(watch.Elapsed.TotalMilliseconds);
            allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - bytes) / 1e6);
            gcs.Add(GC.CollectionCount(0) - gen0);
            Extract(events, run, interval, stage, after);
        }

        Console.WriteLine(FormattableString.Invariant($"Linear, {nodes} no-op nodes, {runs} runs after 1 warm-up: whole run median {Median(totals):F1} ms = {Median(totals) / nodes:F3} ms per node; {Median(allocated):F1} MB allocated and {Median(gcs.Select(static g => (double)g).ToList()):F0} gen0 GCs per run."));
        Console.WriteLine();
        Console.WriteLine("Per node, by position (the median over the positions of each slice of the per-position medians over the runs), in ms:");
        Console.WriteLine();
        Console.WriteLine("| Positions | Node interval (checkpoint_saved → checkpoint_saved) | Stage (stage_started → stage_completed) | Checkpoint + routing (stage_completed → checkpoint_saved) |");
        Console.WriteLine("|---|---:|---:|---:|");
        var slice = nodes / 10;
        for (var s = 0; s < 10; s++)
        {
            var from = s * slice;
            Console.WriteLine(FormattableString.Invariant(
                $"| {from + 1}–{from + slice} | {SliceMedian(interval, from, slice):F3} | {SliceMedian(stage, from, slice):F3} | {SliceMedian(after, from, slice):F3} |"));
        }

        var first = SliceMedian(interval, 0, slice);
        var last = SliceMedian(interval, nodes - slice, slice);
        Console.WriteLine(FormattableString.Invariant($"| all | **{SliceMedian(interval, 0, nodes):F3}** | {SliceMedian(stage, 0, nodes):F3} | {SliceMedian(after, 0, nodes):F3} |"));
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"Growth: last 100 / first 100 node intervals = {last / first:F2}; p90 of all node intervals {Percentile([.. interval.SelectMany(static a => a)], 0.9):F3} ms."));
        Console.WriteLine();

        await ParallelAsync(runs).ConfigureAwait(false);
    }

    private static async Task ParallelAsync(int runs)
    {
        var graph = EnginePipelines.Parallel();
        var totals = new List<double>();
        var stageIntervals = new List<double>();
        for (var run = -1; run < runs; run++)
        {
            var events = new List<PipelineEvent>(4 * EnginePipelines.WorkNodes);
            var root = EnginePipelines.NewLogsRoot();
            var watch = Stopwatch.StartNew();
            await EnginePipelines.RunCheckedAsync(graph, root, 3, events.Add).ConfigureAwait(false);
            watch.Stop();
            if (run < 0)
            {
                continue;
            }

            totals.Add(watch.Elapsed.TotalMilliseconds);

            // Within a branch, node k+1 starts when node k is done: stage_started → next stage_started of the same branch.
            var lastStart = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            foreach (var started in events.OfType<StageStarted>())
            {
                var underscore = started.Name.IndexOf('_', StringComparison.Ordinal);
                if (underscore < 0)
                {
                    continue;
                }

                var branch = started.Name[..underscore];
                if (lastStart.TryGetValue(branch, out var previous))
                {
                    stageIntervals.Add((started.Timestamp - previous).TotalMilliseconds);
                }

                lastStart[branch] = started.Timestamp;
            }
        }

        Console.WriteLine(FormattableString.Invariant(
            $"Parallel, {EnginePipelines.Branches} branches × {EnginePipelines.WorkNodes / EnginePipelines.Branches} no-op nodes, {runs} runs after 1 warm-up: whole run median {Median(totals):F1} ms = {Median(totals) / EnginePipelines.WorkNodes:F3} ms per node (wall clock / 1,000); a branch node's latency (stage_started → the branch's next stage_started) median {Median(stageIntervals):F3} ms, p90 {Percentile(stageIntervals, 0.9):F3} ms ({EnginePipelines.Branches} branches share {Environment.ProcessorCount} cores)."));
    }

    private static void Extract(List<PipelineEvent> events, int run, double[][] interval, double[][] stage, double[][] after)
    {
        var started = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var completed = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        DateTimeOffset? previous = null;
        foreach (var e in events)
        {
            switch (e)
            {
                case StageStarted s:
                    started[s.Name] = s.Timestamp;
                    break;
                case StageCompleted c:
                    completed[c.Name] = c.Timestamp;
                    break;
                case CheckpointSaved saved:
                    if (saved.NodeId.StartsWith('n') && int.TryParse(saved.NodeId.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var position) && previous is { } before)
                    {
                        interval[position - 1][run] = (saved.Timestamp - before).TotalMilliseconds;
                        stage[position - 1][run] = (completed[saved.NodeId] - started[saved.NodeId]).TotalMilliseconds;
                        after[position - 1][run] = (saved.Timestamp - completed[saved.NodeId]).TotalMilliseconds;
                    }

                    previous = saved.Timestamp;
                    break;
            }
        }
    }

    private static double SliceMedian(double[][] perPosition, int from, int count)
    {
        var medians = new List<double>(count);
        for (var i = from; i < from + count; i++)
        {
            medians.Add(Median([.. perPosition[i]]));
        }

        return Median(medians);
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        var rank = p * (values.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, values.Count - 1);
        return values[low] + ((values[high] - values[low]) * (rank - low));
    }
}
