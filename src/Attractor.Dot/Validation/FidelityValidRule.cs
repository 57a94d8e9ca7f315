// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// attractor-spec §7.2 <c>fidelity_valid</c> (ATR2010): the graph's <c>default_fidelity</c> and every
/// node and edge <c>fidelity</c> is a mode of §5.4. An empty value means unset and is accepted.
/// </summary>
public sealed class FidelityValidRule : ILintRule
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
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph)
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        List<DotDiagnostic>? diagnostics = null;
        var defaultFidelity = graph.Attributes.Get(AttributeNames.DefaultFidelity);
        if (IsInvalid(defaultFidelity))
        {
            (diagnostics ??= new List<DotDiagnostic>()).Add(Create(
                graph, "Graph attribute default_fidelity", defaultFidelity!, LintSupport.SpanOf(defaultFidelity, graph.IdSpan), null, null));
        }

        var inherited = new InheritedAttributeFilter();
        var nodes = graph.Nodes;
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var fidelity = node.Attributes.Get(AttributeNames.Fidelity);
            if (IsInvalid(fidelity) && inherited.ShouldReport(fidelity!))
            {
                (diagnostics ??= new List<DotDiagnostic>()).Add(Create(
                    graph, "Node " + LintSupport.Quote(node.Id) + " has fidelity", fidelity!, LintSupport.SpanOf(fidelity, node.Span), node.Id, null));
            }
        }

        var edges = graph.Edges;
        for (var i = 0; i < edges.Count; i++)
        {
            var edge = edges[i];
            var fidelity = edge.Attributes.Get(AttributeNames.Fidelity);
            if (IsInvalid(fidelity) && inherited.ShouldReport(fidelity!))
            {
                (diagnostics ??= new List<DotDiagnostic>()).Add(Create(
                    graph, "Edge " + LintSupport.Quote(edge.ToString()) + " has fidelity", fidelity!, LintSupport.SpanOf(fidelity, edge.Span), null, edge.Reference));
            }
        }

        return diagnostics ?? (IEnumerable<DotDiagnostic>)Array.Empty<DotDiagnostic>();
    }

    private static bool IsInvalid(DotAttribute? attribute) => attribute is not null && attribute.Value.Length > 0 && !IsValidMode(attribute.Value);

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
