// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// attractor-spec §7.2 <c>start_no_incoming</c> (ATR2005): no edge enters the start node. Reported
/// once per offending edge, at the edge.
/// </summary>
public sealed class StartNoIncomingRule : ILintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.StartNoIncoming.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph)
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        // One pass over the edges, in declaration order; the graph's own edge indexes are not needed.
        var topology = PipelineTopology.Of(graph);
        var targets = topology.EdgeTargets;
        List<DotDiagnostic>? diagnostics = null;
        var edges = graph.Edges;
        for (var i = 0; i < edges.Count; i++)
        {
            if (!topology.IsStartAt(targets[i]))
            {
                continue;
            }

            var edge = edges[i];
            var id = LintSupport.Quote(edge.To);
            var next = topology.FirstSuccessorId(targets[i]);
            var fix = next is not null
                ? "point the edge at " + LintSupport.Quote(next) + " (the stage after " + id + ") instead, or remove it"
                : "remove the edge; the run begins at " + id + " and never returns to it";
            (diagnostics ??= new List<DotDiagnostic>()).Add(DiagnosticDescriptors.StartNoIncoming.Create(
                "Edge " + LintSupport.Quote(edge.ToString()) + " enters the start node " + id + "; the start node must have no incoming edges.",
                graph.FilePath,
                edge.Span,
                fix: fix,
                nodeId: edge.To,
                edge: edge.Reference));
        }

        return diagnostics ?? (IEnumerable<DotDiagnostic>)Array.Empty<DotDiagnostic>();
    }
}
