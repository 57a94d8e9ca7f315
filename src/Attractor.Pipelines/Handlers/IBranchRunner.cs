// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Handlers;

/// <summary>
/// Lets handlers run part of the graph through the engine: a parallel branch from its first node
/// up to (not including) the fan-in node where the branches converge.
/// </summary>
public interface IBranchRunner
{
    /// <summary>Runs nodes from <paramref name="startNodeId"/> until <paramref name="stopBeforeNodeId"/> (or an exit / dead end) with an isolated context.</summary>
    Task<BranchResult> RunBranchAsync(string startNodeId, string? stopBeforeNodeId, PipelineContext branchContext, string logsRoot, CancellationToken cancellationToken);
}
