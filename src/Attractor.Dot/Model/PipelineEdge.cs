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
    private readonly object? _positions;

    // The attributes as the parser left them (an AttributeEntry[]) until someone asks for the map,
    // then the AttributeMap: a large pipeline has two edges per node, and lint reads their few
    // attributes without needing a map object for each.
    private object _attributes;
    private readonly int _fromStart;
    private readonly uint _lengths;

    /// <summary>Initializes a new instance of the <see cref="PipelineEdge"/> class.</summary>
    /// <param name="from">The source node ID.</param>
    /// <param name="to">The target node ID.</param>
    /// <param name="attributes">The edge's attributes, including inherited defaults.</param>
    /// <param name="span">The edge from its source ID to its target ID.</param>
    /// <param name="fromSpan">The source ID token.</param>
    /// <param name="toSpan">The target ID token.</param>
    public PipelineEdge(string from, string to, AttributeMap? attributes = null, SourceSpan span = default, SourceSpan fromSpan = default, SourceSpan toSpan = default)
        : this(from, to, (object?)attributes ?? AttributeMap.Empty, span, fromSpan, toSpan, fromPosition: -1, toPosition: -1)
    {
    }

    /// <summary>An edge as the parser makes it, with the attributes an array of distinct keys the edge now owns.</summary>
    internal PipelineEdge(string from, string to, AttributeEntry[] attributes, SourceSpan span, SourceSpan fromSpan, SourceSpan toSpan, int fromPosition, int toPosition)
        : this(from, to, attributes.Length == 0 ? AttributeMap.Empty : attributes, span, fromSpan, toSpan, fromPosition, toPosition)
    {
    }

    // The parser knows where each endpoint is in its node list; lint uses that to find the nodes
    // without hashing (and reading) the endpoint IDs of every edge, which at 20,000 edges means
    // reading strings spread over the whole heap. A position is only a hint: it is checked against
    // the node list it is used with.
    private PipelineEdge(string from, string to, object attributes, SourceSpan span, SourceSpan fromSpan, SourceSpan toSpan, int fromPosition, int toPosition)
    {
        FromPosition = fromPosition;
        ToPosition = toPosition;
        From = from ?? throw new ArgumentNullException(nameof(from));
        To = to ?? throw new ArgumentNullException(nameof(to));
        _attributes = attributes;
        if (SourceSpan.CanShare(span, fromSpan) && SourceSpan.CanShare(span, toSpan) && span.Positions is null or LineMap
            && span.Start == fromSpan.Start && span.End == toSpan.End
            && fromSpan.Length is >= 0 and <= byte.MaxValue && toSpan.Length is >= 0 and <= byte.MaxValue
            && toSpan.Start - fromSpan.Start is >= 0 and <= ushort.MaxValue)
        {
            _positions = span.Positions;
            _fromStart = fromSpan.Start;
            _lengths = (uint)fromSpan.Length | ((uint)toSpan.Length << 8) | ((uint)(toSpan.Start - fromSpan.Start) << 16);
        }
        else
        {
            _positions = new SpanTriple(span, fromSpan, toSpan);
        }
    }

    private PipelineEdge(PipelineEdge location, AttributeMap attributes)
    {
        FromPosition = location.FromPosition;
        ToPosition = location.ToPosition;
        From = location.From;
        To = location.To;
        _attributes = attributes ?? throw new ArgumentNullException(nameof(attributes));
        _positions = location._positions;
        _fromStart = location._fromStart;
        _lengths = location._lengths;
    }

    /// <summary>Gets where the parser put the source node in its graph's node list, or -1.</summary>
    internal int FromPosition { get; }

    /// <summary>Gets where the parser put the target node in its graph's node list, or -1.</summary>
    internal int ToPosition { get; }

    private int ToStart => _fromStart + (int)(_lengths >> 16);

    private int ToLength => (int)((_lengths >> 8) & 0xFF);

    /// <summary>Gets the source node ID.</summary>
    public string From { get; }

    /// <summary>Gets the target node ID.</summary>
    public string To { get; }

    /// <summary>Gets every attribute, including custom ones.</summary>
    public AttributeMap Attributes
    {
        get
        {
            if (_attributes is AttributeMap map)
            {
                return map;
            }

            // Two threads may both make one; the maps are equal and either may stay.
            map = AttributeMap.FromDistinct((AttributeEntry[])_attributes);
            _attributes = map;
            return map;
        }
    }

    /// <summary>Gets the attributes in order without making the map; the array must not be changed.</summary>
    internal AttributeEntry[] AttributeItems => _attributes as AttributeEntry[] ?? ((AttributeMap)_attributes).Items;

    /// <summary>Gets the location of the edge (<c>from -&gt; to</c>).</summary>
    public SourceSpan Span => _positions is SpanTriple triple ? triple.Span : SourceSpan.FromParts(_fromStart, ToStart + ToLength - _fromStart, _positions);

    /// <summary>Gets the location of the source ID.</summary>
    public SourceSpan FromSpan => _positions is SpanTriple triple ? triple.FromSpan : SourceSpan.FromParts(_fromStart, (int)(_lengths & 0xFF), _positions);

    /// <summary>Gets the location of the target ID.</summary>
    public SourceSpan ToSpan => _positions is SpanTriple triple ? triple.ToSpan : SourceSpan.FromParts(ToStart, ToLength, _positions);

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
        if (_attributes is AttributeMap map)
        {
            return map.TryGetEntry(key, out entry);
        }

        var items = (AttributeEntry[])_attributes;
        var index = AttributeMap.IndexOf(items, key);
        entry = index >= 0 ? items[index] : default;
        return index >= 0;
    }

    /// <summary>Gets a value by key without making the map, or null.</summary>
    internal string? GetAttribute(string key)
    {
        if (_attributes is AttributeMap map)
        {
            return map.GetString(key);
        }

        var items = (AttributeEntry[])_attributes;
        var index = AttributeMap.IndexOf(items, key);
        return index >= 0 ? items[index].Value : null;
    }

    /// <summary>Returns a copy with other attributes.</summary>
    public PipelineEdge WithAttributes(AttributeMap attributes) => new(this, attributes);

    /// <inheritdoc />
    public override string ToString() => From + " -> " + To;

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
