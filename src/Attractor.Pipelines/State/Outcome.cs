// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines;

/// <summary>What a handler returns (attractor-spec §5.2); drives routing and context updates.</summary>
/// <param name="Status">The stage status.</param>
public sealed record Outcome(StageStatus Status)
{
    private static readonly IReadOnlyDictionary<string, object?> NoUpdates = new Dictionary<string, object?>();

    /// <summary>Gets the edge label the stage prefers to follow, or the empty string.</summary>
    public string PreferredLabel { get; init; } = string.Empty;

    /// <summary>Gets explicit next node IDs, in preference order.</summary>
    public IReadOnlyList<string> SuggestedNextIds { get; init; } = [];

    /// <summary>Gets the values merged into the run context after the stage.</summary>
    public IReadOnlyDictionary<string, object?> ContextUpdates { get; init; } = NoUpdates;

    /// <summary>Gets a human-readable summary.</summary>
    public string Notes { get; init; } = string.Empty;

    /// <summary>Gets why the stage failed or asked for a retry, or the empty string.</summary>
    public string FailureReason { get; init; } = string.Empty;

    /// <summary>
    /// Gets whether the outcome stops the whole run, skipping failure routing: set by the engine for a
    /// pipeline error (Appendix D), e.g. a handler that hit an invalid pipeline at run time.
    /// </summary>
    internal bool EndsRun { get; init; }

    /// <summary>Creates a success outcome.</summary>
    public static Outcome Success(string notes = "") => new(StageStatus.Success) { Notes = notes };

    /// <summary>Creates a failure outcome.</summary>
    public static Outcome Fail(string failureReason) => new(StageStatus.Fail) { FailureReason = failureReason };

    /// <summary>Creates a retry request.</summary>
    public static Outcome Retry(string failureReason) => new(StageStatus.Retry) { FailureReason = failureReason };
}
