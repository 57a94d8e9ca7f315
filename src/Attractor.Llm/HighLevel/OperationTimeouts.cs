// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// The cancellation plumbing of one high-level call: the caller's token, the total timeout and per-step timeouts,
/// and the translation of an expired timer into <see cref="RequestTimeoutException"/>.
/// </summary>
internal sealed class OperationTimeouts : IDisposable
{
    private readonly TimeoutConfig? config;
    private readonly TimeProvider timeProvider;
    private readonly CancellationToken caller;
    private readonly CancellationTokenSource? total;
    private readonly CancellationTokenSource linked;

    public OperationTimeouts(TimeoutConfig? config, TimeProvider timeProvider, CancellationToken caller)
    {
        this.config = config;
        this.timeProvider = timeProvider;
        this.caller = caller;
        total = config?.Total is { } limit ? new CancellationTokenSource(Positive(limit, "Total"), timeProvider) : null;
        linked = CancellationTokenSource.CreateLinkedTokenSource(caller, total?.Token ?? CancellationToken.None);
    }

    /// <summary>Gets the token of the whole operation (caller or total timeout).</summary>
    public CancellationToken Token => linked.Token;

    public Step BeginStep()
    {
        Token.ThrowIfCancellationRequested();
        return config?.PerStep is { } limit
            ? new Step(new CancellationTokenSource(Positive(limit, "PerStep"), timeProvider), Token)
            : new Step(null, Token);
    }

    /// <summary>
    /// Returns the timeout error when a timer (not the caller) ended the work; null when the caller cancelled or
    /// no timer fired — the original exception then stands.
    /// </summary>
    public RequestTimeoutException? TimedOut(Step? step, Exception cause)
    {
        if (caller.IsCancellationRequested)
        {
            return null;
        }

        if (total?.IsCancellationRequested == true)
        {
            return new RequestTimeoutException($"The operation exceeded its total timeout of {config!.Total!.Value.TotalSeconds:0.###} s.", cause);
        }

        if (step?.Expired == true)
        {
            return new RequestTimeoutException($"An LLM call exceeded the per-step timeout of {config!.PerStep!.Value.TotalSeconds:0.###} s.", cause);
        }

        return null;
    }

    public void ThrowIfTimedOut(Step? step, Exception cause)
    {
        if (TimedOut(step, cause) is { } timeout)
        {
            throw timeout;
        }
    }

    public void Dispose()
    {
        linked.Dispose();
        total?.Dispose();
    }

    private static TimeSpan Positive(TimeSpan value, string name) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, "A timeout must be positive.");

    internal sealed class Step : IDisposable
    {
        private readonly CancellationTokenSource? timer;
        private readonly CancellationTokenSource? linked;

        public Step(CancellationTokenSource? timer, CancellationToken operation)
        {
            this.timer = timer;
            if (timer is null)
            {
                Token = operation;
            }
            else
            {
                linked = CancellationTokenSource.CreateLinkedTokenSource(operation, timer.Token);
                Token = linked.Token;
            }
        }

        public CancellationToken Token { get; }

        public bool Expired => timer?.IsCancellationRequested == true;

        public void Dispose()
        {
            linked?.Dispose();
            timer?.Dispose();
        }
    }
}
