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
public sealed class PromptOnLlmNodesRule : ILintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.PromptOnLlmNodes.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph)
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        var topology = PipelineTopology.Of(graph);
        List<DotDiagnostic>? diagnostics = null;
        var nodes = graph.Nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (!string.Equals(node.HandlerType, HandlerTypes.Codergen, StringComparison.Ordinal)
                || node.Attributes.Get(AttributeNames.Prompt) is { IsBlankValue: false }
                || !LintSupport.IsBlank(node.Attributes.GetString(AttributeNames.Label))
                || topology.IsStartAt(i)
                || topology.IsExitAt(i))
            {
                continue;
            }

            var id = LintSupport.Quote(node.Id);
            (diagnostics ??= new List<DotDiagnostic>()).Add(DiagnosticDescriptors.PromptOnLlmNodes.Create(
                "Node " + id + " runs as an LLM stage (codergen) but has neither a prompt nor a label; the model would be prompted with just the node ID " + id + ".",
                graph.FilePath,
                node.Span,
                fix: "add prompt=\"...\" to " + id + " describing what the stage must do",
                nodeId: node.Id));
        }

        return diagnostics ?? (IEnumerable<DotDiagnostic>)Array.Empty<DotDiagnostic>();
    }
}
