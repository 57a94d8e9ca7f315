// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// attractor-spec §7.2 <c>exit_no_outgoing</c> (ATR2006): no edge leaves the exit node. Reported
/// once per offending edge, at the edge.
/// </summary>
public sealed class ExitNoOutgoingRule : ILintRule, IElementLintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.ExitNoOutgoing.Rule;

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
            if (!Topology.IsExitAt(Topology.EdgeSources[position]))
            {
                return;
            }

            var id = LintSupport.Quote(edge.From);
            Report(DiagnosticDescriptors.ExitNoOutgoing.Create(
                "Edge " + LintSupport.Quote(edge.ToString()) + " leaves the exit node " + id + "; the run ends at the exit node, so it must have no outgoing edges.",
                Graph.FilePath,
                edge.Span,
                fix: "remove the edge; to loop back, branch from the stage before " + id + " (e.g. with a condition) instead",
                nodeId: edge.From,
                edge: edge.Reference));
        }
    }
}
