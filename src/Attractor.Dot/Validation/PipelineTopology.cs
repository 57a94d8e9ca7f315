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

    // The validation running on this thread, if any: its topology is built on first use, owned by
    // that one call and dropped when it ends, instead of staying attached to the graph for the
    // graph's lifetime; its arrays go back to ScratchArrays (a large graph's are on the
    // large-object heap).
    [ThreadStatic]
    private static Owner? s_owner;

    private readonly IReadOnlyList<PipelineNode> _nodes;
    private readonly int _count;
    private readonly int _edgeCount;
    private readonly bool _pooled;

    // Node positions by ID: open addressing over position + 1 (0 = empty), _slotMask + 1 slots. The
    // IDs are copied into _ids in node order so a probe compares references in one small array
    // instead of reading a node object scattered over the heap for every edge endpoint.
    private readonly int[] _slots;
    private readonly string[] _ids;
    private readonly int _slotMask;

    // Compressed adjacency (CSR): the neighbours of node i are Targets[Offsets[i]..Offsets[i + 1]).
    // Int arrays keep the breadth-first searches free of hashing and allocation per visit.
    private readonly int[] _forwardOffsets;
    private readonly int[] _forwardTargets;
    private readonly int[] _reverseOffsets;
    private readonly int[] _reverseTargets;
    private readonly int _targetCount;

    private readonly bool[] _isStart;
    private readonly bool[] _isExit;

    private bool[]? _reachableFromStart;
    private bool[]? _reachesExit;

    private PipelineTopology(PipelineGraph graph, bool pooled)
    {
        var nodes = graph.Nodes;
        var count = nodes.Count;
        _nodes = nodes;
        _count = count;
        _pooled = pooled;

        // Arrays may be longer than asked when pooled; only the first count (or edge count) are used.
        var slotCount = 16;
        while (slotCount < count * 2)
        {
            slotCount <<= 1;
        }

        _slotMask = slotCount - 1;
        _slots = RentInts(slotCount);
        _ids = _pooled ? ScratchArrays<string>.Rent(PowerOfTwoAtLeast(count)) : new string[count];
        Canonical = RentInts(count);
        for (var i = 0; i < count; i++)
        {
            // Node IDs should be distinct; if a caller built duplicates, they share the first one's index.
            var id = _ids[i] = nodes[i].Id;
            var first = IndexOf(id);
            if (first >= 0)
            {
                Canonical[i] = first;
            }
            else
            {
                Insert(id, i);
                Canonical[i] = i;
            }
        }

        FindCandidates(nodes, out var startNodes, out var exitNodes);
        StartNodes = startNodes;
        ExitNodes = exitNodes;
        _isStart = Flags(StartNodes);
        _isExit = Flags(ExitNodes);

        var edges = graph.Edges;
        _edgeCount = edges.Count;
        var from = EdgeSources = RentInts(edges.Count);
        var to = EdgeTargets = RentInts(edges.Count);
        var forwardCounts = RentInts(count + 1);
        var reverseCounts = RentInts(count + 1);
        for (var e = 0; e < edges.Count; e++)
        {
            var edge = edges[e];
            from[e] = PositionOf(edge.From, edge.FromPosition);
            to[e] = PositionOf(edge.To, edge.ToPosition);
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
        _targetCount = forwardCounts[count];
        _forwardTargets = RentInts(_targetCount);
        _reverseTargets = RentInts(_targetCount);
        var fill = RentInts(count);
        for (var e = 0; e < edges.Count; e++)
        {
            if (from[e] >= 0 && to[e] >= 0)
            {
                _forwardTargets[_forwardOffsets[from[e]] + fill[from[e]]++] = to[e];
            }
        }

        Array.Clear(fill, 0, count);
        for (var e = 0; e < edges.Count; e++)
        {
            if (from[e] >= 0 && to[e] >= 0)
            {
                _reverseTargets[_reverseOffsets[to[e]] + fill[to[e]]++] = from[e];
            }
        }

        ReturnInts(fill, count);
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

    /// <summary>
    /// Gets the topology of a graph, computing it on first use: owned by the validation running on
    /// this thread when it is of this graph, else cached with the graph.
    /// </summary>
    public static PipelineTopology Of(PipelineGraph graph)
    {
        var owner = s_owner;
        if (owner is not null && ReferenceEquals(owner.Graph, graph))
        {
            return owner.Topology ??= new PipelineTopology(graph, pooled: true);
        }

        return Cache.GetValue(graph, static g => new PipelineTopology(g, pooled: false));
    }

    /// <summary>
    /// Marks the start of one validation of <paramref name="graph"/> on this thread: until
    /// <see cref="EndValidation"/>, <see cref="Of"/> gives that validation its own topology. When the
    /// graph already has a cached one, that is used and nothing is owned.
    /// </summary>
    /// <returns>The token to pass to <see cref="EndValidation"/>.</returns>
    public static object? BeginValidation(PipelineGraph graph)
    {
        if (Cache.TryGetValue(graph, out _))
        {
            return null;
        }

        var owner = new Owner(graph, s_owner);
        s_owner = owner;
        return owner;
    }

    /// <summary>Ends what <see cref="BeginValidation"/> began, returning the topology's arrays when it built one.</summary>
    public static void EndValidation(object? token)
    {
        if (token is not Owner owner)
        {
            return;
        }

        s_owner = owner.Previous;
        owner.Topology?.Release();
        owner.Topology = null;
    }

    /// <summary>Returns whether a node with the ID exists.</summary>
    public bool Contains(string id) => IndexOf(id) >= 0;

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
            ReadShapeAndType(node, out var shape, out var type);
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
    private static void ReadShapeAndType(PipelineNode node, out string shape, out string type)
    {
        string? shapeValue = null;
        string? typeValue = null;
        var items = node.OwnAttributes;
        for (var i = 0; i < items.Length; i++)
        {
            var key = items.KeyAt(i);
            if (key == AttributeNames.Shape)
            {
                shapeValue = items.ValueAt(i);
            }
            else if (key == AttributeNames.Type)
            {
                typeValue = items.ValueAt(i);
            }
        }

        // A shared tail holds stylesheet properties only, never shape or type.
        if (node.TailAttributes.Length > 0 && (shapeValue is null || typeValue is null))
        {
            shapeValue ??= node.GetAttribute(AttributeNames.Shape);
            typeValue ??= node.GetAttribute(AttributeNames.Type);
        }

        shape = shapeValue ?? "box";
        type = typeValue ?? string.Empty;
    }

    private bool[] Flags(IReadOnlyList<PipelineNode> candidates)
    {
        var flags = RentBools(_count);
        for (var i = 0; i < candidates.Count; i++)
        {
            flags[IndexOf(candidates[i].Id)] = true;
        }

        return flags;
    }

    private bool[] Search(IReadOnlyList<PipelineNode> roots, int[] offsets, int[] targets)
    {
        var seen = RentBools(_count);
        var queue = RentInts(_count);
        int head = 0, tail = 0;
        for (var i = 0; i < roots.Count; i++)
        {
            var root = IndexOf(roots[i].Id);
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

        ReturnInts(queue, tail);
        return seen;
    }

    // The parser's string tables share the pool of string arrays and mask with Length - 1, so every
    // string array that goes into it has a power-of-two length.
    private static int PowerOfTwoAtLeast(int count)
    {
        var length = 1;
        while (length < count)
        {
            length <<= 1;
        }

        return length;
    }

    private int[] RentInts(int length) => _pooled ? ScratchArrays<int>.Rent(length) : new int[length];

    private bool[] RentBools(int length) => _pooled ? ScratchArrays<bool>.Rent(length) : new bool[length];

    private void ReturnInts(int[] array, int usedLength)
    {
        if (_pooled)
        {
            ScratchArrays<int>.Return(array, usedLength);
        }
    }

    private void ReturnBools(bool[]? array)
    {
        if (_pooled && array is not null)
        {
            ScratchArrays<bool>.Return(array, _count);
        }
    }

    private void Release()
    {
        ReturnInts(_slots, _slotMask + 1);
        if (_pooled)
        {
            ScratchArrays<string>.Return(_ids, _count);
        }

        ReturnInts(Canonical, _count);
        ReturnInts(EdgeSources, _edgeCount);
        ReturnInts(EdgeTargets, _edgeCount);
        ReturnInts(_forwardOffsets, _count + 1);
        ReturnInts(_reverseOffsets, _count + 1);
        ReturnInts(_forwardTargets, _targetCount);
        ReturnInts(_reverseTargets, _targetCount);
        ReturnBools(_isStart);
        ReturnBools(_isExit);
        ReturnBools(_reachableFromStart);
        ReturnBools(_reachesExit);
    }

    // The parser's position of an edge endpoint saves hashing (and reading) the ID when it still
    // names that node in this graph's list; otherwise the ID is looked up.
    private int PositionOf(string id, int hint) =>
        (uint)hint < (uint)_count && ReferenceEquals(_ids[hint], id) ? Canonical[hint] : IndexOf(id);

    private int IndexOf(string id)
    {
        var slot = StringComparer.Ordinal.GetHashCode(id) & _slotMask;
        while (true)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                return -1;
            }

            var candidate = _ids[entry - 1];
            if (ReferenceEquals(candidate, id) || string.Equals(candidate, id, StringComparison.Ordinal))
            {
                return entry - 1;
            }

            slot = (slot + 1) & _slotMask;
        }
    }

    private void Insert(string id, int position)
    {
        var slot = StringComparer.Ordinal.GetHashCode(id) & _slotMask;
        while (_slots[slot] != 0)
        {
            slot = (slot + 1) & _slotMask;
        }

        _slots[slot] = position + 1;
    }

    private sealed class Owner
    {
        public Owner(PipelineGraph graph, Owner? previous)
        {
            Graph = graph;
            Previous = previous;
        }

        public PipelineGraph Graph { get; }

        public Owner? Previous { get; }

        public PipelineTopology? Topology { get; set; }
    }
}
