// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Dot.Conditions;
using Attractor.Pipelines.Human;

namespace Attractor.Pipelines;

/// <summary>The deterministic five-step edge selection of attractor-spec §3.3.</summary>
public static class EdgeSelector
{
    private static readonly ConditionCache SharedConditions = new(maxEntries: 4096);

    /// <summary>
    /// Selects the edge to follow after <paramref name="nodeId"/>: (1) edges whose condition holds,
    /// best by weight then target ID; (2) the first unconditional edge whose label matches the
    /// preferred label after normalisation; (3) the first unconditional edge to a suggested node;
    /// (4, 5) the unconditional edge with the highest weight, ties broken by the target ID (ordinal).
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="nodeId">The node that just ran.</param>
    /// <param name="outcome">Its outcome.</param>
    /// <param name="context">The run context after the outcome's updates.</param>
    /// <returns>The edge, or null when no edge is eligible.</returns>
    public static PipelineEdge? Select(PipelineGraph graph, string nodeId, Outcome outcome, PipelineContext context) =>
        Select(graph, nodeId, outcome, context, out _);

    /// <summary>Selects an edge as <see cref="Select(PipelineGraph, string, Outcome, PipelineContext)"/> and tells whether a condition chose it.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="nodeId">The node that just ran.</param>
    /// <param name="outcome">Its outcome.</param>
    /// <param name="context">The run context after the outcome's updates.</param>
    /// <param name="byCondition">Whether the edge was chosen in step 1 (its condition holds).</param>
    /// <returns>The edge, or null when no edge is eligible.</returns>
    public static PipelineEdge? Select(PipelineGraph graph, string nodeId, Outcome outcome, PipelineContext context, out bool byCondition)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(nodeId);
        return Select(graph.OutgoingEdges(nodeId), outcome, context, out byCondition);
    }

    /// <summary>Selects among the given outgoing edges by the same five steps (the engine narrows them, e.g. after a fan-out).</summary>
    /// <param name="edges">The eligible outgoing edges of the node that just ran, in declaration order.</param>
    /// <param name="outcome">Its outcome.</param>
    /// <param name="context">The run context after the outcome's updates.</param>
    /// <param name="byCondition">Whether the edge was chosen in step 1 (its condition holds).</param>
    /// <returns>The edge, or null when no edge is eligible.</returns>
    internal static PipelineEdge? Select(IReadOnlyList<PipelineEdge> edges, Outcome outcome, PipelineContext context, out bool byCondition)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(context);
        byCondition = false;
        if (edges.Count == 0)
        {
            return null;
        }

        var scope = new OutcomeConditionScope(outcome, context);
        PipelineEdge? best = null;
        foreach (var edge in edges)
        {
            if (IsConditional(edge) && SharedConditions.Evaluate(edge.Condition, scope) && IsBetter(edge, best))
            {
                best = edge;
            }
        }

        if (best is not null)
        {
            byCondition = true;
            return best;
        }

        if (outcome.PreferredLabel.Length > 0)
        {
            var preferred = NormalizeLabel(outcome.PreferredLabel);
            foreach (var edge in edges)
            {
                if (!IsConditional(edge) && NormalizeLabel(edge.Label) == preferred)
                {
                    return edge;
                }
            }
        }

        foreach (var suggested in outcome.SuggestedNextIds)
        {
            foreach (var edge in edges)
            {
                if (!IsConditional(edge) && string.Equals(edge.To, suggested, StringComparison.Ordinal))
                {
                    return edge;
                }
            }
        }

        foreach (var edge in edges)
        {
            if (!IsConditional(edge) && IsBetter(edge, best))
            {
                best = edge;
            }
        }

        return best;
    }

    /// <summary>
    /// Normalises an edge label for matching (§3.3): trims, lower-cases and strips one accelerator
    /// prefix of the forms <c>[Y] </c>, <c>Y) </c> and <c>Y - </c> (shared with the human gate).
    /// </summary>
    public static string NormalizeLabel(string? label) => AcceleratorKeys.Normalize(label);

    private static bool IsConditional(PipelineEdge edge) => !string.IsNullOrWhiteSpace(edge.Condition);

    private static bool IsBetter(PipelineEdge candidate, PipelineEdge? best) =>
        best is null
        || candidate.Weight > best.Weight
        || (candidate.Weight == best.Weight && string.CompareOrdinal(candidate.To, best.To) < 0);
}
