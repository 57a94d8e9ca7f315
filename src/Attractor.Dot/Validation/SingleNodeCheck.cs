// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// The shared logic of <c>start_node</c> and <c>terminal_node</c>: exactly one such node; none is
/// one error at the graph ID, and every extra one is an error at that node.
/// </summary>
internal static class SingleNodeCheck
{
    public static IEnumerable<DotDiagnostic> Apply(
        PipelineGraph graph,
        IReadOnlyList<PipelineNode> candidates,
        DiagnosticDescriptor descriptor,
        string role,
        string missingMessage,
        string missingFix,
        Func<PipelineNode, PipelineNode, string> extraFix)
    {
        if (candidates.Count == 0)
        {
            return new[]
            {
                descriptor.Create(LintSupport.GraphSubject(graph) + " has no " + role + " node; " + missingMessage, graph.FilePath, graph.IdSpan, fix: missingFix),
            };
        }

        var diagnostics = new List<DotDiagnostic>();
        var first = candidates[0];
        for (var i = 1; i < candidates.Count; i++)
        {
            var extra = candidates[i];
            diagnostics.Add(descriptor.Create(
                "Node " + LintSupport.Quote(extra.Id) + " is a second " + role + " node (" + LintSupport.Quote(first.Id) + " is the first); a pipeline needs exactly one.",
                graph.FilePath,
                extra.Span,
                fix: extraFix(extra, first),
                nodeId: extra.Id));
        }

        return diagnostics;
    }
}
