// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot;

/// <summary>A stage of a pipeline: an ID, its attributes, and where it was declared.</summary>
public sealed class PipelineNode
{
    private static readonly string[] NoClasses = Array.Empty<string>();
    private static readonly AttributeEntry[] NoAttributes = Array.Empty<AttributeEntry>();

    // The subgraph classes until Classes is first read, then a ClassLists with both: one field
    // instead of two on every node of a large pipeline, where Classes is rarely read.
    private object _classes;

    // A node as the parser (or the built-in transforms) left it: its own attributes are the run at
    // _offset, _count in this EntryChunk (shared with other nodes and edges; see EntryStore), whose
    // Positions is the line table of Span, and _tail, shared with other nodes, follows them. Any other
    // node, and a parsed one once its map is made: a NodeState. Lint and the typed properties read a
    // large pipeline's nodes in place, without an array or a map object for each.
    private object _store;
    private readonly AttributeEntry[] _tail;
    private readonly int _offset;
    private readonly int _count;
    private readonly int _spanStart;
    private readonly int _spanLength;

    /// <summary>Initializes a new instance of the <see cref="PipelineNode"/> class.</summary>
    /// <param name="id">The node ID.</param>
    /// <param name="attributes">The node's attributes, including inherited defaults.</param>
    /// <param name="span">Where the node was first declared.</param>
    /// <param name="subgraphClasses">Classes derived from the labels of enclosing subgraphs (§2.10).</param>
    public PipelineNode(string id, AttributeMap? attributes = null, SourceSpan span = default, IReadOnlyList<string>? subgraphClasses = null)
        : this(id, NoAttributes, span, subgraphClasses)
    {
        _store = new NodeState(span.Positions, attributes ?? AttributeMap.Empty);
    }

    /// <summary>
    /// A node as the parser makes it: its own attributes, the <paramref name="count"/> entries of
    /// <paramref name="chunk"/> from <paramref name="offset"/>, which no one else uses, then a
    /// shared <paramref name="tail"/>; all keys distinct.
    /// </summary>
    internal PipelineNode(string id, EntryChunk chunk, int offset, int count, AttributeEntry[] tail, SourceSpan span, IReadOnlyList<string>? subgraphClasses)
        : this(id, tail, span, subgraphClasses)
    {
        if (ReferenceEquals(chunk.Positions, span.Positions))
        {
            _store = chunk;
            _offset = offset;
            _count = count;
        }
        else
        {
            _store = new NodeState(span.Positions, new EntryRun(chunk, offset, count).ToArray());
        }
    }

    private PipelineNode(string id, AttributeEntry[] tail, SourceSpan span, IReadOnlyList<string>? subgraphClasses)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        _store = null!;
        _tail = tail;
        _spanStart = span.Start;
        _spanLength = span.Length;
        _classes = subgraphClasses ?? NoClasses;
    }

    /// <summary>Gets the node ID.</summary>
    public string Id { get; }

    /// <summary>Gets every attribute, including custom ones.</summary>
    public AttributeMap Attributes
    {
        get
        {
            var store = _store;
            if (store is NodeState { Attributes: AttributeMap map })
            {
                return map;
            }

            // Two threads may both make one; the maps are equal and either may stay.
            map = AttributeMap.FromDistinct(OwnAttributes.ToArray(), _tail);
            _store = new NodeState(Positions, map);
            return map;
        }
    }

    /// <summary>Gets the attributes of this node alone, without making the map; <see cref="TailAttributes"/> follows them. Must not be changed.</summary>
    internal EntryRun OwnAttributes => _store switch
    {
        EntryChunk chunk => new EntryRun(chunk, _offset, _count),
        NodeState { Attributes: AttributeEntry[] items } => new EntryRun(items),
        NodeState state => new EntryRun(((AttributeMap)state.Attributes).Own),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Gets the attributes after <see cref="OwnAttributes"/> that the node shares with others. Must not be changed.</summary>
    internal AttributeEntry[] TailAttributes => _store is NodeState { Attributes: AttributeMap map } ? map.Tail : _tail;

    /// <summary>Gets where the node was first declared (its ID token).</summary>
    public SourceSpan Span => SourceSpan.FromParts(_spanStart, _spanLength, Positions);

    // The line table of Span.
    private object? Positions => _store is EntryChunk chunk ? chunk.Positions : ((NodeState)_store).Positions;

    /// <summary>Gets the classes derived from enclosing subgraph labels.</summary>
    public IReadOnlyList<string> SubgraphClasses => _classes is ClassLists lists ? lists.Subgraph : (IReadOnlyList<string>)_classes;

    /// <summary>Gets the display name; defaults to the ID.</summary>
    public string Label => GetAttribute(AttributeNames.Label) ?? Id;

    /// <summary>Gets the Graphviz shape; defaults to <c>box</c>.</summary>
    public string Shape => GetAttribute(AttributeNames.Shape) ?? "box";

    /// <summary>Gets the explicit handler type, or the empty string.</summary>
    public string Type => GetAttribute(AttributeNames.Type) ?? string.Empty;

    /// <summary>Gets the handler type: <see cref="Type"/> when set, else the shape's mapping, else codergen.</summary>
    public string HandlerType => Type.Length > 0 ? Type : HandlerTypes.ForShape(Shape) ?? HandlerTypes.Codergen;

    /// <summary>Gets the prompt, or the empty string.</summary>
    public string Prompt => GetAttribute(AttributeNames.Prompt) ?? string.Empty;

    /// <summary>Gets <c>max_retries</c>, or null when omitted (the graph default then applies).</summary>
    public int? MaxRetries => GetInteger(AttributeNames.MaxRetries);

    /// <summary>Gets whether the node must succeed before the pipeline may exit.</summary>
    public bool GoalGate => GetBoolean(AttributeNames.GoalGate);

    /// <summary>Gets the retry target, or the empty string.</summary>
    public string RetryTarget => GetAttribute(AttributeNames.RetryTarget) ?? string.Empty;

    /// <summary>Gets the fallback retry target, or the empty string.</summary>
    public string FallbackRetryTarget => GetAttribute(AttributeNames.FallbackRetryTarget) ?? string.Empty;

    /// <summary>Gets the fidelity mode, or null when inherited.</summary>
    public string? Fidelity => GetAttribute(AttributeNames.Fidelity);

    /// <summary>Gets the explicit thread ID, or null when derived.</summary>
    public string? ThreadId => GetAttribute(AttributeNames.ThreadId);

    /// <summary>Gets the raw <c>class</c> attribute, or the empty string.</summary>
    public string Class => GetAttribute(AttributeNames.Class) ?? string.Empty;

    /// <summary>Gets the node's classes: the comma-separated <c>class</c> attribute followed by subgraph classes.</summary>
    public IReadOnlyList<string> Classes
    {
        get
        {
            if (_classes is ClassLists lists)
            {
                return lists.All;
            }

            // Two threads may both compute them; the lists are equal and either may stay.
            lists = new ClassLists((IReadOnlyList<string>)_classes, ComputeClasses());
            _classes = lists;
            return lists.All;
        }
    }

    /// <summary>Gets the timeout, or null when unset or invalid.</summary>
    public TimeSpan? Timeout => AttributeValues.TryParseDuration(GetAttribute(AttributeNames.Timeout), out var value) ? value : null;

    /// <summary>Gets the LLM model, or null when inherited.</summary>
    public string? LlmModel => GetAttribute(AttributeNames.LlmModel);

    /// <summary>Gets the LLM provider, or null when auto-detected.</summary>
    public string? LlmProvider => GetAttribute(AttributeNames.LlmProvider);

    /// <summary>
    /// Gets the backend that runs the node's LLM work (<see cref="BackendNames"/>), or null when the
    /// graph's <c>llm_backend</c> or the run's options decide.
    /// </summary>
    public string? LlmBackend => GetAttribute(AttributeNames.LlmBackend);

    /// <summary>Gets the reasoning effort; defaults to <c>high</c>.</summary>
    public string ReasoningEffort => GetAttribute(AttributeNames.ReasoningEffort) ?? "high";

    /// <summary>Gets whether the engine synthesizes SUCCESS when the handler writes no status.</summary>
    public bool AutoStatus => GetBoolean(AttributeNames.AutoStatus);

    /// <summary>Gets whether PARTIAL_SUCCESS is accepted when retries are exhausted.</summary>
    public bool AllowPartial => GetBoolean(AttributeNames.AllowPartial);

    /// <summary>Gets the shell command of a tool node, or null.</summary>
    public string? ToolCommand => GetAttribute(AttributeNames.ToolCommand);

    /// <summary>Gets the node's own pre tool-call hook (§9.7), or null to use the graph's.</summary>
    public string? ToolHooksPre => GetAttribute(AttributeNames.ToolHooksPre);

    /// <summary>Gets the node's own post tool-call hook (§9.7), or null to use the graph's.</summary>
    public string? ToolHooksPost => GetAttribute(AttributeNames.ToolHooksPost);

    /// <summary>Gets the child pipeline of a manager loop node, or null to use the graph's.</summary>
    public string? StackChildDotfile => GetAttribute(AttributeNames.StackChildDotfile);

    /// <summary>Gets whether this node is marked as the start node by shape or type.</summary>
    public bool IsMarkedStart => Shape == "Mdiamond" || Type == HandlerTypes.Start;

    /// <summary>Gets whether this node is marked as an exit node by shape or type.</summary>
    public bool IsMarkedExit => Shape == "Msquare" || Type == HandlerTypes.Exit;

    /// <summary>Gets whether the ID is one the spec treats as a start node (<c>start</c>, <c>Start</c>).</summary>
    public bool HasStartId => Id == "start" || Id == "Start";

    /// <summary>Gets whether the ID is one the spec treats as an exit node (<c>exit</c>, <c>end</c>).</summary>
    public bool HasExitId => Id == "exit" || Id == "end";

    /// <summary>Returns a copy with other attributes.</summary>
    public PipelineNode WithAttributes(AttributeMap attributes) => new(Id, attributes, Span, SubgraphClasses);

    /// <summary>Returns a copy with other attributes: a run the copy owns, then a shared tail; all keys distinct.</summary>
    internal PipelineNode WithAttributes(EntryChunk chunk, int offset, int count, AttributeEntry[] tail) => new(Id, chunk, offset, count, tail, Span, SubgraphClasses);

    /// <summary>Gets a value by key without making the map, or null.</summary>
    internal string? GetAttribute(string key)
    {
        if (_store is NodeState { Attributes: AttributeMap map })
        {
            return map.GetString(key);
        }

        // Read in place: a deferred value built here is kept where it is stored.
        var index = Locate(key, out var items);
        return index >= 0 ? items.ValueAt(index) : null;
    }

    /// <summary>Looks up an attribute's stored form without making the map.</summary>
    internal bool TryGetAttribute(string key, out AttributeEntry entry)
    {
        if (_store is NodeState { Attributes: AttributeMap map })
        {
            return map.TryGetEntry(key, out entry);
        }

        var index = Locate(key, out var items);
        entry = index >= 0 ? items[index] : default;
        return index >= 0;
    }

    /// <summary>Gets an integer attribute, or null when absent or not an integer.</summary>
    public int? GetInteger(string key) => AttributeValues.TryParseInteger(GetAttribute(key), out var value) ? value : null;

    /// <summary>Gets a boolean attribute; false when absent or not a boolean.</summary>
    public bool GetBoolean(string key) => AttributeValues.TryParseBoolean(GetAttribute(key), out var value) && value;

    /// <inheritdoc />
    public override string ToString() => Id;

    // Before the map is made: the run that holds the key (own or tail) and its index there, or -1.
    private int Locate(string key, out EntryRun items)
    {
        items = OwnAttributes;
        var index = items.IndexOf(key);
        if (index >= 0)
        {
            return index;
        }

        items = new EntryRun(_tail);
        return items.IndexOf(key);
    }

    private string[] ComputeClasses()
    {
        var result = new List<string>();
        foreach (var part in Class.Split(','))
        {
            var name = part.Trim();
            if (name.Length > 0 && !result.Contains(name))
            {
                result.Add(name);
            }
        }

        foreach (var name in SubgraphClasses)
        {
            if (!result.Contains(name))
            {
                result.Add(name);
            }
        }

        return result.Count == 0 ? NoClasses : result.ToArray();
    }

    /// <summary>The line table of the span and the attributes (own entries or the map) of a node that does not keep them in an <see cref="EntryChunk"/>.</summary>
    private sealed class NodeState
    {
        public NodeState(object? positions, object attributes)
        {
            Positions = positions;
            Attributes = attributes;
        }

        public object? Positions { get; }

        public object Attributes { get; }
    }

    private sealed class ClassLists
    {
        public ClassLists(IReadOnlyList<string> subgraph, IReadOnlyList<string> all)
        {
            Subgraph = subgraph;
            All = all;
        }

        public IReadOnlyList<string> Subgraph { get; }

        public IReadOnlyList<string> All { get; }
    }
}
