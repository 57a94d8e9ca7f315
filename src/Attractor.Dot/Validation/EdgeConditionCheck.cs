// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Conditions;

namespace Attractor.Dot.Validation;

/// <summary>
/// An <see cref="ElementCheck"/> of edge conditions: each non-empty <c>condition</c> is parsed once
/// per distinct text and handed over with its parse result.
/// </summary>
internal abstract class EdgeConditionCheck : ElementCheck
{
    private readonly ConditionLookup _conditions = new();

    protected EdgeConditionCheck(PipelineGraph graph)
        : base(graph, checksNodes: false, checksEdges: true)
    {
    }

    /// <summary>Gets the filter that reports an inherited condition once, at its <c>edge [...]</c> block.</summary>
    protected InheritedAttributeFilter Inherited { get; } = new();

    public sealed override void CheckEdge(int position, PipelineEdge edge)
    {
        if (!edge.TryGetAttribute(AttributeNames.Condition, out var condition) || condition.Value.Length == 0)
        {
            return;
        }

        CheckCondition(edge, condition, _conditions.GetOrParse(condition.Value));
    }

    /// <summary>Checks one edge's condition; <paramref name="condition"/> is the stored form, made a <see cref="DotAttribute"/> only to report.</summary>
    protected abstract void CheckCondition(PipelineEdge edge, in AttributeEntry condition, ConditionParseResult result);
}
