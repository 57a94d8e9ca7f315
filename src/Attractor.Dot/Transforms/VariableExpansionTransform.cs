// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;

namespace Attractor.Dot.Transforms;

/// <summary>
/// Built-in transform of attractor-spec §9.2: replaces every <c>$goal</c> in node <c>prompt</c>
/// attributes with the graph's <c>goal</c>.
/// </summary>
/// <remarks>
/// As the spec's pseudocode does, this is a plain text replacement. When the graph has no
/// <c>goal</c> attribute at all, prompts are left alone so the unexpanded <c>$goal</c> stays
/// visible instead of silently becoming an empty string.
/// </remarks>
public sealed class VariableExpansionTransform : IGraphTransform
{
    /// <summary>The variable this transform expands.</summary>
    public const string GoalVariable = "$goal";

    /// <inheritdoc />
    public PipelineGraph Apply(PipelineGraph graph)
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        var goalAttribute = graph.Attributes.Get(AttributeNames.Goal);
        return goalAttribute is null ? graph : Expand(graph, goalAttribute.Value);
    }

    /// <summary>Expands <c>$goal</c> in every node's prompt.</summary>
    internal static PipelineGraph Expand(PipelineGraph graph, string goal)
    {
        var nodes = graph.Nodes;
        SegmentedList<PipelineNode>? rewritten = null;
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var index = node.Attributes.IndexOf(AttributeNames.Prompt);
            if (index < 0 || ExpandPrompt(ref node.Attributes.EntryAt(index), goal) is not { } expanded)
            {
                continue;
            }

            rewritten ??= SegmentedList<PipelineNode>.CopyOf(nodes);
            rewritten.Set(i, node.WithAttributes(node.Attributes.SetItem(expanded)));
        }

        return rewritten is null ? graph : graph.WithNodes(rewritten.ToReadOnly());
    }

    /// <summary>Returns the prompt with <c>$goal</c> expanded, or null when it has none.</summary>
    internal static AttributeEntry? ExpandPrompt(ref AttributeEntry prompt, string goal)
    {
        var value = prompt.Value;
        if (value.IndexOf(GoalVariable, StringComparison.Ordinal) < 0)
        {
            return null;
        }

        // The location stays on the written prompt; the origin keeps its precedence.
        return prompt.WithValue(value.Replace(GoalVariable, goal), prompt.Origin);
    }
}
