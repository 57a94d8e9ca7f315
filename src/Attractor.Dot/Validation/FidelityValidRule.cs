// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// attractor-spec §7.2 <c>fidelity_valid</c> (ATR2010): the graph's <c>default_fidelity</c> and every
/// node and edge <c>fidelity</c> is a mode of §5.4. An empty value means unset and is accepted.
/// </summary>
public sealed class FidelityValidRule : ILintRule, IElementLintRule
{
    private static readonly string[] Modes = { "full", "truncate", "compact", "summary:low", "summary:medium", "summary:high" };

    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.FidelityValid.Rule;

    /// <summary>Returns whether the text is one of the six fidelity modes (case-sensitive, as the engine compares).</summary>
    /// <param name="value">The attribute value.</param>
    public static bool IsValidMode(string value)
    {
        for (var i = 0; i < Modes.Length; i++)
        {
            if (string.Equals(Modes[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph) => ElementCheck.RunAlone(this, graph);

    /// <inheritdoc />
    ElementCheck? IElementLintRule.Begin(PipelineGraph graph) => new Check(graph);

    private sealed class Check : ElementCheck
    {
        private readonly InheritedAttributeFilter _inherited = new();

        public Check(PipelineGraph graph)
            : base(graph, checksNodes: true, checksEdges: true)
        {
            var defaultFidelity = graph.Attributes.Get(AttributeNames.DefaultFidelity);
            if (IsInvalid(defaultFidelity))
            {
                Report(Create(graph, "Graph attribute default_fidelity", defaultFidelity!, LintSupport.SpanOf(defaultFidelity, graph.IdSpan), null, null));
            }
        }

        public override void CheckNode(int position, PipelineNode node)
        {
            var fidelity = IsInvalid(node.Fidelity) ? node.Attributes.Get(AttributeNames.Fidelity) : null;
            if (fidelity is not null && _inherited.ShouldReport(fidelity))
            {
                Report(Create(Graph, "Node " + LintSupport.Quote(node.Id) + " has fidelity", fidelity!, LintSupport.SpanOf(fidelity, node.Span), node.Id, null));
            }
        }

        public override void CheckEdge(int position, PipelineEdge edge)
        {
            var fidelity = IsInvalid(edge.Fidelity) ? edge.Attributes.Get(AttributeNames.Fidelity) : null;
            if (fidelity is not null && _inherited.ShouldReport(fidelity))
            {
                Report(Create(Graph, "Edge " + LintSupport.Quote(edge.ToString()) + " has fidelity", fidelity!, LintSupport.SpanOf(fidelity, edge.Span), null, edge.Reference));
            }
        }
    }

    private static bool IsInvalid(DotAttribute? attribute) => IsInvalid(attribute?.Value);

    private static bool IsInvalid(string? value) => value is not null && value.Length > 0 && !IsValidMode(value);

    private static DotDiagnostic Create(PipelineGraph graph, string subject, DotAttribute attribute, SourceSpan span, string? nodeId, EdgeReference? edge) =>
        DiagnosticDescriptors.FidelityValid.Create(
            subject + " " + LintSupport.Quote(attribute.Value) + LintSupport.InheritedNote(attribute, edge is null ? "node" : "edge")
                + ", which is not a fidelity mode; expected " + LintSupport.JoinAlternatives(Modes) + " (§5.4).",
            graph.FilePath,
            span,
            fix: SuggestFix(attribute),
            nodeId: nodeId,
            edge: edge);

    private static string SuggestFix(DotAttribute attribute)
    {
        var value = attribute.Value.Trim();
        for (var i = 0; i < Modes.Length; i++)
        {
            if (string.Equals(Modes[i], value, StringComparison.OrdinalIgnoreCase))
            {
                return "write " + attribute.Key + "=\"" + Modes[i] + "\"";
            }
        }

        // People write the summary level alone (`medium`) or the family alone (`summary`).
        if (value is "low" or "medium" or "high")
        {
            return "write " + attribute.Key + "=\"summary:" + value + "\"";
        }

        if (string.Equals(value, "summary", StringComparison.OrdinalIgnoreCase))
        {
            return "write " + attribute.Key + "=\"summary:medium\" (or summary:low, summary:high)";
        }

        return "use one of " + LintSupport.JoinAlternatives(Modes) + ", or remove " + attribute.Key + " to inherit the default";
    }
}
