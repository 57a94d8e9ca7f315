// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// attractor-spec §7.2 <c>reachability</c> (ATR2003): every node is reachable from the start node.
/// Silent when there is no start node, which <see cref="StartNodeRule"/> reports; with several
/// start nodes, a node reachable from any of them counts as reachable.
/// </summary>
public sealed class ReachabilityRule : ILintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.Reachability.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph)
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        var topology = PipelineTopology.Of(graph);
        if (topology.StartNodes.Count == 0)
        {
            return Array.Empty<DotDiagnostic>();
        }

        var start = LintSupport.Quote(topology.StartNodes[0].Id);
        var diagnostics = new List<DotDiagnostic>();
        var nodes = graph.Nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            if (topology.IsReachableFromStart(i))
            {
                continue;
            }

            var node = nodes[i];
            var id = LintSupport.Quote(node.Id);
            diagnostics.Add(DiagnosticDescriptors.Reachability.Create(
                "Node " + id + " is not reachable from the start node " + start + "; every node must be reachable, or it can never run.",
                graph.FilePath,
                node.Span,
                fix: "add an edge into " + id + " from a reachable node, or delete " + id,
                nodeId: node.Id));
        }

        return diagnostics;
    }
}
