// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Handlers;

/// <summary>The result of one parallel branch.</summary>
/// <param name="BranchId">The first node of the branch.</param>
/// <param name="Outcome">The outcome of the last node the branch ran.</param>
/// <param name="CompletedNodes">The nodes the branch ran, in order.</param>
/// <param name="Context">The branch's own context after it ran.</param>
public sealed record BranchResult(string BranchId, Outcome Outcome, IReadOnlyList<string> CompletedNodes, PipelineContext Context);
