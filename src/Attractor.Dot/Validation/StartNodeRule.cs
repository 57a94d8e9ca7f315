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

        return SingleNodeCheck.Apply(
            graph,
            PipelineTopology.Of(graph).StartNodes,
            DiagnosticDescriptors.StartNode,
            "start",
            "a pipeline needs exactly one (shape=Mdiamond, type=start, or the ID start or Start).",
            "add `start [shape=Mdiamond]` and an edge from it to the first stage",
            FixFor);
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
