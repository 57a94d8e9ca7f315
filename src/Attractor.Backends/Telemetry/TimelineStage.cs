// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>One node of a <see cref="RunTimeline"/> (a node visited again, e.g. in a loop, keeps one entry).</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Outcome"><c>completed</c>, <c>failed</c>, <c>canceled</c> (its last attempt was canceled and the stage never ended) or <c>unfinished</c>.</param>
/// <param name="Retries">How often the engine retried it.</param>
/// <param name="Attempts">Its backend attempts (empty for stages that ran no backend).</param>
public sealed record TimelineStage(string NodeId, string Outcome, int Retries, IReadOnlyList<TimelineAttempt> Attempts)
{
    /// <inheritdoc />
    public bool Equals(TimelineStage? other) =>
        other is not null && NodeId == other.NodeId && Outcome == other.Outcome && Retries == other.Retries && Attempts.SequenceEqual(other.Attempts);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(NodeId, Outcome, Retries, Attempts.Count);
}
