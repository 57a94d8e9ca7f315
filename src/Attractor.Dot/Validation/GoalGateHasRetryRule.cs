// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// attractor-spec §7.2 <c>goal_gate_has_retry</c> (ATR2012): a node with <c>goal_gate=true</c> has
/// somewhere to retry. Graph-level targets count, because §3.4 falls back to them when the node has none.
/// </summary>
public sealed class GoalGateHasRetryRule : ILintRule, IElementLintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.GoalGateHasRetry.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph) => ElementCheck.RunAlone(this, graph);

    /// <inheritdoc />
    ElementCheck? IElementLintRule.Begin(PipelineGraph graph) =>
        !LintSupport.IsBlank(graph.RetryTarget) || !LintSupport.IsBlank(graph.FallbackRetryTarget) ? null : new Check(graph);

    private sealed class Check : ElementCheck
    {
        public Check(PipelineGraph graph)
            : base(graph, checksNodes: true, checksEdges: false)
        {
        }

        public override void CheckNode(int position, PipelineNode node)
        {
            if (!node.GoalGate || !LintSupport.IsBlank(node.RetryTarget) || !LintSupport.IsBlank(node.FallbackRetryTarget))
            {
                return;
            }

            var id = LintSupport.Quote(node.Id);
            Report(DiagnosticDescriptors.GoalGateHasRetry.Create(
                "Node " + id + " is a goal gate, but neither it nor the graph sets retry_target or fallback_retry_target; if " + id
                    + " has not succeeded when the run reaches the exit, the pipeline fails instead of retrying (§3.4).",
                Graph.FilePath,
                LintSupport.SpanOf(node.Attributes.Get(AttributeNames.GoalGate), node.Span),
                fix: "add retry_target=<ID of the stage to re-run> to " + id + " or to the graph attributes",
                nodeId: node.Id));
        }
    }
}
