// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// How failed LLM calls are retried: exponential backoff with jitter, <c>Retry-After</c> honoured up to
/// <see cref="MaxDelay"/>. Only errors whose <see cref="LlmException.Retryable"/> is true are retried unless
/// <see cref="ShouldRetry"/> says otherwise.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Gets the defaults: 2 retries, 1 s base delay doubling up to 60 s, with jitter.</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>Gets a policy that never retries.</summary>
    public static RetryPolicy None { get; } = new() { MaxRetries = 0 };

    /// <summary>Gets the number of retries after the first attempt; 0 disables retrying.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>Gets the delay before the first retry (before jitter).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets the longest delay between attempts. A <c>Retry-After</c> longer than this is not waited for: the error
    /// is raised at once, with <see cref="ProviderException.RetryAfter"/> set.
    /// </summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets the factor the delay grows by per retry.</summary>
    public double BackoffMultiplier { get; init; } = 2.0;

    /// <summary>Gets whether each computed delay is multiplied by a random factor in [0.5, 1.5).</summary>
    public bool Jitter { get; init; } = true;

    /// <summary>Gets a callback invoked before each retry with the error, the retry number (1-based) and the delay.</summary>
    public Action<Exception, int, TimeSpan>? OnRetry { get; init; }

    /// <summary>
    /// Gets a predicate that replaces the default decision (retry <see cref="LlmException"/>s whose
    /// <see cref="LlmException.Retryable"/> is true). Cancellation is never retried.
    /// </summary>
    public Func<Exception, bool>? ShouldRetry { get; init; }

    /// <summary>Computes the backoff delay before retry number <paramref name="attempt"/> + 1.</summary>
    /// <param name="attempt">The 0-based index of the retry.</param>
    /// <returns><c>min(BaseDelay * BackoffMultiplier^attempt, MaxDelay)</c>, times a factor in [0.5, 1.5) with jitter.</returns>
    public TimeSpan GetDelay(int attempt) => GetDelay(attempt, Random.Shared.NextDouble());

    /// <summary>Computes the delay with a given random sample in [0, 1).</summary>
    internal TimeSpan GetDelay(int attempt, double sample)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var seconds = Math.Min(BaseDelay.TotalSeconds * Math.Pow(BackoffMultiplier, attempt), MaxDelay.TotalSeconds);
        if (Jitter)
        {
            seconds *= 0.5 + sample;
        }

        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Tells whether an error is retried under this policy (ignoring the retry budget).</summary>
    /// <param name="error">The error.</param>
    /// <returns>True when the error should be retried.</returns>
    public bool IsRetryable(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error is OperationCanceledException)
        {
            return false;
        }

        return ShouldRetry?.Invoke(error) ?? error is LlmException { Retryable: true };
    }
}
