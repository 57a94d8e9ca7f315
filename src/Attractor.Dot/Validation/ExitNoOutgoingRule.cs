// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// attractor-spec §7.2 <c>exit_no_outgoing</c> (ATR2006): no edge leaves the exit node. Reported
/// once per offending edge, at the edge.
/// </summary>
public sealed class ExitNoOutgoingRule : ILintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.ExitNoOutgoing.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph)
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        var topology = PipelineTopology.Of(graph);
        var sources = topology.EdgeSources;
        List<DotDiagnostic>? diagnostics = null;
        var edges = graph.Edges;
        for (var i = 0; i < edges.Count; i++)
        {
            if (!topology.IsExitAt(sources[i]))
            {
                continue;
            }

            var edge = edges[i];
            var id = LintSupport.Quote(edge.From);
            (diagnostics ??= new List<DotDiagnostic>()).Add(DiagnosticDescriptors.ExitNoOutgoing.Create(
                "Edge " + LintSupport.Quote(edge.ToString()) + " leaves the exit node " + id + "; the run ends at the exit node, so it must have no outgoing edges.",
                graph.FilePath,
                edge.Span,
                fix: "remove the edge; to loop back, branch from the stage before " + id + " (e.g. with a condition) instead",
                nodeId: edge.From,
                edge: edge.Reference));
        }

        return diagnostics ?? (IEnumerable<DotDiagnostic>)Array.Empty<DotDiagnostic>();
    }
}
