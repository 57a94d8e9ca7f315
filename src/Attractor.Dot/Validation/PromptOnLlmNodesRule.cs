// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// attractor-spec §7.2 <c>prompt_on_llm_nodes</c> (ATR2013): a node that resolves to the codergen
/// handler has a non-empty <c>prompt</c> or an explicit <c>label</c>, which §4.5 uses as the prompt
/// when there is none. Start and exit nodes are exempt even when only their ID marks them (and
/// their shape defaults to <c>box</c>): they are structural, not LLM stages.
/// </summary>
public sealed class PromptOnLlmNodesRule : ILintRule, IElementLintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.PromptOnLlmNodes.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph) => ElementCheck.RunAlone(this, graph);

    /// <inheritdoc />
    ElementCheck? IElementLintRule.Begin(PipelineGraph graph) => new Check(graph);

    private sealed class Check : TopologyCheck
    {
        public Check(PipelineGraph graph)
            : base(graph, checksNodes: true, checksEdges: false)
        {
        }

        public override void CheckNode(int position, PipelineNode node)
        {
            if (!string.Equals(node.HandlerType, HandlerTypes.Codergen, StringComparison.Ordinal)
                || (node.TryGetAttribute(AttributeNames.Prompt, out var prompt) && !prompt.IsBlankValue)
                || !LintSupport.IsBlank(node.GetAttribute(AttributeNames.Label))
                || Topology.IsStartAt(position)
                || Topology.IsExitAt(position))
            {
                return;
            }

            var id = LintSupport.Quote(node.Id);
            Report(DiagnosticDescriptors.PromptOnLlmNodes.Create(
                "Node " + id + " runs as an LLM stage (codergen) but has neither a prompt nor a label; the model would be prompted with just the node ID " + id + ".",
                Graph.FilePath,
                node.Span,
                fix: "add prompt=\"...\" to " + id + " describing what the stage must do",
                nodeId: node.Id));
        }
    }
}
