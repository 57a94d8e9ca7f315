// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// <c>manager_child_pipeline</c> (ATR2017, ours): a <c>stack.manager_loop</c> node has a child
/// pipeline to supervise, via <c>stack.child_dotfile</c> on the node or on the graph (§4.11 reads
/// the graph; real pipelines also set it per node).
/// </summary>
public sealed class ManagerChildPipelineRule : ILintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.ManagerChildPipeline.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph)
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        if (!LintSupport.IsBlank(graph.StackChildDotfile))
        {
            return Array.Empty<DotDiagnostic>();
        }

        List<DotDiagnostic>? diagnostics = null;
        var nodes = graph.Nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (!string.Equals(node.HandlerType, HandlerTypes.ManagerLoop, StringComparison.Ordinal)
                || !LintSupport.IsBlank(node.Attributes.GetString(AttributeNames.StackChildDotfile)))
            {
                continue;
            }

            var id = LintSupport.Quote(node.Id);
            (diagnostics ??= new List<DotDiagnostic>()).Add(DiagnosticDescriptors.ManagerChildPipeline.Create(
                "Node " + id + " is a manager loop (stack.manager_loop) but neither it nor the graph sets stack.child_dotfile, so it has no child pipeline to supervise.",
                graph.FilePath,
                node.Span,
                fix: "add stack.child_dotfile=\"child.dot\" to " + id + " or to the graph attributes"
                    + (node.Type.Length == 0 ? "; if " + id + " is meant as a human gate, use shape=hexagon (house is the manager loop)" : string.Empty),
                nodeId: node.Id));
        }

        return diagnostics ?? (IEnumerable<DotDiagnostic>)Array.Empty<DotDiagnostic>();
    }
}
