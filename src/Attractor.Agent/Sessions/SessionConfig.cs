// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>Limits and switches of a <see cref="Session"/> (spec §2.2).</summary>
public sealed record SessionConfig
{
    /// <summary>Gets the maximum number of model calls across the whole session; 0 means unlimited.</summary>
    public int MaxTurns { get; init; }

    /// <summary>Gets the maximum number of tool rounds for one user input; 0 means unlimited.</summary>
    public int MaxToolRoundsPerInput { get; init; }

    /// <summary>Gets the initial reasoning effort ("low", "medium", "high") or null for the provider default.</summary>
    public string? ReasoningEffort { get; init; }

    /// <summary>Gets a value indicating whether model calls stream, emitting text deltas as they arrive (spec §2.9); false uses single-shot calls.</summary>
    public bool Streaming { get; init; } = true;

    /// <summary>Gets the retry policy for transient provider errors (429, 5xx, network); null uses <see cref="Attractor.Llm.RetryPolicy.Default"/>. A stream is retried only until its first text delta.</summary>
    public Attractor.Llm.RetryPolicy? RetryPolicy { get; init; }

    /// <summary>Gets the truncation limits applied to tool output before it is sent to the model.</summary>
    public ToolOutputLimits ToolOutputLimits { get; init; } = ToolOutputLimits.Default;

    /// <summary>Gets a value indicating whether repeating tool-call patterns are detected (spec §2.10).</summary>
    public bool EnableLoopDetection { get; init; } = true;

    /// <summary>Gets the number of most recent tool calls inspected for a repeating pattern.</summary>
    public int LoopDetectionWindow { get; init; } = 10;

    /// <summary>Gets the model's context window in tokens; null looks the model up in <see cref="Attractor.Llm.ModelCatalog.Default"/>.</summary>
    public int? ContextWindowSize { get; init; }

    /// <summary>Gets how deep subagents may nest (spec §7.3): 1 lets a session spawn subagents that cannot spawn their own; 0 disables spawning.</summary>
    public int MaxSubagentDepth { get; init; } = 1;
}
