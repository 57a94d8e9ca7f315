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
        var rewriter = NodeRewriter.Create(graph.Attributes, goal);
        if (rewriter is null)
        {
            return graph;
        }

        var nodes = graph.Nodes;
        SegmentedList<PipelineNode>? rewritten = null;
        EntryStore? store = null;
        var scratch = Array.Empty<AttributeEntry>();
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            AttributeEntry[] items;
            int count;
            if (node.TailAttributes.Length == 0)
            {
                // Copied into one buffer for all nodes: the rewriter reads an array, and writes its result to the store.
                var own = node.OwnAttributes;
                if (scratch.Length < own.Length)
                {
                    scratch = new AttributeEntry[Math.Max(own.Length, scratch.Length * 2)];
                }

                own.CopyTo(scratch);
                items = scratch;
                count = own.Length;
            }
            else
            {
                items = node.Attributes.Items;
                count = items.Length;
            }

            // The rewritten nodes of one file keep their attributes in one store (a node of another
            // file, whose span has another line table, gets an array of its own).
            store ??= new EntryStore(node.Span.Positions);
            if (rewriter.Rewrite(node.Id, node.SubgraphClasses, items, 0, count, promptPreExpanded: false, store, out var chunk, out var offset, out var tail))
            {
                rewritten ??= SegmentedList<PipelineNode>.CopyOf(nodes);
                rewritten.Set(i, node.WithAttributes(chunk, offset, count, tail));
            }
        }

        return rewritten is null ? graph : graph.WithNodes(rewritten.ToReadOnly());
    }

    /// <summary>
    /// What <see cref="ApplyAfterGoalExpansion"/> does to one node, on the node's attribute array, so
    /// the parser can apply it while it builds the nodes (<see cref="PipelineLoader"/>) instead of
    /// building each node twice. Holds the per-graph state: the parsed stylesheet, the attributes made
    /// from its declarations and the reused buffers; one instance per graph and thread.
    /// </summary>
    internal sealed class NodeRewriter
    {
        private readonly DotAttribute? _source;
        private readonly ModelStylesheet? _stylesheet;
        private readonly string? _goal;
        private readonly IReadOnlyList<string> _properties = StylesheetProperties.All;
        private readonly int[] _existing;
        private readonly bool[] _wanted;
        private readonly StylesheetDeclaration?[] _declarations;
        private readonly AttributeEntry?[] _updates;
        private readonly sbyte[] _scratch;
        private Dictionary<StylesheetDeclaration, AttributeEntry>? _attributes;
        private Dictionary<TailKey, AttributeEntry[]>? _tails;
        private AttributeEntry[] _buffer = new AttributeEntry[16];

        private NodeRewriter(DotAttribute? source, ModelStylesheet? stylesheet, string? goal)
        {
            _source = source;
            _stylesheet = stylesheet;
            _goal = goal;
            _existing = new int[_properties.Count];
            _wanted = new bool[_properties.Count];
            _declarations = new StylesheetDeclaration?[_properties.Count];
            _updates = new AttributeEntry?[_properties.Count];
            _scratch = new sbyte[stylesheet?.Rules.Count ?? 0];
        }

        /// <summary>Returns the rewriter for a graph with these attributes, or null when it would change no node.</summary>
        /// <param name="graphAttributes">The graph's attributes (its stylesheet).</param>
        /// <param name="goal">The goal to expand in prompts, or null not to expand.</param>
        public static NodeRewriter? Create(AttributeMap graphAttributes, string? goal)
        {
            var source = graphAttributes.Get(AttributeNames.ModelStylesheet);
            var stylesheet = source is null || source.Value.Length == 0 ? null : ModelStylesheet.Parse(source.Value).Stylesheet;
            if (stylesheet is null || stylesheet.IsEmpty)
            {
                return goal is null ? null : new NodeRewriter(null, null, goal);
            }

            return new NodeRewriter(source, stylesheet, goal);
        }

        /// <summary>
        /// Gives the node's new attributes (<paramref name="count"/> entries of <paramref name="own"/>
        /// from <paramref name="ownOffset"/>, a run reserved in <paramref name="store"/>, then the shared
        /// <paramref name="tail"/>), or returns false when the node keeps its attributes,
        /// <paramref name="count"/> items of <paramref name="items"/> from <paramref name="offset"/>.
        /// <paramref name="promptPreExpanded"/> says the parser already built the node's prompt with
        /// this goal expanded.
        /// </summary>
        public bool Rewrite(string id, IReadOnlyList<string> subgraphClasses, AttributeEntry[] items, int offset, int count, bool promptPreExpanded, EntryStore store, out EntryChunk own, out int ownOffset, out AttributeEntry[] tail)
        {
            own = null!;
            ownOffset = 0;
            tail = Array.Empty<AttributeEntry>();
            var properties = _properties;
            var existing = _existing;
            var wanted = _wanted;
            var updates = _updates;
            ScanNode(items, offset, count, properties, existing, out var shape, out var classList, out var prompt);
            var expanded = _goal is null || prompt < 0 || promptPreExpanded
                ? null
                : VariableExpansionTransform.ExpandPrompt(ref items[prompt], _goal);
            var stylesheet = _stylesheet;
            if (stylesheet is null)
            {
                return expanded.HasValue && Replace(items, offset, count, expanded.GetValueOrDefault(), store, out own, out ownOffset);
            }

            var anyWanted = false;
            for (var p = 0; p < properties.Count; p++)
            {
                // A value written on the node wins; one inherited from a default block does not.
                wanted[p] = existing[p] < 0 || items[existing[p]].Origin == AttributeOrigin.Default;
                anyWanted |= wanted[p];
            }

            if (!anyWanted)
            {
                return expanded.HasValue && Replace(items, offset, count, expanded.GetValueOrDefault(), store, out own, out ownOffset);
            }

            stylesheet.ResolveAll(id, subgraphClasses, shape, classList, wanted, _declarations, _scratch);
            var updateCount = 0;
            for (var p = 0; p < properties.Count; p++)
            {
                updates[p] = null;
                var declaration = _declarations[p];
                if (declaration is null)
                {
                    continue;
                }

                // One attribute per declaration: locating it walks the stylesheet text, so do it once.
                _attributes ??= new Dictionary<StylesheetDeclaration, AttributeEntry>();
                if (!_attributes.TryGetValue(declaration, out var attribute))
                {
                    attribute = CreateAttribute(_source!, declaration);
                    _attributes[declaration] = attribute;
                }

                updates[p] = attribute;
                updateCount++;
            }

            if (updateCount > 0)
            {
                own = SetItems(items, offset, count, expanded, store, out ownOffset, out tail);
                return true;
            }

            return expanded.HasValue && Replace(items, offset, count, expanded.GetValueOrDefault(), store, out own, out ownOffset);
        }

        /// <summary>The items with the attribute of the replacement's key replaced, as <see cref="AttributeMap.SetItem(DotAttribute)"/> does for a key present.</summary>
        private static bool Replace(AttributeEntry[] items, int offset, int count, in AttributeEntry replacement, EntryStore store, out EntryChunk chunk, out int copyOffset)
        {
            chunk = store.Reserve(count, out copyOffset);
            for (var i = 0; i < count; i++)
            {
                ref readonly var item = ref items[offset + i];
                chunk.Set(copyOffset + i, string.Equals(item.Key, replacement.Key, StringComparison.Ordinal) ? replacement : item);
            }

            return true;
        }

        /// <summary>
        /// Returns the node's own attributes with the stylesheet's attributes (<c>_updates</c>) set, in property order,
        /// as successive <see cref="AttributeMap.SetItem(DotAttribute)"/> calls would: a key the node
        /// has is replaced in place, the others are appended. <paramref name="replacement"/>, when
        /// set, first replaces the attribute of its key (the expanded prompt). The appended ones are
        /// one array shared by every node that gets the same declarations appended.
        /// </summary>
        private EntryChunk SetItems(AttributeEntry[] map, int offset, int mapCount, AttributeEntry? replacement, EntryStore store, out int itemsOffset, out AttributeEntry[] tail)
        {
            // Built in a buffer of the rewriter, then stored: the stored form is not changed in place.
            if (_buffer.Length < mapCount)
            {
                _buffer = new AttributeEntry[Math.Max(mapCount, _buffer.Length * 2)];
            }

            var items = _buffer;
            for (var i = 0; i < mapCount; i++)
            {
                ref readonly var item = ref map[offset + i];
                items[i] = replacement is { } value && string.Equals(item.Key, value.Key, StringComparison.Ordinal) ? value : item;
            }

            var updates = _updates;
            var appended = 0;
            for (var p = 0; p < updates.Length; p++)
            {
                if (updates[p] is not { } attribute)
                {
                    continue;
                }

                var index = AttributeMap.IndexOf(items, 0, mapCount, attribute.Key);
                if (index >= 0)
                {
                    items[index] = attribute;
                }
                else
                {
                    appended |= 1 << p;
                }
            }

            tail = appended == 0 ? Array.Empty<AttributeEntry>() : Tail(appended);
            return store.Add(items, 0, mapCount, out itemsOffset);
        }

        // The appended attributes for these properties (a bit each) with the current declarations.
        private AttributeEntry[] Tail(int appended)
        {
            var key = new TailKey(appended, _declarations);
            _tails ??= new Dictionary<TailKey, AttributeEntry[]>();
            if (_tails.TryGetValue(key, out var tail))
            {
                return tail;
            }

            var count = 0;
            for (var p = 0; p < _updates.Length; p++)
            {
                count += (appended >> p) & 1;
            }

            tail = new AttributeEntry[count];
            var next = 0;
            for (var p = 0; p < _updates.Length; p++)
            {
                if ((appended & (1 << p)) != 0)
                {
                    tail[next++] = _updates[p].GetValueOrDefault();
                }
            }

            _tails[key] = tail;
            return tail;
        }
    }

    /// <summary>Which declarations a shared tail holds: the same declaration objects, compared by reference.</summary>
    private readonly struct TailKey : IEquatable<TailKey>
    {
        private readonly int _appended;
        private readonly StylesheetDeclaration? _first;
        private readonly StylesheetDeclaration? _second;
        private readonly StylesheetDeclaration? _third;
        private readonly StylesheetDeclaration? _fourth;

        public TailKey(int appended, StylesheetDeclaration?[] declarations)
        {
            _appended = appended;
            _first = Pick(declarations, appended, 0);
            _second = Pick(declarations, appended, 1);
            _third = Pick(declarations, appended, 2);
            _fourth = Pick(declarations, appended, 3);
        }

        public bool Equals(TailKey other) =>
            _appended == other._appended && ReferenceEquals(_first, other._first) && ReferenceEquals(_second, other._second)
            && ReferenceEquals(_third, other._third) && ReferenceEquals(_fourth, other._fourth);

        public override bool Equals(object? obj) => obj is TailKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = _appended;
            hash = (hash * 31) + Hash(_first);
            hash = (hash * 31) + Hash(_second);
            hash = (hash * 31) + Hash(_third);
            return (hash * 31) + Hash(_fourth);
        }

        private static StylesheetDeclaration? Pick(StylesheetDeclaration?[] declarations, int appended, int property) =>
            property < declarations.Length && (appended & (1 << property)) != 0 ? declarations[property] : null;

        private static int Hash(StylesheetDeclaration? declaration) =>
            declaration is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(declaration);
    }

    /// <summary>
    /// Reads, in one pass over a node's attributes, the stylesheet properties it has and its shape
    /// and class with the defaults of <see cref="PipelineNode.Shape"/> and <see cref="PipelineNode.Class"/>.
    /// </summary>
    private static void ScanNode(AttributeEntry[] items, int offset, int count, IReadOnlyList<string> properties, int[] existing, out string shape, out string classList, out int prompt)
    {
        for (var p = 0; p < existing.Length; p++)
        {
            existing[p] = -1;
        }

        string? shapeValue = null;
        string? classValue = null;
        prompt = -1;
        for (var i = offset; i < offset + count; i++)
        {
            var key = items[i].Key;
            if (key == AttributeNames.Shape)
            {
                shapeValue = items[i].Value;
                continue;
            }

            if (key == AttributeNames.Class)
            {
                classValue = items[i].Value;
                continue;
            }

            if (key == AttributeNames.Prompt)
            {
                prompt = i;
                continue;
            }

            for (var p = 0; p < properties.Count; p++)
            {
                if (key == properties[p])
                {
                    existing[p] = i;
                    break;
                }
            }
        }

        shape = shapeValue ?? "box";
        classList = classValue ?? string.Empty;
    }

    private static AttributeEntry CreateAttribute(DotAttribute source, StylesheetDeclaration declaration)
    {
        var kind = declaration.IsQuoted ? AttributeValueKind.String : AttributeValues.ClassifyBare(declaration.Value);
        var span = source.LocateInValue(declaration.Start, declaration.Length);
        var valueSpan = source.LocateInValue(declaration.ValueStart, declaration.ValueLength);
        return AttributeEntry.Create(declaration.Name, declaration.Value, kind, AttributeOrigin.Stylesheet, span, valueSpan);
    }
}
