// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics.Tracing;
using System.Globalization;
using Attractor.Dot;

namespace Attractor.Benchmarks;

/// <summary>
/// <c>--gc-details [loads]</c>: per load of the 10k and 20k pipelines, the garbage collections
/// (gen0/1/2 counts), the bytes allocated on the large-object heap and which arrays they were, and
/// the small-object allocations by type, sampled by the runtime's <c>GCAllocationTick</c> events
/// (one event per ~100 KB allocated, naming the type of the object that crossed the mark). None of
/// it depends on the machine's load, so two builds compare exactly. Diagnostic only.
/// </summary>
public static class GcDetailProbe
{
    /// <summary>Prints one block per node count.</summary>
    /// <param name="nodeCounts">The node counts.</param>
    /// <param name="loads">Measured loads per node count (after as many warm-up loads).</param>
    public static void Run(IReadOnlyList<int> nodeCounts, int loads)
    {
        ArgumentNullException.ThrowIfNull(nodeCounts);
        using var listener = new TickListener();
        foreach (var nodeCount in nodeCounts)
        {
            var text = Inputs.GeneratedText(nodeCount);
            for (var i = 0; i < loads; i++)
            {
                PipelineLoader.Default.Load(text, "big.dot");
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            Thread.Sleep(1500);
            listener.Reset();
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < loads; i++)
            {
                PipelineLoader.Default.Load(text, "big.dot");
            }

            var perLoad = (double)loads;
            var gcs = string.Create(
                CultureInfo.InvariantCulture,
                $"{(GC.CollectionCount(0) - gen0) / perLoad:F2} / {(GC.CollectionCount(1) - gen1) / perLoad:F2} / {(GC.CollectionCount(2) - gen2) / perLoad:F2}");
            var allocatedMb = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1e6 / perLoad;

            // The runtime hands events to in-process listeners with a delay.
            Thread.Sleep(3000);
            var (small, large) = listener.Snapshot();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## {nodeCount:N0} nodes: allocated {allocatedMb:F2} MB per load, GCs gen0/1/2 per load {gcs}"));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"large-object heap: {large.Values.Sum(static t => t.Bytes) / 1e6 / perLoad:F2} MB in {large.Values.Sum(static t => t.Count) / perLoad:F1} ticks per load"));
            foreach (var (type, tally) in large.OrderByDescending(static p => p.Value.Bytes))
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  LOH {type}: {tally.Count / perLoad:F1} per load, {tally.Bytes / 1e6 / perLoad:F3} MB, largest object {tally.Largest / 1e3:F0} KB"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"small-object heap, sampled: {small.Values.Sum(static t => t.Bytes) / 1e6 / perLoad:F2} MB per load"));
            foreach (var (type, tally) in small.OrderByDescending(static p => p.Value.Bytes).Take(16))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {type}: {tally.Bytes / 1e6 / perLoad:F2} MB"));
            }
        }
    }

    private sealed class Tally
    {
        public long Bytes { get; set; }

        public int Count { get; set; }

        public long Largest { get; set; }
    }

    private sealed class TickListener : EventListener
    {
        private readonly object _gate = new();
        private Dictionary<string, Tally> _small = new(StringComparer.Ordinal);
        private Dictionary<string, Tally> _large = new(StringComparer.Ordinal);

        public void Reset()
        {
            lock (_gate)
            {
                _small = new(StringComparer.Ordinal);
                _large = new(StringComparer.Ordinal);
            }
        }

        public (Dictionary<string, Tally> Small, Dictionary<string, Tally> Large) Snapshot()
        {
            lock (_gate)
            {
                return (_small, _large);
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
            {
                return;
            }

            long amount = 0, size = 0;
            uint kind = 0;
            var type = "?";
            for (var i = 0; i < eventData.Payload.Count; i++)
            {
                switch (eventData.PayloadNames?[i])
                {
                    case "AllocationAmount64": amount = Convert.ToInt64(eventData.Payload[i], CultureInfo.InvariantCulture); break;
                    case "AllocationKind": kind = Convert.ToUInt32(eventData.Payload[i], CultureInfo.InvariantCulture); break;
                    case "TypeName": type = eventData.Payload[i] as string ?? "?"; break;
                    case "ObjectSize": size = Convert.ToInt64(eventData.Payload[i], CultureInfo.InvariantCulture); break;
                }
            }

            lock (_gate)
            {
                var table = kind == 1 ? _large : _small;
                if (!table.TryGetValue(type, out var tally))
                {
                    tally = new Tally();
                    table[type] = tally;
                }

                tally.Bytes += amount;
                tally.Count++;
                tally.Largest = Math.Max(tally.Largest, size);
            }
        }
    }
}
