// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>Engine retries caused by one backend's failures of one category.</summary>
/// <param name="Backend">The backend (<c>none</c> when the stage asked for the retry itself).</param>
/// <param name="Category">The failure's category, or <c>outcome</c>.</param>
/// <param name="Count">How many.</param>
public sealed record RetryStats(string Backend, string Category, int Count);
