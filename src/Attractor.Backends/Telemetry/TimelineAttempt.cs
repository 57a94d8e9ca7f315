// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>How one backend attempt of a stage ended.</summary>
/// <param name="Attempt">The 1-based attempt number.</param>
/// <param name="Backend">The backend.</param>
/// <param name="End"><c>completed</c>, <c>failed</c>, <c>canceled</c>, or <c>unfinished</c> when no terminal event was recorded.</param>
/// <param name="Detail">The failure's category (<c>provider</c>, ...) or the cancel result (<c>ok</c>, ...); null otherwise.</param>
public sealed record TimelineAttempt(int Attempt, string Backend, string End, string? Detail);
