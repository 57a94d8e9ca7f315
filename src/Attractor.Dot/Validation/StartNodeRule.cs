// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// attractor-spec §7.2 <c>start_node</c> (ATR2001): exactly one start node, marked by
/// <c>shape=Mdiamond</c> or <c>type=start</c>, else identified by the ID <c>start</c>/<c>Start</c>.
/// </summary>
public sealed class StartNodeRule : ILintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.StartNode.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph)
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        var starts = PipelineTopology.Of(graph).StartNodes;
        if (starts.Count == 0)
        {
            return new[]
            {
                DiagnosticDescriptors.StartNode.Create(
                    LintSupport.GraphSubject(graph) + " has no start node; a pipeline needs exactly one (shape=Mdiamond, type=start, or the ID start or Start).",
                    graph.FilePath,
                    graph.IdSpan,
                    fix: "add `start [shape=Mdiamond]` and an edge from it to the first stage"),
            };
        }

        var diagnostics = new List<DotDiagnostic>();
        var first = starts[0];
        for (var i = 1; i < starts.Count; i++)
        {
            var extra = starts[i];
            diagnostics.Add(DiagnosticDescriptors.StartNode.Create(
                "Node " + LintSupport.Quote(extra.Id) + " is a second start node (" + LintSupport.Quote(first.Id) + " is the first); a pipeline needs exactly one.",
                graph.FilePath,
                extra.Span,
                fix: FixFor(extra, first),
                nodeId: extra.Id));
        }

        return diagnostics;
    }

    private static string FixFor(PipelineNode extra, PipelineNode first)
    {
        if (extra.Shape == "Mdiamond")
        {
            return "keep one start node: remove shape=Mdiamond from " + LintSupport.Quote(extra.Id) + " and give it an incoming edge, or merge it into " + LintSupport.Quote(first.Id);
        }

        if (extra.Type == HandlerTypes.Start)
        {
            return "keep one start node: remove type=start from " + LintSupport.Quote(extra.Id) + " and give it an incoming edge, or merge it into " + LintSupport.Quote(first.Id);
        }

        return "rename " + LintSupport.Quote(extra.Id) + ", or mark the real start node with shape=Mdiamond";
    }
}
