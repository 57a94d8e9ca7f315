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

        List<DotDiagnostic>? diagnostics = null;
        var starts = PipelineTopology.Of(graph).StartNodes;
        for (var s = 0; s < starts.Count; s++)
        {
            var start = starts[s];
            var incoming = graph.IncomingEdges(start.Id);
            if (incoming.Count == 0)
            {
                continue;
            }

            var id = LintSupport.Quote(start.Id);
            var outgoing = graph.OutgoingEdges(start.Id);
            var fix = outgoing.Count > 0
                ? "point the edge at " + LintSupport.Quote(outgoing[0].To) + " (the stage after " + id + ") instead, or remove it"
                : "remove the edge; the run begins at " + id + " and never returns to it";
            for (var i = 0; i < incoming.Count; i++)
            {
                var edge = incoming[i];
                (diagnostics ??= new List<DotDiagnostic>()).Add(DiagnosticDescriptors.StartNoIncoming.Create(
                    "Edge " + LintSupport.Quote(edge.ToString()) + " enters the start node " + id + "; the start node must have no incoming edges.",
                    graph.FilePath,
                    edge.Span,
                    fix: fix,
                    nodeId: start.Id,
                    edge: edge.Reference));
            }
        }

        return diagnostics ?? (IEnumerable<DotDiagnostic>)Array.Empty<DotDiagnostic>();
    }
}
