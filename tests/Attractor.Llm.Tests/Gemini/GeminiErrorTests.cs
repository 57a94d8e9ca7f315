// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm.FakeProvider;
using static Attractor.Llm.Tests.Gemini.GeminiTestSupport;

namespace Attractor.Llm.Tests.Gemini;

public sealed class GeminiErrorTests
{
    private static async Task<LlmException> FailAsync(FakeResponse answer)
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(answer);
        using var adapter = CreateAdapter(server);
        return await Assert.ThrowsAnyAsync<LlmException>(() => adapter.CompleteAsync(Ask("Hi")));
    }

    [Theory]
    [InlineData(400, "error-400-invalid-argument.json", typeof(InvalidRequestException), false, "INVALID_ARGUMENT")]
    [InlineData(400, "error-400-api-key-invalid.json", typeof(AuthenticationException), false, "INVALID_ARGUMENT")]
    [InlineData(401, "error-401-unauthenticated.json", typeof(AuthenticationException), false, "UNAUTHENTICATED")]
    [InlineData(403, "error-403-permission-denied.json", typeof(AccessDeniedException), false, "PERMISSION_DENIED")]
    [InlineData(404, "error-404-not-found.json", typeof(NotFoundException), false, "NOT_FOUND")]
    [InlineData(429, "error-429-plain.json", typeof(RateLimitException), true, "RESOURCE_EXHAUSTED")]
    [InlineData(500, "error-500-internal.json", typeof(ServerException), true, "INTERNAL")]
    [InlineData(503, "error-503-unavailable.json", typeof(ServerException), true, "UNAVAILABLE")]
    public async Task Gemini_error_bodies_map_to_the_hierarchy(int status, string fixture, Type expected, bool retryable, string code)
    {
        var error = await FailAsync(FakeResponse.Error(status, Fixture(fixture)));

        Assert.IsType(expected, error);
        Assert.Equal(retryable, error.Retryable);
        var provider = Assert.IsAssignableFrom<ProviderException>(error);
        Assert.Equal("gemini", provider.Provider);
        Assert.Equal(status, provider.StatusCode);
        Assert.Equal(code, provider.ErrorCode);
        Assert.Equal(status, provider.Raw!.Value.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains(Json(Fixture(fixture)).GetProperty("error").GetProperty("message").GetString()!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streaming_maps_the_same_errors()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Error(404, Fixture("error-404-not-found.json")));
        using var adapter = CreateAdapter(server);

        await Assert.ThrowsAsync<NotFoundException>(() => CollectAsync(adapter.StreamAsync(Ask("Hi", "gemini-nonexistent-xyz"))));
    }

    [Fact]
    public async Task A_429_with_retry_info_is_a_retryable_rate_limit_with_its_delay()
    {
        // "You exceeded your current quota" is also what Gemini says about per-minute limits; the RetryInfo tells them apart.
        var error = await FailAsync(FakeResponse.Error(429, Fixture("error-429-resource-exhausted.json")));

        var rateLimit = Assert.IsType<RateLimitException>(error);
        Assert.True(rateLimit.Retryable);
        Assert.Equal(TimeSpan.FromSeconds(37), rateLimit.RetryAfter);
        Assert.Equal("RESOURCE_EXHAUSTED", rateLimit.ErrorCode);
    }

    [Fact]
    public async Task A_retry_after_header_wins_over_the_body_delay()
    {
        var error = await FailAsync(FakeResponse.Error(429, Fixture("error-429-resource-exhausted.json"), retryAfter: "5"));

        Assert.Equal(TimeSpan.FromSeconds(5), Assert.IsType<RateLimitException>(error).RetryAfter);
    }

    [Fact]
    public async Task A_429_quota_message_without_retry_info_stays_a_quota_error()
    {
        const string body = """{"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details.","status":"RESOURCE_EXHAUSTED"}}""";

        var error = await FailAsync(FakeResponse.Error(429, body));

        Assert.IsType<QuotaExceededException>(error);
        Assert.False(error.Retryable);
    }

    [Fact]
    public async Task The_key_never_appears_in_errors_even_when_echoed_back()
    {
        var body = """{"error":{"code":400,"message":"API key not valid: KEY. Please pass a valid API key.","status":"INVALID_ARGUMENT"}}""".Replace("KEY", Key, StringComparison.Ordinal);

        var error = await FailAsync(FakeResponse.Error(400, body));

        Assert.IsType<AuthenticationException>(error);
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, ((ProviderException)error).Raw!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_network_failure_does_not_reveal_the_key()
    {
        var error = await FailAsync(FakeResponse.Reset());

        Assert.IsType<NetworkException>(error);
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_and_adapter_never_print_the_key()
    {
        var options = new GeminiAdapterOptions { ApiKey = Key, DefaultHeaders = new Dictionary<string, string> { ["x-a"] = "b" } };
        using var adapter = new GeminiAdapter(options);

        Assert.DoesNotContain(Key, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("generativelanguage.googleapis.com", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, adapter.ToString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_answer_is_a_request_timeout()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("text-response.json")) with { FirstByteDelay = TimeSpan.FromSeconds(5) });
        using var adapter = CreateAdapter(server, new AdapterTimeout { Request = TimeSpan.FromMilliseconds(200) });

        var error = await Assert.ThrowsAsync<RequestTimeoutException>(() => adapter.CompleteAsync(Ask("Hi")));
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
    }
}
