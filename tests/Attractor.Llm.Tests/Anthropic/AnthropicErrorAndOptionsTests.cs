// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm.FakeProvider;
using static Attractor.Llm.Tests.Anthropic.AnthropicTestSupport;

namespace Attractor.Llm.Tests.Anthropic;

public sealed class AnthropicErrorAndOptionsTests
{
    [Fact]
    public async Task An_invalid_key_is_a_non_retryable_authentication_error_that_never_shows_the_key()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Error(401, Fixture("error_401.json").Replace("invalid x-api-key", "invalid x-api-key " + Key, StringComparison.Ordinal)));
        using var adapter = CreateAdapter(server);

        var error = await Assert.ThrowsAsync<AuthenticationException>(() => adapter.CompleteAsync(Ask()));

        Assert.False(error.Retryable);
        Assert.Equal(401, error.StatusCode);
        Assert.Equal("authentication_error", error.ErrorCode);
        Assert.Equal("anthropic", error.Provider);
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Raw!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_limit_is_retryable_and_carries_retry_after()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Error(429, Fixture("error_429.json"), retryAfter: "7"));
        using var adapter = CreateAdapter(server);

        var error = await Assert.ThrowsAsync<RateLimitException>(() => adapter.CompleteAsync(Ask()));

        Assert.True(error.Retryable);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Equal("rate_limit_error", error.ErrorCode);
        Assert.Contains("rate limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overloaded_529_is_a_retryable_server_error()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Error(529, Fixture("error_529.json")));
        using var adapter = CreateAdapter(server);

        var error = await Assert.ThrowsAsync<ServerException>(() => adapter.CompleteAsync(Ask()));

        Assert.True(error.Retryable);
        Assert.Equal(529, error.StatusCode);
        Assert.Equal("overloaded_error", error.ErrorCode);
    }

    [Fact]
    public async Task A_too_long_prompt_is_a_context_length_error()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Error(400, Fixture("error_400_prompt_too_long.json")));
        using var adapter = CreateAdapter(server);

        var error = await Assert.ThrowsAsync<ContextLengthException>(() => adapter.CompleteAsync(Ask()));

        Assert.False(error.Retryable);
    }

    [Fact]
    public void The_key_is_never_printed_by_the_options_or_the_adapter()
    {
        var options = new AnthropicAdapterOptions { ApiKey = Key };
        using var adapter = new AnthropicAdapter(options);

        Assert.DoesNotContain(Key, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, adapter.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_have_the_documented_defaults()
    {
        var options = new AnthropicAdapterOptions { ApiKey = Key };

        Assert.Equal("https://api.anthropic.com/v1", options.BaseUrl);
        Assert.Equal("2023-06-01", options.ApiVersion);
        Assert.True(options.AutoCache);
        Assert.Null(options.Timeout);
        Assert.Null(options.HttpClient);
    }

    [Fact]
    public void From_environment_needs_the_key()
    {
        Assert.Null(AnthropicAdapter.FromEnvironment(_ => null));
        Assert.Null(AnthropicAdapter.FromEnvironment(name => name == "ANTHROPIC_API_KEY" ? " " : null));
    }

    [Fact]
    public async Task From_environment_uses_the_key_and_base_url()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("text.json")));
        var environment = new Dictionary<string, string>
        {
            ["ANTHROPIC_API_KEY"] = Key,
            ["ANTHROPIC_BASE_URL"] = new Uri(server.BaseUrl, "proxy/v1/").ToString(),
        };
        using var adapter = AnthropicAdapter.FromEnvironment(name => environment.GetValueOrDefault(name));

        Assert.NotNull(adapter);
        Assert.Equal("anthropic", adapter.Name);
        await adapter.CompleteAsync(Ask());
        var sent = Assert.Single(server.Requests);
        Assert.Equal("/proxy/v1/messages", sent.Path);
        Assert.Equal(Key, sent.Header("x-api-key"));
    }

    [Fact]
    public void A_missing_key_or_a_relative_base_url_is_a_configuration_error()
    {
        Assert.Throws<ConfigurationException>(() => new AnthropicAdapter(new AnthropicAdapterOptions { ApiKey = "" }));
        var error = Assert.Throws<ConfigurationException>(() => new AnthropicAdapter(new AnthropicAdapterOptions { ApiKey = Key, BaseUrl = "api/v1" }));
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_api_version_is_sent()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("text.json")));
        using var adapter = new AnthropicAdapter(new AnthropicAdapterOptions { ApiKey = Key, BaseUrl = new Uri(server.BaseUrl, "v1").ToString(), ApiVersion = "2024-01-01" });

        await adapter.CompleteAsync(Ask());

        Assert.Equal("2024-01-01", Assert.Single(server.Requests).Header("anthropic-version"));
    }

    [Fact]
    public async Task A_caller_supplied_http_client_is_used_and_not_disposed()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("text.json")), FakeResponse.Json(Fixture("text.json")));
        using var http = new HttpClient();
        using (var adapter = new AnthropicAdapter(new AnthropicAdapterOptions { ApiKey = Key, BaseUrl = new Uri(server.BaseUrl, "v1").ToString(), HttpClient = http }))
        {
            await adapter.CompleteAsync(Ask());
        }

        using var response = await http.PostAsync(new Uri(server.BaseUrl, "v1/messages"), new StringContent("{}"));
        Assert.True(response.IsSuccessStatusCode);
    }
}
