// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// The standalone retry utility (Layer 2). The high-level API applies it to each LLM call; users of the low-level
/// <see cref="LlmClient"/> compose it themselves: <c>await LlmRetry.ExecuteAsync(ct =&gt; client.CompleteAsync(request, ct), policy, ct)</c>.
/// </summary>
public static class LlmRetry
{
    /// <summary>Runs an operation, retrying it on retryable errors according to a policy.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="operation">The operation; it receives the cancellation token.</param>
    /// <param name="policy">The policy; null means <see cref="RetryPolicy.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the operation and any delay between attempts.</param>
    /// <returns>The operation's result.</returns>
    /// <exception cref="Exception">The last error when it is not retryable, the budget is spent, or <c>Retry-After</c> exceeds <see cref="RetryPolicy.MaxDelay"/>.</exception>
    public static Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> operation, RetryPolicy? policy = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(operation, policy, TimeProvider.System, cancellationToken);

    /// <summary>Runs an operation with retries, measuring delays on a given clock (tests pass a fake one).</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="operation">The operation; it receives the cancellation token.</param>
    /// <param name="policy">The policy; null means <see cref="RetryPolicy.Default"/>.</param>
    /// <param name="timeProvider">The clock the delays between attempts run on.</param>
    /// <param name="cancellationToken">Cancels the operation and any delay between attempts.</param>
    /// <returns>The operation's result.</returns>
    public static async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> operation, RetryPolicy? policy, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(timeProvider);
        policy ??= RetryPolicy.Default;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                if (NextDelay(policy, error, attempt) is not { } delay)
                {
                    throw;
                }

                policy.OnRetry?.Invoke(error, attempt + 1, delay);
                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Decides whether to retry after a failed attempt, and after how long.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="error">The error of the attempt.</param>
    /// <param name="attempt">The 0-based index of the failed attempt.</param>
    /// <returns>The delay, or null to give up and raise the error.</returns>
    internal static TimeSpan? NextDelay(RetryPolicy policy, Exception error, int attempt)
    {
        if (attempt >= policy.MaxRetries || !policy.IsRetryable(error))
        {
            return null;
        }

        if (error is ProviderException { RetryAfter: { } retryAfter })
        {
            // A provider asking for a longer wait than we are willing to sleep: fail now, the caller sees RetryAfter.
            return retryAfter <= policy.MaxDelay ? retryAfter : null;
        }

        return policy.GetDelay(attempt);
    }
}
