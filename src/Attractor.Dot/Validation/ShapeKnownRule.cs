// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// <c>shape_known</c> (ATR2015, ours): a node without an explicit <c>type</c> has a shape from the
/// table of §2.8. Any other shape, even a valid Graphviz one such as <c>ellipse</c>, silently makes
/// the node an LLM (codergen) stage.
/// </summary>
public sealed class ShapeKnownRule : ILintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.ShapeKnown.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph)
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        List<DotDiagnostic>? diagnostics = null;
        var inherited = new InheritedAttributeFilter();
        var nodes = graph.Nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var shape = node.Attributes.Get(AttributeNames.Shape);
            if (shape is null || node.Type.Length > 0 || HandlerTypes.ByShape.ContainsKey(shape.Value) || !inherited.ShouldReport(shape))
            {
                continue;
            }

            var id = LintSupport.Quote(node.Id);
            (diagnostics ??= new List<DotDiagnostic>()).Add(DiagnosticDescriptors.ShapeKnown.Create(
                "Node " + id + " has shape " + LintSupport.Quote(shape.Value) + LintSupport.InheritedNote(shape, "node")
                    + ", which maps to no handler type (§2.8); it silently runs as an LLM stage (codergen).",
                graph.FilePath,
                LintSupport.SpanOf(shape, node.Span),
                fix: FixFor(shape.Value),
                nodeId: node.Id));
        }

        return diagnostics ?? (IEnumerable<DotDiagnostic>)Array.Empty<DotDiagnostic>();
    }

    private static string FixFor(string shape)
    {
        // DOT shape names are case-sensitive for us, but people write `mdiamond` or `Box`.
        foreach (var known in HandlerTypes.ByShape)
        {
            if (string.Equals(known.Key, shape.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return "write shape=" + known.Key + " (" + known.Value + ")";
            }
        }

        return "use shape=box for an LLM stage, another shape of the §2.8 table (Mdiamond, Msquare, hexagon, diamond, component, tripleoctagon, parallelogram, house), or set type=... explicitly";
    }
}
