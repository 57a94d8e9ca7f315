// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot;

/// <summary>
/// An immutable pipeline: the flattened DOT graph with typed access to the attributes of
/// attractor-spec Appendix A. Transforms return new instances through the <c>With*</c> methods.
/// </summary>
public sealed class PipelineGraph
{
    private static readonly PipelineEdge[] NoEdges = Array.Empty<PipelineEdge>();
    private Dictionary<string, PipelineNode>? _nodesById;
    private Dictionary<string, PipelineEdge[]>? _outgoing;
    private Dictionary<string, PipelineEdge[]>? _incoming;

    /// <summary>Initializes a new instance of the <see cref="PipelineGraph"/> class.</summary>
    /// <param name="id">The graph ID (<c>digraph Id</c>).</param>
    /// <param name="attributes">Graph-level attributes.</param>
    /// <param name="nodes">Nodes in declaration order; IDs must be distinct.</param>
    /// <param name="edges">Edges in declaration order.</param>
    /// <param name="filePath">The file the graph came from, when any.</param>
    /// <param name="idSpan">Location of the graph ID.</param>
    public PipelineGraph(string id, AttributeMap? attributes, IReadOnlyList<PipelineNode> nodes, IReadOnlyList<PipelineEdge> edges, string? filePath = null, SourceSpan idSpan = default)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Attributes = attributes ?? AttributeMap.Empty;
        Nodes = nodes ?? throw new ArgumentNullException(nameof(nodes));
        Edges = edges ?? throw new ArgumentNullException(nameof(edges));
        FilePath = filePath;
        IdSpan = idSpan;
    }

    /// <summary>Gets the graph ID.</summary>
    public string Id { get; }

    /// <summary>Gets the graph-level attributes.</summary>
    public AttributeMap Attributes { get; }

    /// <summary>Gets the nodes in declaration order.</summary>
    public IReadOnlyList<PipelineNode> Nodes { get; }

    /// <summary>Gets the edges in declaration order.</summary>
    public IReadOnlyList<PipelineEdge> Edges { get; }

    /// <summary>Gets the file the graph came from, or null.</summary>
    public string? FilePath { get; }

    /// <summary>Gets the location of the graph ID.</summary>
    public SourceSpan IdSpan { get; }

    /// <summary>Gets the pipeline goal; <c>$goal</c> in prompts expands to it.</summary>
    public string Goal => Attributes.GetString(AttributeNames.Goal) ?? string.Empty;

    /// <summary>Gets the display name, or the empty string.</summary>
    public string Label => Attributes.GetString(AttributeNames.Label) ?? string.Empty;

    /// <summary>Gets the model stylesheet source, or the empty string.</summary>
    public string ModelStylesheet => Attributes.GetString(AttributeNames.ModelStylesheet) ?? string.Empty;

    /// <summary>Gets the default number of additional retries (legacy alias <c>default_max_retry</c>); 0 when unset.</summary>
    public int DefaultMaxRetries =>
        AttributeValues.TryParseInteger(Attributes.GetString(AttributeNames.DefaultMaxRetries), out var value) ? value
        : AttributeValues.TryParseInteger(Attributes.GetString(AttributeNames.DefaultMaxRetryLegacy), out var legacy) ? legacy
        : 0;

    /// <summary>Gets the graph-level retry target, or the empty string.</summary>
    public string RetryTarget => Attributes.GetString(AttributeNames.RetryTarget) ?? string.Empty;

    /// <summary>Gets the graph-level fallback retry target, or the empty string.</summary>
    public string FallbackRetryTarget => Attributes.GetString(AttributeNames.FallbackRetryTarget) ?? string.Empty;

    /// <summary>Gets the default fidelity; the empty string means unset (runtime fallback <c>compact</c>).</summary>
    public string DefaultFidelity => Attributes.GetString(AttributeNames.DefaultFidelity) ?? string.Empty;

    /// <summary>Gets the graph's default backend for LLM work (<c>llm_backend</c>), or null when the run's options decide.</summary>
    public string? LlmBackend => Attributes.GetString(AttributeNames.LlmBackend);

    /// <summary>Gets the child pipeline path for manager loops, or the empty string.</summary>
    public string StackChildDotfile => Attributes.GetString(AttributeNames.StackChildDotfile) ?? string.Empty;

    /// <summary>Gets the working directory for child runs, or null for the current directory.</summary>
    public string? StackChildWorkdir => Attributes.GetString(AttributeNames.StackChildWorkdir);

    /// <summary>Gets the shell command run before each LLM tool call, or the empty string.</summary>
    public string ToolHooksPre => Attributes.GetString(AttributeNames.ToolHooksPre) ?? string.Empty;

    /// <summary>Gets the shell command run after each LLM tool call, or the empty string.</summary>
    public string ToolHooksPost => Attributes.GetString(AttributeNames.ToolHooksPost) ?? string.Empty;

    /// <summary>Finds a node by ID.</summary>
    public PipelineNode? FindNode(string id)
    {
        var index = _nodesById ??= BuildNodeIndex();
        return index.TryGetValue(id, out var node) ? node : null;
    }

    /// <summary>Returns whether a node with the ID exists.</summary>
    public bool ContainsNode(string id) => FindNode(id) is not null;

    /// <summary>Gets the edges leaving a node, in declaration order.</summary>
    public IReadOnlyList<PipelineEdge> OutgoingEdges(string nodeId)
    {
        var index = _outgoing ??= BuildEdgeIndex(outgoing: true);
        return index.TryGetValue(nodeId, out var edges) ? edges : NoEdges;
    }

    /// <summary>Gets the edges entering a node, in declaration order.</summary>
    public IReadOnlyList<PipelineEdge> IncomingEdges(string nodeId)
    {
        var index = _incoming ??= BuildEdgeIndex(outgoing: false);
        return index.TryGetValue(nodeId, out var edges) ? edges : NoEdges;
    }

    /// <summary>
    /// Finds the start node: the one marked by shape <c>Mdiamond</c> or <c>type=start</c>, else one
    /// with the ID <c>start</c>/<c>Start</c>. Returns null when there is none or it is ambiguous.
    /// </summary>
    public PipelineNode? FindStartNode() => FindSingle(static n => n.IsMarkedStart, static n => n.HasStartId);

    /// <summary>
    /// Finds the exit node: the one marked by shape <c>Msquare</c> or <c>type=exit</c>, else one
    /// with the ID <c>exit</c>/<c>end</c>. Returns null when there is none or it is ambiguous.
    /// </summary>
    public PipelineNode? FindExitNode() => FindSingle(static n => n.IsMarkedExit, static n => n.HasExitId);

    /// <summary>Returns whether the node counts as an exit (marked, or by ID when no node is marked).</summary>
    public bool IsExitNode(PipelineNode node)
    {
        if (node is null)
        {
            throw new ArgumentNullException(nameof(node));
        }

        if (node.IsMarkedExit)
        {
            return true;
        }

        if (!node.HasExitId)
        {
            return false;
        }

        foreach (var other in Nodes)
        {
            if (other.IsMarkedExit)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns a copy with other graph attributes.</summary>
    public PipelineGraph WithAttributes(AttributeMap attributes) => new(Id, attributes, Nodes, Edges, FilePath, IdSpan);

    /// <summary>Returns a copy with other nodes.</summary>
    public PipelineGraph WithNodes(IReadOnlyList<PipelineNode> nodes) => new(Id, Attributes, nodes, Edges, FilePath, IdSpan);

    /// <summary>Returns a copy with other edges.</summary>
    public PipelineGraph WithEdges(IReadOnlyList<PipelineEdge> edges) => new(Id, Attributes, Nodes, edges, FilePath, IdSpan);

    /// <inheritdoc />
    public override string ToString() => "digraph " + Id + " (" + Nodes.Count + " nodes, " + Edges.Count + " edges)";

    private PipelineNode? FindSingle(Func<PipelineNode, bool> marked, Func<PipelineNode, bool> byId)
    {
        PipelineNode? found = null;
        var count = 0;
        foreach (var node in Nodes)
        {
            if (marked(node))
            {
                found = node;
                count++;
            }
        }

        if (count == 0)
        {
            foreach (var node in Nodes)
            {
                if (byId(node))
                {
                    found = node;
                    count++;
                }
            }
        }

        return count == 1 ? found : null;
    }

    private Dictionary<string, PipelineNode> BuildNodeIndex()
    {
        var index = new Dictionary<string, PipelineNode>(Nodes.Count, StringComparer.Ordinal);
        foreach (var node in Nodes)
        {
            index[node.Id] = node;
        }

        return index;
    }

    private Dictionary<string, PipelineEdge[]> BuildEdgeIndex(bool outgoing)
    {
        var lists = new Dictionary<string, List<PipelineEdge>>(StringComparer.Ordinal);
        foreach (var edge in Edges)
        {
            var key = outgoing ? edge.From : edge.To;
            if (!lists.TryGetValue(key, out var list))
            {
                list = new List<PipelineEdge>(2);
                lists[key] = list;
            }

            list.Add(edge);
        }

        var index = new Dictionary<string, PipelineEdge[]>(lists.Count, StringComparer.Ordinal);
        foreach (var pair in lists)
        {
            index[pair.Key] = pair.Value.ToArray();
        }

        return index;
    }
}
