// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using Attractor.Dot.Conditions;

namespace Attractor.Dot.Validation;

/// <summary>
/// <c>condition_never_matches</c> (ATR2016, ours): a condition clause that no run can satisfy, such
/// as <c>outcome=succeeded</c> (the status is <c>success</c>), a key that differs from
/// <c>outcome</c> only in case, or two clauses that contradict each other. Such an edge is silently
/// never taken. Conditions that do not parse are left to <c>condition_syntax</c>.
/// </summary>
public sealed class ConditionNeverMatchesRule : ILintRule, IElementLintRule
{
    private static readonly string StatusList = LintSupport.JoinAlternatives(OutcomeStatuses.All);

    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.ConditionNeverMatches.Rule;

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

        protected override void CheckCondition(PipelineEdge edge, in AttributeEntry condition, ConditionParseResult result)
        {
            var expression = result.Expression;
            if (expression is null || expression.IsEmpty || !Inherited.ShouldReport(condition))
            {
                return;
            }

            var clauses = expression.Clauses;
            for (var c = 0; c < clauses.Count; c++)
            {
                var clause = clauses[c];
                var diagnostic = CheckClause(Graph, edge, condition, clause) ?? CheckContradiction(Graph, edge, condition, clauses, c);
                if (diagnostic is not null)
                {
                    Report(diagnostic);
                }
            }
        }
    }

    private static DotDiagnostic? CheckClause(PipelineGraph graph, PipelineEdge edge, in AttributeEntry entry, ConditionClause clause)
    {
        if (clause.KeyKind == ConditionKeyKind.Outcome && clause.Operator != ConditionOperator.Truthy && !OutcomeStatuses.IsKnown(clause.Literal))
        {
            var condition = new DotAttribute(entry);
            var suggestion = OutcomeStatuses.Suggest(clause.Literal);
            var effect = clause.Operator == ConditionOperator.Equals
                ? " can never match"
                : " is always true, so it does not restrict the edge";
            return DiagnosticDescriptors.ConditionNeverMatches.Create(
                Subject(edge, condition) + ": clause " + LintSupport.Quote(clause.ToString()) + effect + ", because the outcome status is always one of "
                    + StatusList + " (lower case, compared exactly; §10.3).",
                graph.FilePath,
                ConditionSyntaxRule.LocateInCondition(condition, clause.LiteralStart, clause.LiteralLength, edge.Span),
                fix: suggestion is not null
                    ? "write " + clause.Key + (clause.Operator == ConditionOperator.Equals ? "=" : "!=") + suggestion
                    : "compare outcome with " + StatusList + "; to route on a custom result, have the stage set a context value and test context.<key>",
                edge: edge.Reference);
        }

        if (clause.KeyKind == ConditionKeyKind.Unqualified)
        {
            var meant = string.Equals(clause.Key, "outcome", StringComparison.OrdinalIgnoreCase) ? "outcome"
                : string.Equals(clause.Key, "preferred_label", StringComparison.OrdinalIgnoreCase) ? "preferred_label"
                : null;
            if (meant is not null)
            {
                var condition = new DotAttribute(entry);
                return DiagnosticDescriptors.ConditionNeverMatches.Create(
                    Subject(edge, condition) + ": key " + LintSupport.Quote(clause.Key) + " reads the context key of that name, not " + meant
                        + "; condition keys are case-sensitive (§10.3).",
                    graph.FilePath,
                    ConditionSyntaxRule.LocateInCondition(condition, clause.KeyStart, clause.KeyLength, edge.Span),
                    fix: "write " + meant,
                    edge: edge.Reference);
            }
        }

        return null;
    }

    private static DotDiagnostic? CheckContradiction(PipelineGraph graph, PipelineEdge edge, in AttributeEntry entry, IReadOnlyList<ConditionClause> clauses, int index)
    {
        var clause = clauses[index];
        if (clause.Operator == ConditionOperator.Truthy)
        {
            return null;
        }

        for (var j = 0; j < index; j++)
        {
            var earlier = clauses[j];
            if (earlier.Operator == ConditionOperator.Truthy || !string.Equals(earlier.Key, clause.Key, StringComparison.Ordinal))
            {
                continue;
            }

            var sameLiteral = string.Equals(earlier.Literal, clause.Literal, StringComparison.Ordinal);
            var contradicts = earlier.Operator == ConditionOperator.Equals && clause.Operator == ConditionOperator.Equals
                ? !sameLiteral
                : earlier.Operator != clause.Operator && sameLiteral;
            if (contradicts)
            {
                var condition = new DotAttribute(entry);
                return DiagnosticDescriptors.ConditionNeverMatches.Create(
                    Subject(edge, condition) + ": clauses " + LintSupport.Quote(earlier.ToString()) + " and " + LintSupport.Quote(clause.ToString())
                        + " cannot both hold, and clauses joined by '&&' must all hold, so the condition can never match.",
                    graph.FilePath,
                    ConditionSyntaxRule.LocateInCondition(condition, clause.Start, clause.Length, edge.Span),
                    fix: "remove one of the clauses, or route each case on its own edge",
                    edge: edge.Reference);
            }
        }

        return null;
    }

    private static string Subject(PipelineEdge edge, DotAttribute condition) =>
        "Edge " + LintSupport.Quote(edge.ToString()) + " has condition \"" + condition.Value + "\"" + LintSupport.InheritedNote(condition, "edge");
}
