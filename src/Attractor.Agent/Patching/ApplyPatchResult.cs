// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Patching;

/// <summary>What a successful patch changed.</summary>
/// <param name="Files">The changed files, one per operation in patch order.</param>
/// <param name="Summary">The text the <c>apply_patch</c> tool returns to the model.</param>
public sealed record ApplyPatchResult(IReadOnlyList<PatchedFile> Files, string Summary);
