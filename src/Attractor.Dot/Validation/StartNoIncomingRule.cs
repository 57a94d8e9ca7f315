// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// attractor-spec §7.2 <c>start_no_incoming</c> (ATR2005): no edge enters the start node. Reported
/// once per offending edge, at the edge.
/// </summary>
public sealed class StartNoIncomingRule : ILintRule, IElementLintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.StartNoIncoming.Rule;

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
            var target = Topology.EdgeTargets[position];
            if (!Topology.IsStartAt(target))
            {
                return;
            }

            var id = LintSupport.Quote(edge.To);
            var next = Topology.FirstSuccessorId(target);
            var fix = next is not null
                ? "point the edge at " + LintSupport.Quote(next) + " (the stage after " + id + ") instead, or remove it"
                : "remove the edge; the run begins at " + id + " and never returns to it";
            Report(DiagnosticDescriptors.StartNoIncoming.Create(
                "Edge " + LintSupport.Quote(edge.ToString()) + " enters the start node " + id + "; the start node must have no incoming edges.",
                Graph.FilePath,
                edge.Span,
                fix: fix,
                nodeId: edge.To,
                edge: edge.Reference));
        }
    }
}
