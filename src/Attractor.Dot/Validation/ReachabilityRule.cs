// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// attractor-spec §7.2 <c>reachability</c> (ATR2003): every node is reachable from the start node.
/// Silent when there is no start node, which <see cref="StartNodeRule"/> reports; with several
/// start nodes, a node reachable from any of them counts as reachable.
/// </summary>
public sealed class ReachabilityRule : ILintRule, IElementLintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.Reachability.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph) => ElementCheck.RunAlone(this, graph);

    /// <inheritdoc />
    ElementCheck? IElementLintRule.Begin(PipelineGraph graph)
    {
        var topology = PipelineTopology.Of(graph);
        return topology.StartNodes.Count == 0 ? null : new Check(graph);
    }

    private sealed class Check : TopologyCheck
    {
        private readonly string _start;

        public Check(PipelineGraph graph)
            : base(graph, checksNodes: true, checksEdges: false) => _start = LintSupport.Quote(Topology.StartNodes[0].Id);

        public override void CheckNode(int position, PipelineNode node)
        {
            if (Topology.IsReachableFromStart(position))
            {
                return;
            }

            var id = LintSupport.Quote(node.Id);
            Report(DiagnosticDescriptors.Reachability.Create(
                "Node " + id + " is not reachable from the start node " + _start + "; every node must be reachable, or it can never run.",
                Graph.FilePath,
                node.Span,
                fix: "add an edge into " + id + " from a reachable node, or delete " + id,
                nodeId: node.Id));
        }
    }
}
