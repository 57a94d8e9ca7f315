// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>Failed attempts of one backend with one category.</summary>
/// <param name="Backend">The backend.</param>
/// <param name="Category">The category (<c>auth</c>, <c>provider</c>, ...).</param>
/// <param name="Retryable">Whether they were retryable.</param>
/// <param name="Count">How many.</param>
public sealed record FailureStats(string Backend, string Category, bool Retryable, int Count);
