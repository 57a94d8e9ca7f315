// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>One backend's numbers in a run.</summary>
/// <param name="Backend">The backend.</param>
/// <param name="Started">Attempts started.</param>
/// <param name="Completed">Attempts completed.</param>
/// <param name="Failed">Attempts failed.</param>
/// <param name="Canceled">Attempts canceled.</param>
/// <param name="Deltas">Text chunks.</param>
/// <param name="Thinking">Thinking chunks.</param>
/// <param name="ToolCalls">Tool calls.</param>
/// <param name="TotalDurationMs">Stream duration of all attempts, in milliseconds.</param>
/// <param name="MaxDurationMs">The longest attempt, in milliseconds.</param>
/// <param name="InputTokens">Input tokens.</param>
/// <param name="OutputTokens">Output tokens.</param>
/// <param name="CostUsd">Cost in US dollars, when a backend reported it.</param>
public sealed record BackendStats(
    string Backend,
    int Started,
    int Completed,
    int Failed,
    int Canceled,
    int Deltas,
    int Thinking,
    int ToolCalls,
    double TotalDurationMs,
    double MaxDurationMs,
    long InputTokens,
    long OutputTokens,
    decimal? CostUsd);
