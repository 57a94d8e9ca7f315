// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Stylesheets;

/// <summary>
/// A parsed <c>model_stylesheet</c> (attractor-spec §8): CSS-like rules that set
/// <c>llm_model</c>, <c>llm_provider</c>, <c>reasoning_effort</c> and <c>llm_backend</c> on matching nodes.
/// </summary>
public sealed class ModelStylesheet
{
    private static readonly StylesheetRule[] NoRules = Array.Empty<StylesheetRule>();
    private readonly StylesheetRule[] _rules;

    // Per known property, the rules that set it with their winning declaration, in rule order.
    private readonly Candidate[][] _candidates;

    internal ModelStylesheet(string text, StylesheetRule[] rules)
    {
        Text = text;
        _rules = rules;
        _candidates = new Candidate[StylesheetProperties.All.Count][];
        for (var p = 0; p < _candidates.Length; p++)
        {
            var list = new List<Candidate>();
            for (var r = 0; r < rules.Length; r++)
            {
                var declaration = rules[r].Find(StylesheetProperties.All[p]);
                if (declaration is not null)
                {
                    list.Add(new Candidate(rules[r].Selector, declaration, r));
                }
            }

            _candidates[p] = list.ToArray();
        }
    }

    /// <summary>Gets the stylesheet with no rules.</summary>
    public static ModelStylesheet Empty { get; } = new(string.Empty, NoRules);

    /// <summary>Gets the stylesheet text as written.</summary>
    public string Text { get; }

    /// <summary>Gets the rules in order.</summary>
    public IReadOnlyList<StylesheetRule> Rules => _rules;

    /// <summary>Gets a value indicating whether there are no rules.</summary>
    public bool IsEmpty => _rules.Length == 0;

    /// <summary>
    /// Parses a stylesheet. Never throws: a rule with a syntax error is reported and skipped, and
    /// parsing resumes at the next rule so every error is found.
    /// </summary>
    /// <param name="text">The stylesheet; null or blank has no rules.</param>
    public static StylesheetParseResult Parse(string? text) => StylesheetParser.Parse(text);

    /// <summary>
    /// Finds the declaration that sets a property on a node: among the matching rules that declare
    /// it, the one with the highest specificity, and of equal specificity the later one (§8.3).
    /// </summary>
    /// <param name="node">The node.</param>
    /// <param name="property">A canonical property: <c>llm_model</c>, <c>llm_provider</c>, <c>reasoning_effort</c> or <c>llm_backend</c>.</param>
    /// <returns>The winning declaration, or null when no rule sets the property for this node.</returns>
    public StylesheetDeclaration? Resolve(PipelineNode node, string property)
    {
        if (node is null)
        {
            throw new ArgumentNullException(nameof(node));
        }

        var index = property switch
        {
            AttributeNames.LlmModel => 0,
            AttributeNames.LlmProvider => 1,
            AttributeNames.ReasoningEffort => 2,
            AttributeNames.LlmBackend => 3,
            _ => -1,
        };
        if (index < 0)
        {
            return null;
        }

        // Walk backwards so the first match of the highest specificity seen is the latest rule.
        var candidates = _candidates[index];
        StylesheetDeclaration? best = null;
        var bestSpecificity = -1;
        for (var i = candidates.Length - 1; i >= 0; i--)
        {
            var candidate = candidates[i];
            var specificity = candidate.Selector.Specificity;
            if (specificity > bestSpecificity && candidate.Selector.Matches(node))
            {
                best = candidate.Declaration;
                bestSpecificity = specificity;
                if (specificity == (int)StylesheetSelectorKind.Id)
                {
                    break;
                }
            }
        }

        return best;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(" ", (IEnumerable<StylesheetRule>)_rules);

    /// <summary>
    /// Resolves every property of <see cref="StylesheetProperties.All"/> for a node at once, as
    /// <see cref="Resolve"/> does one by one, but testing each rule's selector at most once and with
    /// the node's shape and class read by the caller (a transform visits every node).
    /// </summary>
    /// <param name="id">The node's ID.</param>
    /// <param name="subgraphClasses">The node's <see cref="PipelineNode.SubgraphClasses"/>.</param>
    /// <param name="shape">The node's <see cref="PipelineNode.Shape"/>.</param>
    /// <param name="classList">The node's <see cref="PipelineNode.Class"/>.</param>
    /// <param name="wanted">Per property (in <see cref="StylesheetProperties.All"/> order), whether to resolve it.</param>
    /// <param name="results">Receives the winning declaration per property, or null.</param>
    /// <param name="scratch">A buffer of at least <see cref="Rules"/>.Count entries, reused between calls.</param>
    internal void ResolveAll(string id, IReadOnlyList<string> subgraphClasses, string shape, string classList, bool[] wanted, StylesheetDeclaration?[] results, sbyte[] scratch)
    {
        Array.Clear(scratch, 0, _rules.Length);
        for (var p = 0; p < _candidates.Length; p++)
        {
            results[p] = null;
            if (!wanted[p])
            {
                continue;
            }

            var candidates = _candidates[p];
            var bestSpecificity = -1;
            for (var i = candidates.Length - 1; i >= 0; i--)
            {
                var candidate = candidates[i];
                var specificity = candidate.Selector.Specificity;
                if (specificity <= bestSpecificity)
                {
                    continue;
                }

                var matched = scratch[candidate.RuleIndex];
                if (matched == 0)
                {
                    matched = candidate.Selector.Matches(id, subgraphClasses, shape, classList) ? (sbyte)1 : (sbyte)-1;
                    scratch[candidate.RuleIndex] = matched;
                }

                if (matched > 0)
                {
                    results[p] = candidate.Declaration;
                    bestSpecificity = specificity;
                    if (specificity == (int)StylesheetSelectorKind.Id)
                    {
                        break;
                    }
                }
            }
        }
    }

    private readonly struct Candidate
    {
        public Candidate(StylesheetSelector selector, StylesheetDeclaration declaration, int ruleIndex)
        {
            Selector = selector;
            Declaration = declaration;
            RuleIndex = ruleIndex;
        }

        public StylesheetSelector Selector { get; }

        public StylesheetDeclaration Declaration { get; }

        public int RuleIndex { get; }
    }
}
