// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;

namespace Attractor.Dot;

/// <summary>A transition between two nodes; chained edges are already expanded (§2.9).</summary>
public sealed class PipelineEdge
{
    // The three spans as offsets plus one shared line table (see DotAttribute): the edge's span runs
    // from the source ID to the end of the target ID, so the source's start and one packed integer
    // hold all three (bits 0-7 the source ID's length, 8-15 the target ID's, 16-31 where the target
    // starts after the source). Spans that do not fit that shape go into a SpanTriple.
    private readonly int _fromStart;
    private readonly uint _lengths;

    // An edge as the parser leaves it: its attributes are the run at _offset, _count in this
    // EntryChunk (shared with other edges and nodes; see EntryStore), whose Positions is the line
    // table of the spans and whose store's Nodes hold the endpoints at FromPosition and ToPosition.
    // Any other edge, and a parsed one once its map is made: an EdgeState. A large pipeline has two
    // edges per node, and lint reads their few attributes in place.
    private object _store;
    private readonly int _offset;
    private readonly int _count;

    /// <summary>Initializes a new instance of the <see cref="PipelineEdge"/> class.</summary>
    /// <param name="from">The source node ID.</param>
    /// <param name="to">The target node ID.</param>
    /// <param name="attributes">The edge's attributes, including inherited defaults.</param>
    /// <param name="span">The edge from its source ID to its target ID.</param>
    /// <param name="fromSpan">The source ID token.</param>
    /// <param name="toSpan">The target ID token.</param>
    public PipelineEdge(string from, string to, AttributeMap? attributes = null, SourceSpan span = default, SourceSpan fromSpan = default, SourceSpan toSpan = default)
        : this(span, fromSpan, toSpan, fromPosition: -1, toPosition: -1)
    {
        _store = new EdgeState(from, to, SpanPositions(span, fromSpan, toSpan), attributes ?? AttributeMap.Empty);
    }

    /// <summary>
    /// An edge as the parser makes it: its attributes, of distinct keys, are the <paramref name="count"/>
    /// entries of <paramref name="chunk"/> from <paramref name="offset"/>, which the edge may share
    /// with the other edges of its statement but with nothing else. <paramref name="from"/> and
    /// <paramref name="to"/> are the IDs of the nodes at <paramref name="fromPosition"/> and
    /// <paramref name="toPosition"/> of the chunk's <see cref="EntryStore.Nodes"/> when the parse ends.
    /// </summary>
    internal PipelineEdge(string from, string to, EntryChunk chunk, int offset, int count, SourceSpan span, SourceSpan fromSpan, SourceSpan toSpan, int fromPosition, int toPosition)
        : this(span, fromSpan, toSpan, fromPosition, toPosition)
    {
        _ = from ?? throw new ArgumentNullException(nameof(from));
        _ = to ?? throw new ArgumentNullException(nameof(to));
        var positions = SpanPositions(span, fromSpan, toSpan);
        if (ReferenceEquals(positions, chunk.Positions) && fromPosition >= 0 && toPosition >= 0)
        {
            _store = chunk;
            _offset = offset;
            _count = count;
        }
        else
        {
            var items = new EntryRun(chunk, offset, count).ToArray();
            _store = new EdgeState(from, to, positions, items.Length == 0 ? AttributeMap.Empty : items);
        }
    }

    // The parser knows where each endpoint is in its node list; lint uses that to find the nodes
    // without hashing (and reading) the endpoint IDs of every edge, which at 20,000 edges means
    // reading strings spread over the whole heap. A position is only a hint: it is checked against
    // the node list it is used with.
    private PipelineEdge(SourceSpan span, SourceSpan fromSpan, SourceSpan toSpan, int fromPosition, int toPosition)
    {
        FromPosition = fromPosition;
        ToPosition = toPosition;
        _store = null!;
        if (FitsPacked(span, fromSpan, toSpan))
        {
            _fromStart = fromSpan.Start;
            _lengths = (uint)fromSpan.Length | ((uint)toSpan.Length << 8) | ((uint)(toSpan.Start - fromSpan.Start) << 16);
        }
    }

    private PipelineEdge(PipelineEdge location, AttributeMap attributes)
    {
        FromPosition = location.FromPosition;
        ToPosition = location.ToPosition;
        _store = new EdgeState(location.From, location.To, location.Positions, attributes ?? throw new ArgumentNullException(nameof(attributes)));
        _fromStart = location._fromStart;
        _lengths = location._lengths;
    }

    /// <summary>Gets where the parser put the source node in its graph's node list, or -1.</summary>
    internal int FromPosition { get; }

    /// <summary>Gets where the parser put the target node in its graph's node list, or -1.</summary>
    internal int ToPosition { get; }

    private int ToStart => _fromStart + (int)(_lengths >> 16);

    private int ToLength => (int)((_lengths >> 8) & 0xFF);

    // The line table of the packed spans, or a SpanTriple.
    private object? Positions => _store is EntryChunk chunk ? chunk.Positions : ((EdgeState)_store).Positions;

    /// <summary>Gets the source node ID.</summary>
    public string From => _store is EntryChunk chunk ? chunk.Store.Nodes![FromPosition].Id : ((EdgeState)_store).From;

    /// <summary>Gets the target node ID.</summary>
    public string To => _store is EntryChunk chunk ? chunk.Store.Nodes![ToPosition].Id : ((EdgeState)_store).To;

    /// <summary>Gets every attribute, including custom ones.</summary>
    public AttributeMap Attributes
    {
        get
        {
            var store = _store;
            if (store is EdgeState { Attributes: AttributeMap map })
            {
                return map;
            }

            // Two threads may both make one; the maps are equal and either may stay.
            var run = AttributeItems;
            map = run.Length == 0 ? AttributeMap.Empty : AttributeMap.FromDistinct(run.ToArray());
            _store = new EdgeState(From, To, Positions, map);
            return map;
        }
    }

    /// <summary>Gets the attributes in order without making the map; they must not be changed.</summary>
    internal EntryRun AttributeItems => _store switch
    {
        EntryChunk chunk => new EntryRun(chunk, _offset, _count),
        EdgeState { Attributes: AttributeEntry[] items } => new EntryRun(items),
        EdgeState state => new EntryRun(((AttributeMap)state.Attributes).Items),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Gets the location of the edge (<c>from -&gt; to</c>).</summary>
    public SourceSpan Span => Positions is SpanTriple triple ? triple.Span : SourceSpan.FromParts(_fromStart, ToStart + ToLength - _fromStart, Positions);

    /// <summary>Gets the location of the source ID.</summary>
    public SourceSpan FromSpan => Positions is SpanTriple triple ? triple.FromSpan : SourceSpan.FromParts(_fromStart, (int)(_lengths & 0xFF), Positions);

    /// <summary>Gets the location of the target ID.</summary>
    public SourceSpan ToSpan => Positions is SpanTriple triple ? triple.ToSpan : SourceSpan.FromParts(ToStart, ToLength, Positions);

    /// <summary>Gets the endpoints as a reference for diagnostics.</summary>
    public EdgeReference Reference => new(From, To);

    /// <summary>Gets the label, or the empty string.</summary>
    public string Label => GetAttribute(AttributeNames.Label) ?? string.Empty;

    /// <summary>Gets the condition, or the empty string (always eligible).</summary>
    public string Condition => GetAttribute(AttributeNames.Condition) ?? string.Empty;

    /// <summary>Gets the weight; 0 when absent or not an integer.</summary>
    public int Weight => AttributeValues.TryParseInteger(GetAttribute(AttributeNames.Weight), out var value) ? value : 0;

    /// <summary>Gets the fidelity override, or null.</summary>
    public string? Fidelity => GetAttribute(AttributeNames.Fidelity);

    /// <summary>Gets the thread ID override, or null.</summary>
    public string? ThreadId => GetAttribute(AttributeNames.ThreadId);

    /// <summary>Gets whether following this edge restarts the run.</summary>
    public bool LoopRestart => AttributeValues.TryParseBoolean(GetAttribute(AttributeNames.LoopRestart), out var value) && value;

    /// <summary>Looks up an attribute's stored form without making the map.</summary>
    internal bool TryGetAttribute(string key, out AttributeEntry entry)
    {
        if (_store is EdgeState { Attributes: AttributeMap map })
        {
            return map.TryGetEntry(key, out entry);
        }

        var items = AttributeItems;
        var index = items.IndexOf(key);
        entry = index >= 0 ? items[index] : default;
        return index >= 0;
    }

    /// <summary>Gets a value by key without making the map, or null.</summary>
    internal string? GetAttribute(string key)
    {
        if (_store is EdgeState { Attributes: AttributeMap map })
        {
            return map.GetString(key);
        }

        // Read in place: a deferred value built here is kept where it is stored.
        var items = AttributeItems;
        var index = items.IndexOf(key);
        return index >= 0 ? items.ValueAt(index) : null;
    }

    /// <summary>Returns a copy with other attributes.</summary>
    public PipelineEdge WithAttributes(AttributeMap attributes) => new(this, attributes);

    /// <inheritdoc />
    public override string ToString() => From + " -> " + To;

    // The packed fields hold the spans when they share one line table (or none), the edge's span runs
    // from the source ID to the end of the target ID, and the lengths fit.
    private static bool FitsPacked(in SourceSpan span, in SourceSpan fromSpan, in SourceSpan toSpan) =>
        SourceSpan.CanShare(span, fromSpan) && SourceSpan.CanShare(span, toSpan) && span.Positions is null or LineMap
        && span.Start == fromSpan.Start && span.End == toSpan.End
        && fromSpan.Length is >= 0 and <= byte.MaxValue && toSpan.Length is >= 0 and <= byte.MaxValue
        && toSpan.Start - fromSpan.Start is >= 0 and <= ushort.MaxValue;

    private static object? SpanPositions(in SourceSpan span, in SourceSpan fromSpan, in SourceSpan toSpan) =>
        FitsPacked(span, fromSpan, toSpan) ? span.Positions : new SpanTriple(span, fromSpan, toSpan);

    /// <summary>The endpoints, the spans' line table (or a SpanTriple) and the attributes (an entry array or the map) of an edge that does not keep them in an <see cref="EntryChunk"/>.</summary>
    private sealed class EdgeState
    {
        public EdgeState(string from, string to, object? positions, object attributes)
        {
            From = from ?? throw new ArgumentNullException(nameof(from));
            To = to ?? throw new ArgumentNullException(nameof(to));
            Positions = positions;
            Attributes = attributes;
        }

        public string From { get; }

        public string To { get; }

        public object? Positions { get; }

        public object Attributes { get; }
    }

    private sealed class SpanTriple
    {
        public SpanTriple(SourceSpan span, SourceSpan fromSpan, SourceSpan toSpan)
        {
            Span = span;
            FromSpan = fromSpan;
            ToSpan = toSpan;
        }

        public SourceSpan Span { get; }

        public SourceSpan FromSpan { get; }

        public SourceSpan ToSpan { get; }
    }
}
