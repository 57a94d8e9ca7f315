// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Handlers;

namespace Attractor.Pipelines.Tests.Handlers;

/// <summary>A branch runner the handlers under test must not use.</summary>
internal sealed class NoBranchRunner : IBranchRunner
{
    public static NoBranchRunner Instance { get; } = new();

    public Task<BranchResult> RunBranchAsync(string startNodeId, string? stopBeforeNodeId, PipelineContext branchContext, string logsRoot, CancellationToken cancellationToken) =>
        throw new NotSupportedException("These handlers do not run branches.");
}
