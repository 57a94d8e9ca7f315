// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// attractor-spec §7.2 <c>edge_target_exists</c> (ATR2004): both endpoints of every edge are nodes
/// of the graph. The parser declares edge endpoints implicitly, as DOT does, so this mostly guards
/// graphs built or rewritten in code.
/// </summary>
public sealed class EdgeTargetExistsRule : ILintRule, IElementLintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.EdgeTargetExists.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph) => ElementCheck.RunAlone(this, graph);

    /// <inheritdoc />
    ElementCheck? IElementLintRule.Begin(PipelineGraph graph) => new Check(graph);

    private sealed class Check : TopologyCheck
    {
        public Check(PipelineGraph graph)
            : base(graph, checksNodes: false, checksEdges: true)
        {
        }

        public override void CheckEdge(int position, PipelineEdge edge)
        {
            if (Topology.EdgeSources[position] < 0)
            {
                Report(Missing(Graph, edge, edge.From, edge.FromSpan, "starts at"));
            }

            if (Topology.EdgeTargets[position] < 0)
            {
                Report(Missing(Graph, edge, edge.To, edge.ToSpan, "targets"));
            }
        }
    }

    private static DotDiagnostic Missing(PipelineGraph graph, PipelineEdge edge, string endpoint, SourceSpan endpointSpan, string verb)
    {
        // The missing endpoint's ID token is the precise culprit; the whole edge is the fallback.
        var span = endpointSpan.IsKnown ? endpointSpan : edge.Span;
        return DiagnosticDescriptors.EdgeTargetExists.Create(
            "Edge " + LintSupport.Quote(edge.ToString()) + " " + verb + " " + LintSupport.Quote(endpoint) + ", which is not a node of the graph.",
            graph.FilePath,
            span,
            fix: "declare `" + endpoint + "` as a node, or correct the edge to an existing node ID",
            edge: edge.Reference);
    }
}
