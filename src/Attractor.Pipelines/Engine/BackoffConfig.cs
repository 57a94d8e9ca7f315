// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines;

/// <summary>How long to wait between attempts (attractor-spec §3.6 <c>BackoffConfig</c>).</summary>
/// <param name="InitialDelay">The delay before the first retry (default 200 ms).</param>
/// <param name="Factor">The multiplier for each further retry (default 2.0; 1.0 gives a constant delay).</param>
/// <param name="MaxDelay">The cap on a delay before jitter (default 60 s).</param>
/// <param name="Jitter">Whether each delay is multiplied by a random factor in [0.5, 1.5) (default true).</param>
public sealed record BackoffConfig(TimeSpan InitialDelay, double Factor, TimeSpan MaxDelay, bool Jitter)
{
    /// <summary>Gets the spec defaults: 200 ms, factor 2, at most 60 s, with jitter.</summary>
    public static BackoffConfig Default { get; } = new(TimeSpan.FromMilliseconds(200), 2.0, TimeSpan.FromSeconds(60), Jitter: true);

    /// <summary>Gets a configuration that never waits, e.g. for tests.</summary>
    public static BackoffConfig None { get; } = new(TimeSpan.Zero, 1.0, TimeSpan.Zero, Jitter: false);

    /// <summary>Gets the delay before retry number <paramref name="attempt"/> (1-based), jittered with <see cref="Random.Shared"/>.</summary>
    public TimeSpan DelayForAttempt(int attempt) => DelayForAttempt(attempt, Jitter ? Random.Shared.NextDouble() : 0.5);

    /// <summary>
    /// Gets the delay before retry number <paramref name="attempt"/> (1-based):
    /// <c>min(initial * factor^(attempt-1), max)</c>, times <c>0.5 + jitterSample</c> when jitter is on.
    /// </summary>
    /// <param name="attempt">The 1-based retry number.</param>
    /// <param name="jitterSample">A sample in [0, 1); ignored without jitter. Passing it makes the delay deterministic.</param>
    public TimeSpan DelayForAttempt(int attempt, double jitterSample)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var milliseconds = InitialDelay.TotalMilliseconds * Math.Pow(Factor, attempt - 1);
        milliseconds = Math.Min(milliseconds, MaxDelay.TotalMilliseconds);
        if (Jitter)
        {
            milliseconds *= 0.5 + Math.Clamp(jitterSample, 0.0, 1.0);
        }

        // Infinity or NaN from a silly factor must not reach Task.Delay.
        return double.IsFinite(milliseconds) && milliseconds > 0 ? TimeSpan.FromMilliseconds(milliseconds) : TimeSpan.Zero;
    }
}
