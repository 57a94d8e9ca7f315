// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Pipelines.Handlers;

namespace Attractor.Pipelines;

/// <summary>Resolves a node's context fidelity and thread key (attractor-spec §5.4).</summary>
public static class FidelityResolver
{
    /// <summary>The fidelity that keeps the LLM session.</summary>
    public const string Full = "full";

    /// <summary>The fidelity used instead of <c>full</c> for the first node after a resume (§5.3).</summary>
    public const string ResumeFallback = "summary:high";

    /// <summary>The graph attribute naming the graph-level default thread (§5.4 step 3).</summary>
    public const string GraphThreadAttribute = "thread_id";

    /// <summary>
    /// Mode: incoming edge <c>fidelity</c> → node <c>fidelity</c> → graph <c>default_fidelity</c> →
    /// <c>compact</c>. Under <c>full</c>, the thread key: node <c>thread_id</c> → edge
    /// <c>thread_id</c> → graph <c>thread_id</c> → first subgraph class → the previous node's ID.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="node">The node about to run.</param>
    /// <param name="incomingEdge">The edge the run arrived by, or null for the first node.</param>
    /// <param name="previousNodeId">The node that ran before, or null.</param>
    public static FidelityResolution Resolve(PipelineGraph graph, PipelineNode node, PipelineEdge? incomingEdge, string? previousNodeId)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(node);
        var mode = FirstNonEmpty(incomingEdge?.Fidelity, node.Fidelity, graph.DefaultFidelity) ?? FidelityResolution.Default.Mode;
        if (!string.Equals(mode, Full, StringComparison.Ordinal))
        {
            return mode == FidelityResolution.Default.Mode ? FidelityResolution.Default : new FidelityResolution(mode, null);
        }

        var thread = FirstNonEmpty(
            node.ThreadId,
            incomingEdge?.ThreadId,
            graph.Attributes.GetString(GraphThreadAttribute),
            node.SubgraphClasses.Count > 0 ? node.SubgraphClasses[0] : null,
            previousNodeId)
            ?? node.Id;
        return new FidelityResolution(Full, thread);
    }

    /// <summary>Degrades <c>full</c> to <c>summary:high</c>: in-memory sessions do not survive a resume (§5.3).</summary>
    public static FidelityResolution DegradeForResume(FidelityResolution resolution)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        return string.Equals(resolution.Mode, Full, StringComparison.Ordinal) ? new FidelityResolution(ResumeFallback, null) : resolution;
    }

    private static string? FirstNonEmpty(params ReadOnlySpan<string?> values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }
}
