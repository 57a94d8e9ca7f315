// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm.Tests.HighLevel;

namespace Attractor.Llm.Tests.Retry;

public sealed class LlmRetryTests
{
    [Fact]
    public async Task Backoff_delays_grow_per_attempt_within_the_jitter_bounds()
    {
        var clock = new InstantTimeProvider();
        var policy = new RetryPolicy { MaxRetries = 4 };
        var attempts = 0;

        await Assert.ThrowsAsync<ServerException>(() => LlmRetry.ExecuteAsync<int>(_ =>
        {
            attempts++;
            throw Fake.Server();
        }, policy, clock));

        Assert.Equal(5, attempts);
        var delays = clock.Delays;
        Assert.Equal(4, delays.Count);
        for (var n = 0; n < 4; n++)
        {
            var nominal = Math.Pow(2, n);
            Assert.InRange(delays[n].TotalSeconds, 0.5 * nominal, 1.5 * nominal);
        }
    }

    [Fact]
    public void The_delay_formula_is_min_of_exponential_and_max_times_the_jitter_factor()
    {
        var policy = new RetryPolicy();
        Assert.Equal([0.5, 1.0, 2.0, 4.0, 8.0], Enumerable.Range(0, 5).Select(n => policy.GetDelay(n, 0.0).TotalSeconds));
        Assert.Equal([1.5, 3.0, 6.0], Enumerable.Range(0, 3).Select(n => Math.Round(policy.GetDelay(n, 1.0).TotalSeconds, 9)));

        var capped = new RetryPolicy { BaseDelay = TimeSpan.FromSeconds(10), BackoffMultiplier = 10, MaxDelay = TimeSpan.FromSeconds(60), Jitter = false };
        Assert.Equal([10.0, 60.0, 60.0], Enumerable.Range(0, 3).Select(n => capped.GetDelay(n).TotalSeconds));
    }

    [Fact]
    public async Task Without_jitter_the_delays_are_exactly_base_times_multiplier_to_the_n()
    {
        var clock = new InstantTimeProvider();
        var policy = new RetryPolicy { MaxRetries = 3, Jitter = false, BaseDelay = TimeSpan.FromMilliseconds(250), BackoffMultiplier = 3 };

        await Assert.ThrowsAsync<ServerException>(() => LlmRetry.ExecuteAsync<int>(_ => throw Fake.Server(), policy, clock));

        Assert.Equal([250.0, 750.0, 2250.0], clock.Delays.Select(d => d.TotalMilliseconds));
    }

    [Fact]
    public async Task Retry_after_within_max_delay_replaces_the_backoff()
    {
        var clock = new InstantTimeProvider();
        var attempts = 0;

        var value = await LlmRetry.ExecuteAsync(_ => ++attempts == 1 ? throw Fake.RateLimit(TimeSpan.FromSeconds(7)) : Task.FromResult(42), new RetryPolicy(), clock);

        Assert.Equal(42, value);
        Assert.Equal([TimeSpan.FromSeconds(7)], clock.Delays);
    }

    [Fact]
    public async Task Retry_after_beyond_max_delay_is_raised_at_once_with_retry_after_set()
    {
        var clock = new InstantTimeProvider();
        var attempts = 0;

        var error = await Assert.ThrowsAsync<RateLimitException>(() => LlmRetry.ExecuteAsync<int>(_ =>
        {
            attempts++;
            throw Fake.RateLimit(TimeSpan.FromSeconds(120));
        }, new RetryPolicy { MaxDelay = TimeSpan.FromSeconds(60) }, clock));

        Assert.Equal(1, attempts);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Empty(clock.Delays);
    }

    [Fact]
    public async Task Max_retries_zero_makes_a_single_attempt()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<RateLimitException>(() => LlmRetry.ExecuteAsync<int>(_ =>
        {
            attempts++;
            throw Fake.RateLimit();
        }, RetryPolicy.None, new InstantTimeProvider()));

        Assert.Equal(1, attempts);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(400)]
    public async Task Non_retryable_errors_are_raised_immediately(int status)
    {
        var adapter = new ScriptedAdapter().Throw(status switch
        {
            401 => new AuthenticationException(Fake.Details(401)),
            403 => new AccessDeniedException(Fake.Details(403)),
            404 => new NotFoundException(Fake.Details(404)),
            _ => new InvalidRequestException(Fake.Details(400)),
        });
        using var client = new LlmClient([adapter], "scripted");
        var clock = new InstantTimeProvider();

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", TimeProvider = clock }));

        Assert.Equal(status, error.StatusCode);
        Assert.Single(adapter.Requests);
        Assert.Empty(clock.Delays);
    }

    [Fact]
    public async Task Rate_limits_are_retried_transparently_by_generate()
    {
        var adapter = new ScriptedAdapter().Throw(Fake.RateLimit(TimeSpan.FromSeconds(2))).Throw(Fake.RateLimit()).Respond(Fake.Text("finally"));
        using var client = new LlmClient([adapter], "scripted");
        var clock = new InstantTimeProvider();

        var result = await Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", TimeProvider = clock });

        Assert.Equal("finally", result.Text);
        Assert.Equal(3, adapter.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(2), clock.Delays[0]);
        Assert.InRange(clock.Delays[1].TotalSeconds, 1.0, 3.0);
    }

    [Fact]
    public async Task Generate_gives_up_after_max_retries_and_raises_the_last_error()
    {
        var adapter = new ScriptedAdapter().Throw(Fake.Server()).Throw(Fake.Server()).Throw(Fake.Server()).Respond(Fake.Text("too late"));
        using var client = new LlmClient([adapter], "scripted");

        await Assert.ThrowsAsync<ServerException>(() => Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", TimeProvider = new InstantTimeProvider() }));

        Assert.Equal(3, adapter.Requests.Count);
    }

    [Fact]
    public async Task Generate_with_max_retries_zero_does_not_retry()
    {
        var adapter = new ScriptedAdapter().Throw(Fake.Server()).Respond(Fake.Text("unused"));
        using var client = new LlmClient([adapter], "scripted");

        await Assert.ThrowsAsync<ServerException>(() => Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", MaxRetries = 0 }));

        Assert.Single(adapter.Requests);
    }

    [Fact]
    public async Task Retries_apply_per_step_and_never_repeat_earlier_steps()
    {
        var executed = 0;
        var tool = Tool.Create("echo", "e", """{"type":"object"}""", (_, _) =>
        {
            Interlocked.Increment(ref executed);
            return ValueTask.FromResult<object?>("echoed");
        });
        var adapter = new ScriptedAdapter()
            .Respond(Fake.Calls(("c1", "echo", "{}")))
            .Throw(Fake.Server())
            .Throw(Fake.RateLimit())
            .Respond(Fake.Text("done"));
        using var client = new LlmClient([adapter], "scripted");

        var result = await Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", Tools = [tool], TimeProvider = new InstantTimeProvider() });

        Assert.Equal("done", result.Text);
        Assert.Equal(1, executed);
        Assert.Equal(2, result.Steps.Count);
        var requests = adapter.Requests;
        Assert.Equal(4, requests.Count);
        Assert.Single(requests[0].Messages);
        Assert.All(requests.Skip(1), r => Assert.Equal(3, r.Messages.Count));
    }

    [Fact]
    public async Task On_retry_is_told_the_error_the_retry_number_and_the_delay()
    {
        var calls = new List<(Exception Error, int Attempt, TimeSpan Delay)>();
        var policy = new RetryPolicy { Jitter = false, OnRetry = (e, n, d) => calls.Add((e, n, d)) };
        var attempts = 0;

        await LlmRetry.ExecuteAsync(_ => ++attempts <= 2 ? throw Fake.Server() : Task.FromResult(0), policy, new InstantTimeProvider());

        Assert.Equal([1, 2], calls.Select(c => c.Attempt));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], calls.Select(c => c.Delay));
        Assert.All(calls, c => Assert.IsType<ServerException>(c.Error));
    }

    [Fact]
    public async Task Should_retry_overrides_the_retryable_flag()
    {
        var attempts = 0;
        var policy = new RetryPolicy { ShouldRetry = e => e is AuthenticationException };

        await LlmRetry.ExecuteAsync(_ => ++attempts == 1 ? throw Fake.Unauthorized() : Task.FromResult(0), policy, new InstantTimeProvider());
        Assert.Equal(2, attempts);

        attempts = 0;
        await Assert.ThrowsAsync<ServerException>(() => LlmRetry.ExecuteAsync<int>(_ =>
        {
            attempts++;
            throw Fake.Server();
        }, policy, new InstantTimeProvider()));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Errors_outside_the_library_are_not_retried_by_default()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => LlmRetry.ExecuteAsync<int>(_ =>
        {
            attempts++;
            throw new InvalidOperationException("bug");
        }, RetryPolicy.Default, new InstantTimeProvider()));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Cancellation_during_the_backoff_delay_stops_retrying()
    {
        using var cts = new CancellationTokenSource();
        var attempts = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LlmRetry.ExecuteAsync<int>(_ =>
        {
            attempts++;
            throw Fake.Server();
        }, new RetryPolicy { BaseDelay = TimeSpan.FromHours(1), OnRetry = (_, _, _) => cts.Cancel() }, cts.Token));

        Assert.Equal(1, attempts);
    }
}
