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
/// it depends on the machine's load, so two builds compare exactly. Then each collection inside the
/// measured loads: its generation, the bytes it promoted (what it found alive in the generations it
/// collected, i.e. what it had to mark and copy), the part of them it reached only through older
/// generations (card-marked references), and its duration from the runtime's start and end events
/// (this one depends on the machine), with a least-squares line duration = a + b × promoted: b is
/// the collector's cost per surviving megabyte, a what a collection costs besides. Diagnostic only.
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

            PrintCollections(listener.Collections());
        }
    }

    private static void PrintCollections(IReadOnlyList<Collection> collections)
    {
        Console.WriteLine("collections: generation, promoted [MB], of it reached through older generations [MB], duration [ms]");
        foreach (var collection in collections)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  gen{collection.Generation} {collection.PromotedBytes / 1e6,6:F2} {collection.ThroughOlderBytes / 1e6,6:F2} {collection.Duration.TotalMilliseconds,7:F2}"));
        }

        if (collections.Count < 2)
        {
            return;
        }

        double n = collections.Count, sx = 0, sy = 0, sxx = 0, sxy = 0;
        foreach (var collection in collections)
        {
            var x = collection.PromotedBytes / 1e6;
            var y = collection.Duration.TotalMilliseconds;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }

        var denominator = (n * sxx) - (sx * sx);
        if (denominator == 0)
        {
            return;
        }

        var slope = ((n * sxy) - (sx * sy)) / denominator;
        var intercept = (sy - (slope * sx)) / n;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  fit: duration = {intercept:F2} ms + {slope:F2} ms per promoted MB"));
    }

    private sealed record Collection(int Generation, long PromotedBytes, long ThroughOlderBytes, TimeSpan Duration);

    // GCMarkWithType's root kind for objects reached from older generations (cards).
    private const int OlderGenerationRoots = 3;

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
        private List<Collection> _collections = new();
        private DateTime _started;
        private int _generation;
        private long _throughOlder;
        private TimeSpan _duration;

        public void Reset()
        {
            lock (_gate)
            {
                _small = new(StringComparer.Ordinal);
                _large = new(StringComparer.Ordinal);
                _collections = new();
            }
        }

        public Collection[] Collections()
        {
            lock (_gate)
            {
                return _collections.ToArray();
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
            if (eventData.EventName is null || eventData.Payload is null)
            {
                return;
            }

            if (!eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal))
            {
                OnCollectionEvent(eventData);
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

        // A collection's events arrive in this order: start, marks by root kind, end, heap statistics.
        private void OnCollectionEvent(EventWrittenEventArgs eventData)
        {
            lock (_gate)
            {
                switch (eventData.EventName)
                {
                    case "GCStart_V2":
                        _started = eventData.TimeStamp;
                        _generation = Convert.ToInt32(Payload(eventData, "Depth"), CultureInfo.InvariantCulture);
                        _throughOlder = 0;
                        break;
                    case "GCMarkWithType" when Convert.ToInt32(Payload(eventData, "Type"), CultureInfo.InvariantCulture) == OlderGenerationRoots:
                        _throughOlder += Convert.ToInt64(Payload(eventData, "Bytes"), CultureInfo.InvariantCulture);
                        break;
                    case "GCEnd_V1":
                        _duration = eventData.TimeStamp - _started;
                        break;
                    case "GCHeapStats_V2":
                        var promoted = Convert.ToInt64(Payload(eventData, "TotalPromotedSize0"), CultureInfo.InvariantCulture)
                            + Convert.ToInt64(Payload(eventData, "TotalPromotedSize1"), CultureInfo.InvariantCulture);
                        _collections.Add(new Collection(_generation, promoted, _throughOlder, _duration));
                        break;
                }
            }
        }

        private static object? Payload(EventWrittenEventArgs eventData, string name)
        {
            var index = eventData.PayloadNames?.IndexOf(name) ?? -1;
            return index >= 0 ? eventData.Payload![index] : null;
        }
    }
}
