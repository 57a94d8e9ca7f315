// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// <c>tool_command_present</c> (ATR2018, ours): a node that resolves to the tool handler has a
/// non-empty <c>tool_command</c>; without one, §4.10's handler always fails.
/// </summary>
public sealed class ToolCommandPresentRule : ILintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.ToolCommandPresent.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph)
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        List<DotDiagnostic>? diagnostics = null;
        var nodes = graph.Nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (!string.Equals(node.HandlerType, HandlerTypes.Tool, StringComparison.Ordinal))
            {
                continue;
            }

            var command = node.Attributes.Get(AttributeNames.ToolCommand);
            if (command is not null && !LintSupport.IsBlank(command.Value))
            {
                continue;
            }

            var id = LintSupport.Quote(node.Id);
            (diagnostics ??= new List<DotDiagnostic>()).Add(DiagnosticDescriptors.ToolCommandPresent.Create(
                "Node " + id + " is a tool stage but has " + (command is null ? "no" : "an empty") + " tool_command; the tool handler fails with \"No tool_command specified\" (§4.10).",
                graph.FilePath,
                LintSupport.SpanOf(command, node.Span),
                fix: "add tool_command=\"<shell command>\" to " + id,
                nodeId: node.Id));
        }

        return diagnostics ?? (IEnumerable<DotDiagnostic>)Array.Empty<DotDiagnostic>();
    }
}
