// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// <c>tool_command_present</c> (ATR2018, ours): a node that resolves to the tool handler has a
/// non-empty <c>tool_command</c>; without one, §4.10's handler always fails.
/// </summary>
public sealed class ToolCommandPresentRule : ILintRule, IElementLintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.ToolCommandPresent.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph) => ElementCheck.RunAlone(this, graph);

    /// <inheritdoc />
    ElementCheck? IElementLintRule.Begin(PipelineGraph graph) => new Check(graph);

    private sealed class Check : ElementCheck
    {
        public Check(PipelineGraph graph)
            : base(graph, checksNodes: true, checksEdges: false)
        {
        }

        public override void CheckNode(int position, PipelineNode node)
        {
            if (!string.Equals(node.HandlerType, HandlerTypes.Tool, StringComparison.Ordinal))
            {
                return;
            }

            // Without reading the command: a long one is built only when the tool runs.
            var hasCommand = node.TryGetAttribute(AttributeNames.ToolCommand, out var command);
            if (hasCommand && !command.IsBlankValue)
            {
                return;
            }

            var id = LintSupport.Quote(node.Id);
            Report(DiagnosticDescriptors.ToolCommandPresent.Create(
                "Node " + id + " is a tool stage but has " + (hasCommand ? "an empty" : "no") + " tool_command; the tool handler fails with \"No tool_command specified\" (§4.10).",
                Graph.FilePath,
                LintSupport.SpanOf(node.Attributes.Get(AttributeNames.ToolCommand), node.Span),
                fix: "add tool_command=\"<shell command>\" to " + id,
                nodeId: node.Id));
        }
    }
}
