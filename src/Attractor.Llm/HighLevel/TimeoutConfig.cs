// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// Time limits of a high-level call. Exceeding one raises <see cref="RequestTimeoutException"/>, which is distinct
/// from caller cancellation (<see cref="OperationCanceledException"/>).
/// </summary>
public sealed record TimeoutConfig
{
    /// <summary>Gets the limit for the whole operation: every step, retry, backoff delay and tool execution.</summary>
    public TimeSpan? Total { get; init; }

    /// <summary>
    /// Gets the limit for each step's LLM call, including that call's retries and backoff delays (a step that
    /// runs out of time is not retried). For streams it covers the step until its last event.
    /// </summary>
    public TimeSpan? PerStep { get; init; }

    /// <summary>Converts a duration to a total timeout.</summary>
    /// <param name="total">The total timeout.</param>
    public static implicit operator TimeoutConfig(TimeSpan total) => FromTimeSpan(total);

    /// <summary>Creates a total timeout.</summary>
    /// <param name="total">The total timeout.</param>
    /// <returns>The configuration.</returns>
    public static TimeoutConfig FromTimeSpan(TimeSpan total) => new() { Total = total };
}
