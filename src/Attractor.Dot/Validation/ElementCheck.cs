// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// One validation of one graph by an <see cref="IElementLintRule"/>: told about every node, then every
/// edge, in order, then finished. Findings are kept in the order they are reported, which is the
/// order the rule's own <see cref="ILintRule.Apply"/> returns them in.
/// </summary>
internal abstract class ElementCheck
{
    private List<DotDiagnostic>? _diagnostics;

    protected ElementCheck(PipelineGraph graph, bool checksNodes, bool checksEdges)
    {
        Graph = graph;
        ChecksNodes = checksNodes;
        ChecksEdges = checksEdges;
    }

    /// <summary>Gets a value indicating whether <see cref="CheckNode"/> wants to see the nodes.</summary>
    public bool ChecksNodes { get; }

    /// <summary>Gets a value indicating whether <see cref="CheckEdge"/> wants to see the edges.</summary>
    public bool ChecksEdges { get; }

    /// <summary>Gets what the check reported so far.</summary>
    public IReadOnlyList<DotDiagnostic> Diagnostics => (IReadOnlyList<DotDiagnostic>?)_diagnostics ?? Array.Empty<DotDiagnostic>();

    protected PipelineGraph Graph { get; }

    /// <summary>Runs a rule's check over the whole graph on its own: the rule's <see cref="ILintRule.Apply"/>.</summary>
    public static IEnumerable<DotDiagnostic> RunAlone(IElementLintRule rule, PipelineGraph graph)
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        var check = rule.Begin(graph);
        if (check is null)
        {
            return Array.Empty<DotDiagnostic>();
        }

        if (check.ChecksNodes)
        {
            var nodes = graph.Nodes;
            for (var i = 0; i < nodes.Count; i++)
            {
                check.CheckNode(i, nodes[i]);
            }
        }

        if (check.ChecksEdges)
        {
            var edges = graph.Edges;
            for (var i = 0; i < edges.Count; i++)
            {
                check.CheckEdge(i, edges[i]);
            }
        }

        check.Finish();
        return check.Diagnostics;
    }

    /// <summary>Checks the node at <paramref name="position"/> in <see cref="PipelineGraph.Nodes"/>.</summary>
    public virtual void CheckNode(int position, PipelineNode node)
    {
    }

    /// <summary>Checks the edge at <paramref name="position"/> in <see cref="PipelineGraph.Edges"/>.</summary>
    public virtual void CheckEdge(int position, PipelineEdge edge)
    {
    }

    /// <summary>Reports what can only be judged after every element was seen.</summary>
    public virtual void Finish()
    {
    }

    protected void Report(DotDiagnostic diagnostic) => (_diagnostics ??= new List<DotDiagnostic>()).Add(diagnostic);
}
