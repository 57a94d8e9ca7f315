// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Attractor.Dot.Validation;

/// <summary>
/// The structural facts several lint rules share: which nodes count as start and exit, and which
/// nodes reach or are reached. Built once per graph (the graph is immutable) and cached, so the
/// rules together stay linear in the size of the graph.
/// </summary>
internal sealed class PipelineTopology
{
    private static readonly ConditionalWeakTable<PipelineGraph, PipelineTopology> Cache = new();

    private readonly Dictionary<string, int> _indexById;
    private readonly IReadOnlyList<PipelineNode> _nodes;

    // Compressed adjacency (CSR): the neighbours of node i are Targets[Offsets[i]..Offsets[i + 1]).
    // Int arrays keep the breadth-first searches free of hashing and allocation per visit.
    private readonly int[] _forwardOffsets;
    private readonly int[] _forwardTargets;
    private readonly int[] _reverseOffsets;
    private readonly int[] _reverseTargets;

    private readonly bool[] _isStart;
    private readonly bool[] _isExit;

    private bool[]? _reachableFromStart;
    private bool[]? _reachesExit;

    private PipelineTopology(PipelineGraph graph)
    {
        var nodes = graph.Nodes;
        var count = nodes.Count;
        _nodes = nodes;
        _indexById = new Dictionary<string, int>(count, StringComparer.Ordinal);
        Canonical = new int[count];
        for (var i = 0; i < count; i++)
        {
            // Node IDs should be distinct; if a caller built duplicates, they share the first one's index.
            var id = nodes[i].Id;
            if (_indexById.TryGetValue(id, out var first))
            {
                Canonical[i] = first;
            }
            else
            {
                _indexById.Add(id, i);
                Canonical[i] = i;
            }
        }

        FindCandidates(nodes, out var startNodes, out var exitNodes);
        StartNodes = startNodes;
        ExitNodes = exitNodes;
        _isStart = Flags(StartNodes);
        _isExit = Flags(ExitNodes);

        var edges = graph.Edges;
        var from = EdgeSources = new int[edges.Count];
        var to = EdgeTargets = new int[edges.Count];
        var forwardCounts = new int[count + 1];
        var reverseCounts = new int[count + 1];
        for (var e = 0; e < edges.Count; e++)
        {
            var edge = edges[e];
            from[e] = _indexById.TryGetValue(edge.From, out var f) ? f : -1;
            to[e] = _indexById.TryGetValue(edge.To, out var t) ? t : -1;
            if (from[e] >= 0 && to[e] >= 0)
            {
                forwardCounts[from[e] + 1]++;
                reverseCounts[to[e] + 1]++;
            }
        }

        for (var i = 0; i < count; i++)
        {
            forwardCounts[i + 1] += forwardCounts[i];
            reverseCounts[i + 1] += reverseCounts[i];
        }

        _forwardOffsets = forwardCounts;
        _reverseOffsets = reverseCounts;
        _forwardTargets = new int[forwardCounts[count]];
        _reverseTargets = new int[reverseCounts[count]];
        var fill = new int[count];
        for (var e = 0; e < edges.Count; e++)
        {
            if (from[e] >= 0 && to[e] >= 0)
            {
                _forwardTargets[_forwardOffsets[from[e]] + fill[from[e]]++] = to[e];
            }
        }

        Array.Clear(fill, 0, fill.Length);
        for (var e = 0; e < edges.Count; e++)
        {
            if (from[e] >= 0 && to[e] >= 0)
            {
                _reverseTargets[_reverseOffsets[to[e]] + fill[to[e]]++] = from[e];
            }
        }
    }

    /// <summary>
    /// Gets the nodes that count as start nodes, in declaration order: those marked by shape
    /// <c>Mdiamond</c> or <c>type=start</c>, else those with the ID <c>start</c>/<c>Start</c>.
    /// Mirrors <see cref="PipelineGraph.FindStartNode"/>, which succeeds exactly when this has one entry.
    /// </summary>
    public IReadOnlyList<PipelineNode> StartNodes { get; }

    /// <summary>Gets the nodes that count as exit nodes, in declaration order (see <see cref="StartNodes"/>).</summary>
    public IReadOnlyList<PipelineNode> ExitNodes { get; }

    /// <summary>Gets, for each node position, the position of the first node with the same ID.</summary>
    public int[] Canonical { get; }

    /// <summary>Gets, for each edge, the position of its source node, or -1 when no node has that ID.</summary>
    public int[] EdgeSources { get; }

    /// <summary>Gets, for each edge, the position of its target node, or -1 when no node has that ID.</summary>
    public int[] EdgeTargets { get; }

    /// <summary>Gets the topology of a graph, computing it on first use.</summary>
    public static PipelineTopology Of(PipelineGraph graph) => Cache.GetValue(graph, static g => new PipelineTopology(g));

    /// <summary>Returns whether a node with the ID exists.</summary>
    public bool Contains(string id) => _indexById.ContainsKey(id);

    /// <summary>Returns whether the node at a position (in <see cref="PipelineGraph.Nodes"/>, or as in <see cref="EdgeTargets"/>) counts as a start node; false for -1.</summary>
    public bool IsStartAt(int position) => position >= 0 && _isStart[Canonical[position]];

    /// <summary>Returns whether the node at a position (in <see cref="PipelineGraph.Nodes"/>, or as in <see cref="EdgeSources"/>) counts as an exit node; false for -1.</summary>
    public bool IsExitAt(int position) => position >= 0 && _isExit[Canonical[position]];

    /// <summary>Gets the ID of the first node an edge from the node at a position leads to, or null.</summary>
    public string? FirstSuccessorId(int position)
    {
        var node = Canonical[position];
        return _forwardOffsets[node] < _forwardOffsets[node + 1] ? _nodes[_forwardTargets[_forwardOffsets[node]]].Id : null;
    }

    /// <summary>Returns whether the node at a position can be reached from any start node.</summary>
    public bool IsReachableFromStart(int position)
    {
        var reachable = _reachableFromStart ??= Search(StartNodes, _forwardOffsets, _forwardTargets);
        return reachable[Canonical[position]];
    }

    /// <summary>Returns whether some exit node can be reached from the node at a position.</summary>
    public bool ReachesExit(int position)
    {
        var reaches = _reachesExit ??= Search(ExitNodes, _reverseOffsets, _reverseTargets);
        return reaches[Canonical[position]];
    }

    /// <summary>
    /// Finds the start and exit candidates in one pass, reading each node's attributes once instead
    /// of once per <see cref="PipelineNode.IsMarkedStart"/>/<see cref="PipelineNode.IsMarkedExit"/>
    /// property (each of which looks up shape and type); same rules as those properties.
    /// </summary>
    private static void FindCandidates(IReadOnlyList<PipelineNode> nodes, out PipelineNode[] startNodes, out PipelineNode[] exitNodes)
    {
        List<PipelineNode>? starts = null;
        List<PipelineNode>? exits = null;
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            ReadShapeAndType(node.Attributes, out var shape, out var type);
            if (shape == "Mdiamond" || type == HandlerTypes.Start)
            {
                (starts ??= new List<PipelineNode>()).Add(node);
            }

            if (shape == "Msquare" || type == HandlerTypes.Exit)
            {
                (exits ??= new List<PipelineNode>()).Add(node);
            }
        }

        startNodes = starts?.ToArray() ?? FindById(nodes, start: true);
        exitNodes = exits?.ToArray() ?? FindById(nodes, start: false);
    }

    /// <summary>The fallback when no node is marked: the nodes with a start (or exit) ID.</summary>
    private static PipelineNode[] FindById(IReadOnlyList<PipelineNode> nodes, bool start)
    {
        var found = new List<PipelineNode>();
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (start ? node.HasStartId : node.HasExitId)
            {
                found.Add(node);
            }
        }

        return found.ToArray();
    }

    /// <summary>Reads <see cref="PipelineNode.Shape"/> and <see cref="PipelineNode.Type"/> (with their defaults) in one scan.</summary>
    private static void ReadShapeAndType(AttributeMap attributes, out string shape, out string type)
    {
        string? shapeValue = null;
        string? typeValue = null;
        for (var i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            if (attribute.Key == AttributeNames.Shape)
            {
                shapeValue = attribute.Value;
            }
            else if (attribute.Key == AttributeNames.Type)
            {
                typeValue = attribute.Value;
            }
        }

        shape = shapeValue ?? "box";
        type = typeValue ?? string.Empty;
    }

    private bool[] Flags(IReadOnlyList<PipelineNode> candidates)
    {
        var flags = new bool[Canonical.Length];
        for (var i = 0; i < candidates.Count; i++)
        {
            flags[_indexById[candidates[i].Id]] = true;
        }

        return flags;
    }

    private bool[] Search(IReadOnlyList<PipelineNode> roots, int[] offsets, int[] targets)
    {
        var seen = new bool[Canonical.Length];
        var queue = new int[Canonical.Length];
        int head = 0, tail = 0;
        for (var i = 0; i < roots.Count; i++)
        {
            var root = _indexById[roots[i].Id];
            if (!seen[root])
            {
                seen[root] = true;
                queue[tail++] = root;
            }
        }

        while (head < tail)
        {
            var current = queue[head++];
            for (var k = offsets[current]; k < offsets[current + 1]; k++)
            {
                var next = targets[k];
                if (!seen[next])
                {
                    seen[next] = true;
                    queue[tail++] = next;
                }
            }
        }

        return seen;
    }
}
