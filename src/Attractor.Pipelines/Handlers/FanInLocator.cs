// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;

namespace Attractor.Pipelines.Handlers;

/// <summary>
/// Finds where the branches of a parallel node converge, i.e. the node the run continues at after
/// the fan-out (attractor-spec §4.8 leaves this open; this is our rule).
/// </summary>
/// <remarks>
/// <para>
/// Branches are the distinct targets of the parallel node's outgoing edges, in declaration order,
/// except targets whose handler type is <c>parallel.fan_in</c> (an edge straight to the fan-in is
/// the continuation, not a branch). For every branch a breadth-first search over all outgoing
/// edges (never passing through the parallel node itself) gives each reachable node its distance
/// from the branch start. A node reachable from every branch is a <em>common successor</em>; its
/// distance is the largest of its per-branch distances (the point where the last branch arrives).
/// </para>
/// <list type="number">
/// <item>The common successor with handler type <c>parallel.fan_in</c> (e.g. <c>shape=tripleoctagon</c>)
/// and the smallest distance wins; ties go to the ordinally smaller node ID.</item>
/// <item>Otherwise the common successor with the smallest distance (ties by ID) that is not itself a
/// branch start — often the exit node.</item>
/// <item>Otherwise there is no fan-in: each branch runs until an exit or a dead end.</item>
/// </list>
/// </remarks>
public static class FanInLocator
{
    /// <summary>Finds the fan-in node of <paramref name="parallelNode"/> by the rule above, or null when the branches never converge.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="parallelNode">The parallel (fan-out) node.</param>
    /// <returns>The node the branches run up to (exclusive) and the run continues at, or null.</returns>
    public static PipelineNode? Find(PipelineGraph graph, PipelineNode parallelNode)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(parallelNode);
        var starts = BranchStarts(graph, parallelNode);
        if (starts.Count == 0)
        {
            // Only edges to fan-in nodes: the nearest of them by ID.
            return graph.OutgoingEdges(parallelNode.Id)
                .Select(e => graph.FindNode(e.To))
                .Where(static n => n is not null && IsFanIn(n))
                .OrderBy(static n => n!.Id, StringComparer.Ordinal)
                .FirstOrDefault();
        }

        Dictionary<string, int>? common = null;
        foreach (var start in starts)
        {
            var distances = Distances(graph, start, parallelNode.Id);
            if (common is null)
            {
                common = distances;
                continue;
            }

            foreach (var id in common.Keys.ToList())
            {
                if (distances.TryGetValue(id, out var distance))
                {
                    common[id] = Math.Max(common[id], distance);
                }
                else
                {
                    common.Remove(id);
                }
            }
        }

        var ordered = common!
            .Select(pair => (Node: graph.FindNode(pair.Key), Distance: pair.Value))
            .Where(static c => c.Node is not null)
            .OrderBy(static c => c.Distance)
            .ThenBy(static c => c.Node!.Id, StringComparer.Ordinal)
            .ToList();
        var fanIn = ordered.FirstOrDefault(static c => IsFanIn(c.Node!)).Node;
        if (fanIn is not null)
        {
            return fanIn;
        }

        var startSet = new HashSet<string>(starts, StringComparer.Ordinal);
        return ordered.FirstOrDefault(c => !startSet.Contains(c.Node!.Id)).Node;
    }

    /// <summary>Gets the branch start nodes of a parallel node: the distinct targets of its outgoing edges in declaration order, fan-in nodes excluded.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="parallelNode">The parallel node.</param>
    /// <returns>The IDs of the branch starts.</returns>
    public static IReadOnlyList<string> BranchStarts(PipelineGraph graph, PipelineNode parallelNode)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(parallelNode);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var starts = new List<string>();
        foreach (var edge in graph.OutgoingEdges(parallelNode.Id))
        {
            if (edge.To == parallelNode.Id || graph.FindNode(edge.To) is not { } target || IsFanIn(target) || !seen.Add(edge.To))
            {
                continue;
            }

            starts.Add(edge.To);
        }

        return starts;
    }

    private static bool IsFanIn(PipelineNode node) => string.Equals(node.HandlerType, HandlerTypes.FanIn, StringComparison.Ordinal);

    private static Dictionary<string, int> Distances(PipelineGraph graph, string start, string parallelId)
    {
        var distances = new Dictionary<string, int>(StringComparer.Ordinal) { [start] = 0 };
        var queue = new Queue<string>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            var next = distances[current] + 1;
            foreach (var edge in graph.OutgoingEdges(current))
            {
                if (edge.To != parallelId && !distances.ContainsKey(edge.To))
                {
                    distances[edge.To] = next;
                    queue.Enqueue(edge.To);
                }
            }
        }

        return distances;
    }
}
