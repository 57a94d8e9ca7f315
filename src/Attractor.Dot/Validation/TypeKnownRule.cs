// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// attractor-spec §7.2 <c>type_known</c> (ATR2009): an explicit <c>type</c> names a registered
/// handler: a built-in one (<see cref="HandlerTypes.BuiltIn"/>) or one the host registered (§4.12).
/// </summary>
public sealed class TypeKnownRule : ILintRule, IElementLintRule
{
    private readonly HashSet<string> _known;

    /// <summary>Initializes a new instance of the <see cref="TypeKnownRule"/> class that knows the built-in types.</summary>
    public TypeKnownRule()
        : this(null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TypeKnownRule"/> class.</summary>
    /// <param name="additionalTypes">Handler types registered by the host on top of the built-in ones.</param>
    public TypeKnownRule(IEnumerable<string>? additionalTypes)
    {
        _known = new HashSet<string>(HandlerTypes.BuiltIn, StringComparer.Ordinal);
        if (additionalTypes is not null)
        {
            foreach (var type in additionalTypes)
            {
                if (!string.IsNullOrEmpty(type))
                {
                    _known.Add(type);
                }
            }
        }
    }

    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.TypeKnown.Rule;

    /// <summary>Gets every handler type this rule accepts.</summary>
    public IReadOnlyCollection<string> KnownTypes => _known;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph) => ElementCheck.RunAlone(this, graph);

    /// <inheritdoc />
    ElementCheck? IElementLintRule.Begin(PipelineGraph graph) => new Check(graph, _known);

    private sealed class Check : ElementCheck
    {
        private readonly InheritedAttributeFilter _inherited = new();
        private readonly HashSet<string> _known;

        public Check(PipelineGraph graph, HashSet<string> known)
            : base(graph, checksNodes: true, checksEdges: false) => _known = known;

        public override void CheckNode(int position, PipelineNode node)
        {
            if (!node.TryGetAttribute(AttributeNames.Type, out var entry) || entry.Value.Length == 0 || _known.Contains(entry.Value) || !_inherited.ShouldReport(entry))
            {
                return;
            }

            var attribute = new DotAttribute(entry);
            // §4.2: an unregistered type falls through to the shape's handler, then to codergen.
            var fallback = HandlerTypes.ForShape(node.Shape) ?? HandlerTypes.Codergen;
            Report(DiagnosticDescriptors.TypeKnown.Create(
                "Node " + LintSupport.Quote(node.Id) + " has type " + LintSupport.Quote(attribute.Value) + LintSupport.InheritedNote(attribute, "node")
                    + ", for which no handler is registered; the engine falls back to the " + fallback + " handler.",
                Graph.FilePath,
                LintSupport.SpanOf(attribute, node.Span),
                fix: "use a built-in type (" + LintSupport.JoinAlternatives(HandlerTypes.BuiltIn) + ") or register a handler for " + LintSupport.Quote(attribute.Value),
                nodeId: node.Id));
        }
    }
}
