// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// attractor-spec §7.2 <c>terminal_node</c> (ATR2002): exactly one exit node, marked by
/// <c>shape=Msquare</c> or <c>type=exit</c>, else identified by the ID <c>exit</c>/<c>end</c>.
/// </summary>
public sealed class TerminalNodeRule : ILintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.TerminalNode.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph)
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        return SingleNodeCheck.Apply(
            graph,
            PipelineTopology.Of(graph).ExitNodes,
            DiagnosticDescriptors.TerminalNode,
            "exit",
            "a pipeline needs exactly one (shape=Msquare, type=exit, or the ID exit or end).",
            "add `exit [shape=Msquare]` and an edge to it from the last stage",
            FixFor);
    }

    private static string FixFor(PipelineNode extra, PipelineNode first)
    {
        if (extra.IsMarkedExit)
        {
            return "keep one exit node: point the edges into " + LintSupport.Quote(extra.Id) + " at " + LintSupport.Quote(first.Id) + " and delete " + LintSupport.Quote(extra.Id);
        }

        return "rename " + LintSupport.Quote(extra.Id) + ", or mark the real exit node with shape=Msquare";
    }
}
