// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// <c>exit_reachable</c> (ATR2014, ours): every node the run can reach has a path on to an exit node;
/// otherwise a run that gets there loops or stops without finishing. Silent when there is no start
/// or no exit node, which <see cref="StartNodeRule"/> and <see cref="TerminalNodeRule"/> report;
/// nodes unreachable from the start are left to <see cref="ReachabilityRule"/>.
/// </summary>
public sealed class ExitReachableRule : ILintRule, IElementLintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.ExitReachable.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph) => ElementCheck.RunAlone(this, graph);

    /// <inheritdoc />
    ElementCheck? IElementLintRule.Begin(PipelineGraph graph)
    {
        var topology = PipelineTopology.Of(graph);
        return topology.StartNodes.Count == 0 || topology.ExitNodes.Count == 0 ? null : new Check(graph);
    }

    private sealed class Check : TopologyCheck
    {
        private readonly string _exit;

        public Check(PipelineGraph graph)
            : base(graph, checksNodes: true, checksEdges: false) => _exit = LintSupport.Quote(Topology.ExitNodes[0].Id);

        public override void CheckNode(int position, PipelineNode node)
        {
            if (!Topology.IsReachableFromStart(position) || Topology.ReachesExit(position))
            {
                return;
            }

            var id = LintSupport.Quote(node.Id);
            Report(DiagnosticDescriptors.ExitReachable.Create(
                "No path leads from node " + id + " to the exit node " + _exit + "; a run that reaches " + id + " can never finish normally.",
                Graph.FilePath,
                node.Span,
                fix: "add an edge from " + id + " (or from a node after it) toward " + _exit,
                nodeId: node.Id));
        }
    }
}
