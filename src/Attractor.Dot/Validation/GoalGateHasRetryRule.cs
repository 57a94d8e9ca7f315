// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// attractor-spec §7.2 <c>goal_gate_has_retry</c> (ATR2012): a node with <c>goal_gate=true</c> has
/// somewhere to retry. Graph-level targets count, because §3.4 falls back to them when the node has none.
/// </summary>
public sealed class GoalGateHasRetryRule : ILintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.GoalGateHasRetry.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph)
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        if (!LintSupport.IsBlank(graph.RetryTarget) || !LintSupport.IsBlank(graph.FallbackRetryTarget))
        {
            return Array.Empty<DotDiagnostic>();
        }

        List<DotDiagnostic>? diagnostics = null;
        var nodes = graph.Nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (!node.GoalGate || !LintSupport.IsBlank(node.RetryTarget) || !LintSupport.IsBlank(node.FallbackRetryTarget))
            {
                continue;
            }

            var id = LintSupport.Quote(node.Id);
            (diagnostics ??= new List<DotDiagnostic>()).Add(DiagnosticDescriptors.GoalGateHasRetry.Create(
                "Node " + id + " is a goal gate, but neither it nor the graph sets retry_target or fallback_retry_target; if " + id
                    + " has not succeeded when the run reaches the exit, the pipeline fails instead of retrying (§3.4).",
                graph.FilePath,
                LintSupport.SpanOf(node.Attributes.Get(AttributeNames.GoalGate), node.Span),
                fix: "add retry_target=<ID of the stage to re-run> to " + id + " or to the graph attributes",
                nodeId: node.Id));
        }

        return diagnostics ?? (IEnumerable<DotDiagnostic>)Array.Empty<DotDiagnostic>();
    }
}
