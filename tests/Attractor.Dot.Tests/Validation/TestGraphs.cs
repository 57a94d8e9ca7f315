// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Tests.Validation;

/// <summary>
/// Builds graphs in code with a distinct, predictable span for every node, edge and attribute, so
/// tests can assert exactly which token a diagnostic points at without depending on the parser.
/// </summary>
internal static class TestGraphs
{
    public const string FilePath = "test.dot";

    /// <summary>Gets the span of the graph ID.</summary>
    public static SourceSpan GraphIdSpan { get; } = Span(1, 9, 1);

    public static SourceSpan Span(int line, int column, int length) => new(line * 1000 + column, length, line, column, line, column + length);

    /// <summary>A node declared on <paramref name="line"/>: its ID at column 5, attribute i at column 20 + 40 i.</summary>
    public static PipelineNode Node(string id, int line, params (string Key, string Value)[] attributes) =>
        new(id, Attributes(line, 20, attributes), Span(line, 5, id.Length));

    /// <summary>A node whose attributes came from a <c>node [...]</c> block on <paramref name="defaultsLine"/>.</summary>
    public static PipelineNode NodeWithDefaults(string id, int line, int defaultsLine, params (string Key, string Value)[] defaults) =>
        new(id, Attributes(defaultsLine, 20, defaults, AttributeOrigin.Default), Span(line, 5, id.Length));

    /// <summary>An edge on <paramref name="line"/>: <c>from -&gt; to</c> from column 5, attribute i at column 40 + 40 i.</summary>
    public static PipelineEdge Edge(string from, string to, int line, params (string Key, string Value)[] attributes)
    {
        var fromSpan = Span(line, 5, from.Length);
        var toSpan = Span(line, 5 + from.Length + 4, to.Length);
        return new PipelineEdge(from, to, Attributes(line, 40, attributes), fromSpan.Union(toSpan), fromSpan, toSpan);
    }

    /// <summary>A graph <c>g</c> in <see cref="FilePath"/>; graph attribute i is on line 2 at column 5 + 40 i.</summary>
    public static PipelineGraph Graph(PipelineNode[] nodes, PipelineEdge[] edges, params (string Key, string Value)[] attributes) =>
        new("g", Attributes(2, 5, attributes), nodes, edges, FilePath, GraphIdSpan);

    /// <summary>The smallest valid pipeline: <c>start -&gt; work -&gt; exit</c>, plus extra nodes and edges.</summary>
    public static PipelineGraph Linear(PipelineNode[]? extraNodes = null, PipelineEdge[]? extraEdges = null, params (string Key, string Value)[] graphAttributes)
    {
        var nodes = new List<PipelineNode>
        {
            Node("start", 3, ("shape", "Mdiamond")),
            Node("work", 4, ("prompt", "Do the work")),
            Node("exit", 5, ("shape", "Msquare")),
        };
        nodes.AddRange(extraNodes ?? []);
        var edges = new List<PipelineEdge> { Edge("start", "work", 10), Edge("work", "exit", 11) };
        edges.AddRange(extraEdges ?? []);
        return Graph([.. nodes], [.. edges], graphAttributes);
    }

    public static SourceSpan AttributeSpan(PipelineNode node, string key) => node.Attributes.Get(key)!.Span;

    public static SourceSpan AttributeSpan(PipelineEdge edge, string key) => edge.Attributes.Get(key)!.Span;

    public static SourceSpan AttributeSpan(PipelineGraph graph, string key) => graph.Attributes.Get(key)!.Span;

    public static PipelineNode NodeById(PipelineGraph graph, string id) => graph.FindNode(id)!;

    private static AttributeMap Attributes(int line, int firstColumn, (string Key, string Value)[] pairs, AttributeOrigin origin = AttributeOrigin.Explicit)
    {
        var attributes = new DotAttribute[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            var (key, value) = pairs[i];
            var column = firstColumn + 40 * i;
            attributes[i] = new DotAttribute(
                key,
                value,
                AttributeValueKind.String,
                origin,
                Span(line, column, key.Length + 1 + value.Length),
                Span(line, column + key.Length + 1, value.Length));
        }

        return AttributeMap.Create(attributes);
    }
}
