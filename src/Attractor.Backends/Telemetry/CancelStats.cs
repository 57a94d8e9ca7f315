// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>Canceled attempts of one backend with one cancel result.</summary>
/// <param name="Backend">The backend.</param>
/// <param name="Result"><c>ok</c>, <c>not_available</c> or <c>failed</c>.</param>
/// <param name="Count">How many.</param>
/// <param name="AverageLatencyMs">Mean time from the cancel request to the canceled event, when recorded.</param>
/// <param name="MaxLatencyMs">The longest of those.</param>
public sealed record CancelStats(string Backend, string Result, int Count, double? AverageLatencyMs, double? MaxLatencyMs);
