// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;
using System.Text;

namespace Attractor.Dot.Validation;

/// <summary>Wording and locations shared by the built-in rules, so their messages read alike.</summary>
internal static class LintSupport
{
    /// <summary>Quotes a node ID, edge or value for a message.</summary>
    public static string Quote(string text) => "'" + text + "'";

    /// <summary>Returns whether a value is absent or only white space.</summary>
    public static bool IsBlank(string? text)
    {
        if (text is null)
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Locates an attribute diagnostic: the <c>key=value</c> token when the attribute has a location,
    /// else the owner (a node, edge, or the graph ID), e.g. for graphs built in code.
    /// </summary>
    public static SourceSpan SpanOf(DotAttribute? attribute, SourceSpan owner) =>
        attribute is not null && attribute.Span.IsKnown ? attribute.Span : owner;

    /// <summary>
    /// Explains where an inherited value was written, since the user must edit the default block,
    /// not the node the message names.
    /// </summary>
    public static string InheritedNote(DotAttribute attribute, string block) =>
        attribute.Origin == AttributeOrigin.Default ? " (inherited from " + (block == "edge" ? "an" : "a") + " `" + block + " [...]` default block)" : string.Empty;

    /// <summary>Names the graph in a message; an unnamed <c>digraph { }</c> is "The graph".</summary>
    public static string GraphSubject(PipelineGraph graph) =>
        graph.Id.Length == 0 ? "The graph" : "Graph " + Quote(graph.Id);

    /// <summary>Joins values as <c>a, b or c</c>.</summary>
    public static string JoinAlternatives(IReadOnlyList<string> values)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(i == values.Count - 1 ? " or " : ", ");
            }

            builder.Append(values[i]);
        }

        return builder.ToString();
    }
}
