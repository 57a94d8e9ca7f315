// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// <c>manager_child_pipeline</c> (ATR2017, ours): a <c>stack.manager_loop</c> node has a child
/// pipeline to supervise, via <c>stack.child_dotfile</c> on the node or on the graph (§4.11 reads
/// the graph; real pipelines also set it per node).
/// </summary>
public sealed class ManagerChildPipelineRule : ILintRule, IElementLintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.ManagerChildPipeline.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph) => ElementCheck.RunAlone(this, graph);

    /// <inheritdoc />
    ElementCheck? IElementLintRule.Begin(PipelineGraph graph) => !LintSupport.IsBlank(graph.StackChildDotfile) ? null : new Check(graph);

    private sealed class Check : ElementCheck
    {
        public Check(PipelineGraph graph)
            : base(graph, checksNodes: true, checksEdges: false)
        {
        }

        public override void CheckNode(int position, PipelineNode node)
        {
            if (!string.Equals(node.HandlerType, HandlerTypes.ManagerLoop, StringComparison.Ordinal)
                || !LintSupport.IsBlank(node.StackChildDotfile))
            {
                return;
            }

            var id = LintSupport.Quote(node.Id);
            Report(DiagnosticDescriptors.ManagerChildPipeline.Create(
                "Node " + id + " is a manager loop (stack.manager_loop) but neither it nor the graph sets stack.child_dotfile, so it has no child pipeline to supervise.",
                Graph.FilePath,
                node.Span,
                fix: "add stack.child_dotfile=\"child.dot\" to " + id + " or to the graph attributes"
                    + (node.Type.Length == 0 ? "; if " + id + " is meant as a human gate, use shape=hexagon (house is the manager loop)" : string.Empty),
                nodeId: node.Id));
        }
    }
}
