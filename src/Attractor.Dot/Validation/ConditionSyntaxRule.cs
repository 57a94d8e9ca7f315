// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// attractor-spec §7.2 <c>condition_syntax</c> (ATR2007): every edge <c>condition</c> parses in the
/// language of §10. Each error points at the offending token inside the condition.
/// </summary>
public sealed class ConditionSyntaxRule : ILintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.ConditionSyntax.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph)
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        List<DotDiagnostic>? diagnostics = null;
        var inherited = new InheritedAttributeFilter();
        var conditions = new ConditionLookup();
        var edges = graph.Edges;
        for (var i = 0; i < edges.Count; i++)
        {
            var edge = edges[i];
            var condition = edge.Attributes.Get(AttributeNames.Condition);
            if (condition is null || condition.Value.Length == 0)
            {
                continue;
            }

            var result = conditions.GetOrParse(condition.Value);
            if (result.Success || !inherited.ShouldReport(condition))
            {
                continue;
            }

            foreach (var error in result.Errors)
            {
                (diagnostics ??= new List<DotDiagnostic>()).Add(DiagnosticDescriptors.ConditionSyntax.Create(
                    "Edge " + LintSupport.Quote(edge.ToString()) + " has condition \"" + condition.Value + "\"" + LintSupport.InheritedNote(condition, "edge")
                        + ", which does not parse: " + error.Message + ".",
                    graph.FilePath,
                    LocateInCondition(condition, error.Start, error.Length, edge.Span),
                    fix: error.Fix ?? GenericFix,
                    edge: edge.Reference));
            }
        }

        return diagnostics ?? (IEnumerable<DotDiagnostic>)Array.Empty<DotDiagnostic>();
    }

    // Errors whose message already names the remedy still get a fix, so every diagnostic has one.
    private const string GenericFix = "Write the condition as clauses 'key=value' or 'key!=value' joined by '&&' (attractor-spec §10.2); route on a context value set by an earlier stage for anything richer.";

    /// <summary>Locates characters of a condition in the file, falling back to the edge for graphs built in code.</summary>
    internal static SourceSpan LocateInCondition(DotAttribute condition, int start, int length, SourceSpan edgeSpan)
    {
        var span = condition.LocateInValue(start, length);
        return span.IsKnown ? span : edgeSpan;
    }
}
