// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;

namespace Attractor.Agent.Benchmarks;

/// <summary>
/// The per-turn cost by position in a 200-call session: for each turn k, the time and bytes allocated from model call
/// k to model call k+1 — the response consumed (for a stream: every event, text deltas as session events), the
/// assistant turn recorded, events, the context check, the tool calls dispatched (validation, execution, truncation),
/// loop detection and the next request built from the history. The instant provider's own share is a list lookup.
/// Medians over several sessions, printed as a Markdown table by ranges of turns.
/// </summary>
public static class LoopProbe
{
    private const int ModelCalls = 200;

    private static readonly (int First, int Last)[] Ranges = [(1, 10), (11, 50), (51, 100), (101, 150), (151, 190), (191, 199)];

    public static async Task RunAsync(int runs, bool streaming, TextWriter output)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        ArgumentNullException.ThrowIfNull(output);
        var run = new LoopRun(ModelCalls, streaming, record: true);
        for (var warmup = 0; warmup < 3; warmup++)
        {
            _ = await run.RunAsync().ConfigureAwait(false);
        }

        var gaps = ModelCalls - 1;
        var times = new double[gaps, runs];
        var bytes = new double[gaps, runs];
        var messages = new int[gaps];
        var sessions = new double[runs];
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        for (var r = 0; r < runs; r++)
        {
            var started = Stopwatch.GetTimestamp();
            _ = await run.RunAsync().ConfigureAwait(false);
            sessions[r] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            for (var k = 0; k < gaps; k++)
            {
                var (elapsed, allocated, count) = run.Adapter.Turn(k);
                times[k, r] = elapsed.TotalMicroseconds;
                bytes[k, r] = allocated;
                messages[k] = count;
            }
        }

        var gcAfter = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var perTurnTime = Enumerable.Range(0, gaps).Select(k => Median(Enumerable.Range(0, runs).Select(r => times[k, r]))).ToArray();
        var perTurnBytes = Enumerable.Range(0, gaps).Select(k => Median(Enumerable.Range(0, runs).Select(r => bytes[k, r]))).ToArray();

        output.WriteLine(Invariant($"{runs} sessions of {ModelCalls} {(streaming ? "streamed" : "single-shot")} model calls (after 3 warm-up sessions); whole session: median {Median(sessions):F1} ms, min {sessions.Min():F1} ms; garbage collections during them: gen0 {gcAfter.Item1 - gcBefore.Item1}, gen1 {gcAfter.Item2 - gcBefore.Item2}, gen2 {gcAfter.Item3 - gcBefore.Item3}."));
        output.WriteLine();
        output.WriteLine("| Turns | Messages in the next request | Median per turn [µs] | Mean of medians [µs] | Max of medians [µs] | Allocated per turn [KB] |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (first, last) in Ranges)
        {
            var slice = Enumerable.Range(first - 1, last - first + 1).ToArray();
            output.WriteLine(Invariant($"| {first}–{last} | {messages[first - 1]}–{messages[last - 1]} | {Median(slice.Select(k => perTurnTime[k])):F1} | {slice.Average(k => perTurnTime[k]):F1} | {slice.Max(k => perTurnTime[k]):F1} | {slice.Average(k => perTurnBytes[k]) / 1024:F1} |"));
        }

        var early = Median(Enumerable.Range(0, 10).Select(k => perTurnTime[k]));
        var late = Median(Enumerable.Range(gaps - 10, 10).Select(k => perTurnTime[k]));
        output.WriteLine();
        output.WriteLine(Invariant($"Growth: median of turns 190–199 / median of turns 1–10 = {late / early:F2}; sum of the per-turn medians = {perTurnTime.Sum() / 1000:F1} ms."));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
