// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using Attractor.Dot.Stylesheets;

namespace Attractor.Dot.Validation;

/// <summary>
/// <c>reasoning_effort_valid</c> (ATR2022, ours): a node's <c>reasoning_effort</c> is <c>low</c>,
/// <c>medium</c> or <c>high</c> (§2.6, §8.4). Values written on nodes or in default blocks are
/// reported where written; values from the model stylesheet are reported once, at the stylesheet
/// declaration, not at every node it reaches. An empty value means unset.
/// </summary>
public sealed class ReasoningEffortRule : ILintRule, IElementLintRule
{
    private static readonly string Allowed = LintSupport.JoinAlternatives(StylesheetProperties.ReasoningEfforts);

    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.ReasoningEffortValid.Rule;

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
            // Stylesheet values are checked at their declaration in Finish.
            if (!node.TryGetAttribute(AttributeNames.ReasoningEffort, out var entry) || entry.Origin == AttributeOrigin.Stylesheet || IsAcceptable(entry.Value) || !_inherited.ShouldReport(entry))
            {
                return;
            }

            var effort = new DotAttribute(entry);
            var span = LintSupport.SpanOf(effort, node.Span);
            Report(DiagnosticDescriptors.ReasoningEffortValid.Create(
                "Node " + LintSupport.Quote(node.Id) + " has reasoning_effort " + LintSupport.Quote(effort.Value) + LintSupport.InheritedNote(effort, "node")
                    + ", which is not a reasoning effort; expected " + Allowed + " (§2.6).",
                Graph.FilePath,
                span,
                fix: SuggestFix(effort.Value, "reasoning_effort=\"", "\""),
                nodeId: node.Id));
        }

        public override void Finish()
        {
            var source = Graph.Attributes.Get(AttributeNames.ModelStylesheet);
            if (source is null || source.Value.Length == 0)
            {
                return;
            }

            foreach (var rule in ModelStylesheet.Parse(source.Value).Stylesheet.Rules)
            {
                foreach (var declaration in rule.Declarations)
                {
                    if (declaration.Name != AttributeNames.ReasoningEffort || IsAcceptable(declaration.Value))
                    {
                        continue;
                    }

                    Report(DiagnosticDescriptors.ReasoningEffortValid.Create(
                        "Stylesheet rule " + LintSupport.Quote(rule.Selector.ToString()) + " sets reasoning_effort " + LintSupport.Quote(declaration.Value)
                            + ", which is not a reasoning effort; expected " + Allowed + " (§8.4).",
                        Graph.FilePath,
                        StylesheetSyntaxRule.Locate(Graph, source, declaration.ValueStart, declaration.ValueLength),
                        fix: SuggestFix(declaration.Value, "reasoning_effort: ", string.Empty)));
                }
            }
        }
    }

    private static bool IsAcceptable(string value) => value.Length == 0 || StylesheetProperties.IsValidReasoningEffort(value);

    private static string SuggestFix(string value, string prefix, string suffix)
    {
        var trimmed = value.Trim();
        string? suggestion = null;
        foreach (var effort in StylesheetProperties.ReasoningEfforts)
        {
            if (string.Equals(effort, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                suggestion = effort;
            }
        }

        suggestion ??= trimmed.ToUpperInvariant() switch
        {
            "MIN" or "MINIMAL" or "NONE" or "LOWEST" => "low",
            "MED" or "MID" or "MEDIUM-HIGH" or "NORMAL" or "DEFAULT" => "medium",
            "MAX" or "MAXIMUM" or "XHIGH" or "X-HIGH" or "HIGHEST" or "VERY_HIGH" => "high",
            _ => null,
        };

        return suggestion is not null
            ? "write " + prefix + suggestion + suffix
            : "use " + Allowed + ", or remove it for the default (high)";
    }
}
