// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Handlers;

/// <summary>The context fidelity for a node's LLM session and, under <c>full</c>, the thread to reuse (§5.4).</summary>
/// <param name="Mode">One of full, truncate, compact, summary:low, summary:medium, summary:high.</param>
/// <param name="ThreadKey">The session key under <c>full</c> fidelity; null otherwise.</param>
public sealed record FidelityResolution(string Mode, string? ThreadKey)
{
    /// <summary>Gets the runtime default: <c>compact</c>, no thread.</summary>
    public static FidelityResolution Default { get; } = new("compact", null);
}
