// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;
using System.Text;

namespace Attractor.Dot.Stylesheets;

/// <summary>A stylesheet rule: a selector and its declarations (attractor-spec §8.2).</summary>
public sealed class StylesheetRule
{
    internal StylesheetRule(StylesheetSelector selector, StylesheetDeclaration[] declarations, int order, int end)
    {
        Selector = selector;
        Declarations = declarations;
        Order = order;
        Length = end - selector.Start;
    }

    /// <summary>Gets the selector.</summary>
    public StylesheetSelector Selector { get; }

    /// <summary>Gets the declarations in order; a property declared twice keeps both, and the later wins.</summary>
    public IReadOnlyList<StylesheetDeclaration> Declarations { get; }

    /// <summary>Gets the rule's position among the parsed rules; later rules win ties of specificity.</summary>
    public int Order { get; }

    /// <summary>Gets the offset of the rule (its selector) in the stylesheet text.</summary>
    public int Start => Selector.Start;

    /// <summary>Gets the length of the rule up to and including its closing brace.</summary>
    public int Length { get; }

    /// <summary>Finds the declaration that sets a node attribute; the last one when repeated.</summary>
    /// <param name="name">A canonical property name such as <c>llm_model</c>.</param>
    /// <returns>The declaration, or null.</returns>
    public StylesheetDeclaration? Find(string name)
    {
        for (var i = Declarations.Count - 1; i >= 0; i--)
        {
            if (Declarations[i].Name == name)
            {
                return Declarations[i];
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var builder = new StringBuilder().Append(Selector).Append(" {");
        foreach (var declaration in Declarations)
        {
            builder.Append(' ').Append(declaration).Append(';');
        }

        return builder.Append(" }").ToString();
    }
}
