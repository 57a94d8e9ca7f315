// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;
using Attractor.Dot.Conditions;

namespace Attractor.Dot.Validation;

/// <summary>
/// attractor-spec §7.2 <c>condition_syntax</c> (ATR2007): every edge <c>condition</c> parses in the
/// language of §10. Each error points at the offending token inside the condition.
/// </summary>
public sealed class ConditionSyntaxRule : ILintRule, IElementLintRule
{
    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.ConditionSyntax.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph) => ElementCheck.RunAlone(this, graph);

    /// <inheritdoc />
    ElementCheck? IElementLintRule.Begin(PipelineGraph graph) => new Check(graph);

    private sealed class Check : EdgeConditionCheck
    {
        public Check(PipelineGraph graph)
            : base(graph)
        {
        }

        protected override void CheckCondition(PipelineEdge edge, in AttributeEntry entry, ConditionParseResult result)
        {
            if (result.Success || !Inherited.ShouldReport(entry))
            {
                return;
            }

            var condition = new DotAttribute(entry);
            foreach (var error in result.Errors)
            {
                Report(DiagnosticDescriptors.ConditionSyntax.Create(
                    "Edge " + LintSupport.Quote(edge.ToString()) + " has condition \"" + condition.Value + "\"" + LintSupport.InheritedNote(condition, "edge")
                        + ", which does not parse: " + error.Message + ".",
                    Graph.FilePath,
                    LocateInCondition(condition, error.Start, error.Length, edge.Span),
                    fix: error.Fix ?? GenericFix,
                    edge: edge.Reference));
            }
        }
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
