// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Handlers;

/// <summary>One branch result as the fan-in handler ranks it (attractor-spec §4.9).</summary>
/// <param name="Id">The branch ID (its first node).</param>
/// <param name="Status">The branch's final status.</param>
/// <param name="Score">The branch context's <c>score</c>, when it had a numeric one.</param>
/// <param name="Notes">The branch outcome's notes.</param>
/// <param name="FailureReason">The branch outcome's failure reason.</param>
public sealed record FanInCandidate(string Id, StageStatus Status, double? Score, string Notes, string FailureReason);
