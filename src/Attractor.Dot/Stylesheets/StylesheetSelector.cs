// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Stylesheets;

/// <summary>The selector of a stylesheet rule, located inside the stylesheet text.</summary>
public sealed class StylesheetSelector
{
    internal StylesheetSelector(StylesheetSelectorKind kind, string value, int start, int length)
    {
        Kind = kind;
        Value = value;
        Start = start;
        Length = length;
    }

    /// <summary>Gets the selector form.</summary>
    public StylesheetSelectorKind Kind { get; }

    /// <summary>Gets the shape, class or node ID without its prefix; <c>*</c> for the universal selector.</summary>
    public string Value { get; }

    /// <summary>Gets the specificity: universal 0 &lt; shape 1 &lt; class 2 &lt; ID 3 (§8.3).</summary>
    public int Specificity => (int)Kind;

    /// <summary>Gets the offset of the selector, prefix included, in the stylesheet text.</summary>
    public int Start { get; }

    /// <summary>Gets the length of the selector, prefix included.</summary>
    public int Length { get; }

    /// <summary>
    /// Returns whether the selector matches a node: shape against <see cref="PipelineNode.Shape"/>
    /// (default <c>box</c>), class against <see cref="PipelineNode.Classes"/> (which include
    /// subgraph-derived classes), ID against <see cref="PipelineNode.Id"/>; all case-sensitive.
    /// </summary>
    /// <param name="node">The node.</param>
    public bool Matches(PipelineNode node)
    {
        if (node is null)
        {
            throw new ArgumentNullException(nameof(node));
        }

        switch (Kind)
        {
            case StylesheetSelectorKind.Universal:
                return true;
            case StylesheetSelectorKind.Shape:
                return string.Equals(node.Shape, Value, StringComparison.Ordinal);
            case StylesheetSelectorKind.Id:
                return string.Equals(node.Id, Value, StringComparison.Ordinal);
            default:
                return MatchesClass(node.SubgraphClasses, node.Class);
        }
    }

    /// <summary>Returns whether the selector matches a node whose shape and class the caller already read.</summary>
    /// <param name="id">The node's ID.</param>
    /// <param name="subgraphClasses">The node's <see cref="PipelineNode.SubgraphClasses"/>.</param>
    /// <param name="shape">The node's <see cref="PipelineNode.Shape"/>.</param>
    /// <param name="classList">The node's <see cref="PipelineNode.Class"/>.</param>
    internal bool Matches(string id, IReadOnlyList<string> subgraphClasses, string shape, string classList) => Kind switch
    {
        StylesheetSelectorKind.Universal => true,
        StylesheetSelectorKind.Shape => string.Equals(shape, Value, StringComparison.Ordinal),
        StylesheetSelectorKind.Id => string.Equals(id, Value, StringComparison.Ordinal),
        _ => MatchesClass(subgraphClasses, classList),
    };

    /// <summary>
    /// Same membership test as <see cref="PipelineNode.Classes"/>, without building that list (and
    /// its strings) for every node the stylesheet transform visits.
    /// </summary>
    private bool MatchesClass(IReadOnlyList<string> subgraphClasses, string classList)
    {
        if (ClassListContains(classList, Value))
        {
            return true;
        }

        for (var i = 0; i < subgraphClasses.Count; i++)
        {
            if (string.Equals(subgraphClasses[i], Value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Returns whether a comma-separated <c>class</c> value names a class: as
    /// <see cref="PipelineNode.Classes"/> does, each part is trimmed and empty parts are ignored.
    /// </summary>
    /// <param name="classList">The <c>class</c> attribute value.</param>
    /// <param name="name">The class name.</param>
    internal static bool ClassListContains(string classList, string name)
    {
        var partStart = 0;
        while (partStart <= classList.Length)
        {
            var partEnd = classList.IndexOf(',', partStart);
            if (partEnd < 0)
            {
                partEnd = classList.Length;
            }

            var start = partStart;
            var end = partEnd;
            while (start < end && char.IsWhiteSpace(classList[start]))
            {
                start++;
            }

            while (end > start && char.IsWhiteSpace(classList[end - 1]))
            {
                end--;
            }

            if (end > start && end - start == name.Length && string.CompareOrdinal(classList, start, name, 0, name.Length) == 0)
            {
                return true;
            }

            partStart = partEnd + 1;
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        StylesheetSelectorKind.Universal => "*",
        StylesheetSelectorKind.Class => "." + Value,
        StylesheetSelectorKind.Id => "#" + Value,
        _ => Value,
    };
}
