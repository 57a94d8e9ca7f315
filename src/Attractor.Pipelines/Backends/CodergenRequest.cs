// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Pipelines.Handlers;

namespace Attractor.Pipelines.Backends;

/// <summary>What a backend receives: the node, the expanded prompt, the context and the session to use.</summary>
/// <param name="Node">The codergen node (model, provider and reasoning effort already resolved by the stylesheet).</param>
/// <param name="Prompt">The prompt after variable expansion.</param>
/// <param name="Context">The run context (read-only by convention; return updates in the outcome).</param>
/// <param name="Fidelity">Context fidelity and thread key.</param>
/// <param name="StageDirectory">Where the stage's artifacts go.</param>
public sealed record CodergenRequest(PipelineNode Node, string Prompt, PipelineContext Context, FidelityResolution Fidelity, string StageDirectory)
{
    /// <summary>
    /// Gets the pipeline the node belongs to (for graph-level settings such as <c>llm_backend</c>);
    /// the engine always sets it, a request built by hand may leave it null.
    /// </summary>
    public PipelineGraph? Graph { get; init; }
}
