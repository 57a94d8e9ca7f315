// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// <c>shape_known</c> (ATR2015, ours): a node without an explicit <c>type</c> has a shape from the
/// table of §2.8. Any other shape, even a valid Graphviz one such as <c>ellipse</c>, silently makes
/// the node an LLM (codergen) stage.
/// </summary>
public sealed class ShapeKnownRule : ILintRule, IElementLintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.ShapeKnown.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph) => ElementCheck.RunAlone(this, graph);

    /// <inheritdoc />
    ElementCheck? IElementLintRule.Begin(PipelineGraph graph) => new Check(graph);

    private sealed class Check : ElementCheck
    {
        private readonly InheritedAttributeFilter _inherited = new();

        public Check(PipelineGraph graph)
            : base(graph, checksNodes: true, checksEdges: false)
        {
        }

        public override void CheckNode(int position, PipelineNode node)
        {
            if (!node.TryGetAttribute(AttributeNames.Shape, out var entry) || node.Type.Length > 0 || HandlerTypes.ByShape.ContainsKey(entry.Value) || !_inherited.ShouldReport(entry))
            {
                return;
            }

            var shape = new DotAttribute(entry);
            var id = LintSupport.Quote(node.Id);
            Report(DiagnosticDescriptors.ShapeKnown.Create(
                "Node " + id + " has shape " + LintSupport.Quote(shape.Value) + LintSupport.InheritedNote(shape, "node")
                    + ", which maps to no handler type (§2.8); it silently runs as an LLM stage (codergen).",
                Graph.FilePath,
                LintSupport.SpanOf(shape, node.Span),
                fix: FixFor(shape.Value),
                nodeId: node.Id));
        }
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
