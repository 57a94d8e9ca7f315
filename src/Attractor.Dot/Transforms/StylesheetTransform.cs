// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using Attractor.Dot.Stylesheets;

namespace Attractor.Dot.Transforms;

/// <summary>
/// Built-in transform of attractor-spec §8.5 and §9.2: applies the graph's <c>model_stylesheet</c>,
/// setting <c>llm_model</c>, <c>llm_provider</c>, <c>reasoning_effort</c> and <c>llm_backend</c> on each node from the
/// matching rule of highest specificity (of equal specificity, the later rule).
/// </summary>
/// <remarks>
/// A value written on the node itself always wins. A value inherited from a <c>node [...]</c>
/// default block does not: the stylesheet is the more specific statement about that node, and
/// §8.5 ranks it above graph-level defaults. Set values get <see cref="AttributeOrigin.Stylesheet"/>
/// and the location of the stylesheet declaration. Rules with syntax errors are skipped; the
/// <c>stylesheet_syntax</c> rule reports them.
/// </remarks>
public sealed class StylesheetTransform : IGraphTransform
{
    /// <inheritdoc />
    public PipelineGraph Apply(PipelineGraph graph)
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        return Apply(graph, goal: null);
    }

    /// <summary>
    /// Gives the result of <see cref="VariableExpansionTransform"/> followed by this transform (the
    /// built-in order) in one pass, so a node both change is copied once instead of twice. The two
    /// touch disjoint attributes (<c>prompt</c>; the stylesheet properties), and the stylesheet
    /// reads only the ID, shape, class and its own properties, so the order does not matter.
    /// </summary>
    internal static PipelineGraph ApplyAfterGoalExpansion(PipelineGraph graph) =>
        Apply(graph, graph.Attributes.Get(AttributeNames.Goal)?.Value);

    /// <summary>The transform; with <paramref name="goal"/> set it also expands <c>$goal</c> in prompts.</summary>
    private static PipelineGraph Apply(PipelineGraph graph, string? goal)
    {
        var source = graph.Attributes.Get(AttributeNames.ModelStylesheet);
        if (source is null || source.Value.Length == 0)
        {
            return goal is null ? graph : VariableExpansionTransform.Expand(graph, goal);
        }

        var stylesheet = ModelStylesheet.Parse(source.Value).Stylesheet;
        if (stylesheet.IsEmpty)
        {
            return goal is null ? graph : VariableExpansionTransform.Expand(graph, goal);
        }

        var properties = StylesheetProperties.All;
        Dictionary<StylesheetDeclaration, DotAttribute>? attributes = null;
        var nodes = graph.Nodes;
        SegmentedList<PipelineNode>? rewritten = null;

        // Per-node buffers, reused: one scan of the node's attributes finds the properties, shape
        // and class; one pass over the stylesheet resolves every property.
        var existing = new DotAttribute?[properties.Count];
        var wanted = new bool[properties.Count];
        var declarations = new StylesheetDeclaration?[properties.Count];
        var updates = new DotAttribute?[properties.Count];
        var scratch = new sbyte[stylesheet.Rules.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var map = node.Attributes;
            ScanNode(map, properties, existing, out var shape, out var classList, out var prompt);
            var expanded = goal is null ? null : VariableExpansionTransform.ExpandPrompt(prompt, goal);
            var anyWanted = false;
            for (var p = 0; p < properties.Count; p++)
            {
                // A value written on the node wins; one inherited from a default block does not.
                wanted[p] = existing[p] is null || existing[p]!.Origin == AttributeOrigin.Default;
                anyWanted |= wanted[p];
            }

            if (!anyWanted)
            {
                if (expanded is not null)
                {
                    rewritten ??= SegmentedList<PipelineNode>.CopyOf(nodes);
                    rewritten.Set(i, node.WithAttributes(map.SetItem(expanded)));
                }

                continue;
            }

            stylesheet.ResolveAll(node, shape, classList, wanted, declarations, scratch);
            var updateCount = 0;
            for (var p = 0; p < properties.Count; p++)
            {
                updates[p] = null;
                var declaration = declarations[p];
                if (declaration is null)
                {
                    continue;
                }

                // One attribute per declaration: locating it walks the stylesheet text, so do it once.
                attributes ??= new Dictionary<StylesheetDeclaration, DotAttribute>();
                if (!attributes.TryGetValue(declaration, out var attribute))
                {
                    attribute = CreateAttribute(source, declaration);
                    attributes[declaration] = attribute;
                }

                updates[p] = attribute;
                updateCount++;
            }

            if (updateCount > 0)
            {
                rewritten ??= SegmentedList<PipelineNode>.CopyOf(nodes);
                rewritten.Set(i, node.WithAttributes(SetItems(map, updates, updateCount, expanded)));
            }
            else if (expanded is not null)
            {
                rewritten ??= SegmentedList<PipelineNode>.CopyOf(nodes);
                rewritten.Set(i, node.WithAttributes(map.SetItem(expanded)));
            }
        }

        return rewritten is null ? graph : graph.WithNodes(rewritten.ToReadOnly());
    }

    /// <summary>
    /// Reads, in one pass over a node's attributes, the stylesheet properties it has and its shape
    /// and class with the defaults of <see cref="PipelineNode.Shape"/> and <see cref="PipelineNode.Class"/>.
    /// </summary>
    private static void ScanNode(AttributeMap map, IReadOnlyList<string> properties, DotAttribute?[] existing, out string shape, out string classList, out DotAttribute? prompt)
    {
        Array.Clear(existing, 0, existing.Length);
        string? shapeValue = null;
        string? classValue = null;
        prompt = null;
        for (var i = 0; i < map.Count; i++)
        {
            var attribute = map[i];
            var key = attribute.Key;
            if (key == AttributeNames.Shape)
            {
                shapeValue = attribute.Value;
                continue;
            }

            if (key == AttributeNames.Class)
            {
                classValue = attribute.Value;
                continue;
            }

            if (key == AttributeNames.Prompt)
            {
                prompt = attribute;
                continue;
            }

            for (var p = 0; p < properties.Count; p++)
            {
                if (key == properties[p])
                {
                    existing[p] = attribute;
                    break;
                }
            }
        }

        shape = shapeValue ?? "box";
        classList = classValue ?? string.Empty;
    }

    private static DotAttribute CreateAttribute(DotAttribute source, StylesheetDeclaration declaration)
    {
        var kind = declaration.IsQuoted ? AttributeValueKind.String : AttributeValues.ClassifyBare(declaration.Value);
        var span = source.LocateInValue(declaration.Start, declaration.Length);
        var valueSpan = source.LocateInValue(declaration.ValueStart, declaration.ValueLength);
        return new DotAttribute(declaration.Name, declaration.Value, kind, AttributeOrigin.Stylesheet, span, valueSpan);
    }

    /// <summary>
    /// Returns the map with the non-null attributes set, in order, exactly as successive
    /// <see cref="AttributeMap.SetItem(DotAttribute)"/> calls would (replaced in place, or appended),
    /// but copying the attributes once instead of once per property; <paramref name="replacement"/>,
    /// when set, replaces the map's attribute of the same key first (the expanded prompt).
    /// </summary>
    private static AttributeMap SetItems(AttributeMap map, DotAttribute?[] updates, int updateCount, DotAttribute? replacement)
    {
        var items = new DotAttribute[map.Count + updateCount];
        for (var i = 0; i < map.Count; i++)
        {
            var item = map[i];
            items[i] = replacement is not null && string.Equals(item.Key, replacement.Key, StringComparison.Ordinal) ? replacement : item;
        }

        var count = map.Count;
        foreach (var attribute in updates)
        {
            if (attribute is null)
            {
                continue;
            }

            var index = IndexOf(items, map.Count, attribute.Key);
            if (index >= 0)
            {
                items[index] = attribute;
            }
            else
            {
                items[count++] = attribute;
            }
        }

        if (count < items.Length)
        {
            Array.Resize(ref items, count);
        }

        return AttributeMap.FromDistinct(items);
    }

    private static int IndexOf(DotAttribute[] items, int count, string key)
    {
        for (var i = 0; i < count; i++)
        {
            if (string.Equals(items[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
