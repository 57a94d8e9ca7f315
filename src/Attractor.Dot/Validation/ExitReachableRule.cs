// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// <c>exit_reachable</c> (ATR2014, ours): every node the run can reach has a path on to an exit node;
/// otherwise a run that gets there loops or stops without finishing. Silent when there is no start
/// or no exit node, which <see cref="StartNodeRule"/> and <see cref="TerminalNodeRule"/> report;
/// nodes unreachable from the start are left to <see cref="ReachabilityRule"/>.
/// </summary>
public sealed class ExitReachableRule : ILintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.ExitReachable.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph)
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        var topology = PipelineTopology.Of(graph);
        if (topology.StartNodes.Count == 0 || topology.ExitNodes.Count == 0)
        {
            return Array.Empty<DotDiagnostic>();
        }

        var exit = LintSupport.Quote(topology.ExitNodes[0].Id);
        List<DotDiagnostic>? diagnostics = null;
        var nodes = graph.Nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            if (!topology.IsReachableFromStart(i) || topology.ReachesExit(i))
            {
                continue;
            }

            var node = nodes[i];
            var id = LintSupport.Quote(node.Id);
            (diagnostics ??= new List<DotDiagnostic>()).Add(DiagnosticDescriptors.ExitReachable.Create(
                "No path leads from node " + id + " to the exit node " + exit + "; a run that reaches " + id + " can never finish normally.",
                graph.FilePath,
                node.Span,
                fix: "add an edge from " + id + " (or from a node after it) toward " + exit,
                nodeId: node.Id));
        }

        return diagnostics ?? (IEnumerable<DotDiagnostic>)Array.Empty<DotDiagnostic>();
    }
}
