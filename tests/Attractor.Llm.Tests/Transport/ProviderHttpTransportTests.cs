// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using Attractor.Llm.FakeProvider;

namespace Attractor.Llm.Tests.Transport;

public sealed class ProviderHttpTransportTests
{
    private const string Key = "sk-test-SECRET-0123456789";

    [Theory]
    [InlineData(400, typeof(InvalidRequestException), false)]
    [InlineData(401, typeof(AuthenticationException), false)]
    [InlineData(403, typeof(AccessDeniedException), false)]
    [InlineData(404, typeof(NotFoundException), false)]
    [InlineData(408, typeof(RequestTimeoutException), true)]
    [InlineData(409, typeof(ProviderException), true)]
    [InlineData(413, typeof(ContextLengthException), false)]
    [InlineData(422, typeof(InvalidRequestException), false)]
    [InlineData(425, typeof(ProviderException), true)]
    [InlineData(429, typeof(RateLimitException), true)]
    [InlineData(500, typeof(ServerException), true)]
    [InlineData(502, typeof(ServerException), true)]
    [InlineData(503, typeof(ServerException), true)]
    [InlineData(504, typeof(ServerException), true)]
    [InlineData(418, typeof(ProviderException), false)]
    public async Task Error_statuses_map_to_the_hierarchy_with_retryability(int status, Type expected, bool retryable)
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Error(status, """{"error":{"message":"boom","type":"some_error"}}"""));
        using var transport = new ProviderHttpTransport("openai", null, null, [Key]);

        var error = await Assert.ThrowsAnyAsync<LlmException>(() => SendAsync(transport, server));

        Assert.IsType(expected, error);
        Assert.Equal(retryable, error.Retryable);
        Assert.Contains("boom", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_after_is_read_and_the_key_never_appears_in_the_error()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Error(429, "{\"error\":{\"message\":\"Rate limited for key " + Key + "\",\"type\":\"rate_limit_error\"}}", retryAfter: "7"));
        using var transport = new ProviderHttpTransport("anthropic", null, null, [Key]);

        var error = await Assert.ThrowsAsync<RateLimitException>(() => SendAsync(transport, server));

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Equal("rate_limit_error", error.ErrorCode);
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Raw!.Value.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_connection_is_a_retryable_network_error()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Reset());
        using var transport = new ProviderHttpTransport("openai", null, null, [Key]);

        var error = await Assert.ThrowsAsync<NetworkException>(() => SendAsync(transport, server));

        Assert.True(error.Retryable);
    }

    [Fact]
    public async Task A_slow_first_byte_beyond_the_request_limit_is_a_timeout_not_a_cancellation()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json("{}") with { FirstByteDelay = TimeSpan.FromSeconds(5) });
        using var transport = new ProviderHttpTransport("openai", null, new AdapterTimeout { Request = TimeSpan.FromMilliseconds(200) }, [Key]);

        await Assert.ThrowsAsync<RequestTimeoutException>(() => SendAsync(transport, server));
    }

    [Fact]
    public async Task A_silent_stream_fails_with_a_timeout_after_the_stream_read_limit()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Sse([new SseEvent("a", "{}"), new SseEvent("b", "{}")]) with { DelayBetweenEvents = TimeSpan.FromSeconds(5) });
        using var transport = new ProviderHttpTransport("openai", null, new AdapterTimeout { StreamRead = TimeSpan.FromMilliseconds(300) }, [Key]);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUrl, "v1/responses")) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        await using var stream = await transport.OpenStreamAsync(request, CancellationToken.None);
        var names = new List<string>();

        await Assert.ThrowsAsync<RequestTimeoutException>(async () =>
        {
            await foreach (var item in stream.ReadAsync((type, _) => type))
            {
                names.Add(item.Data);
            }
        });

        Assert.Equal(["a"], names);
    }

    [Fact]
    public async Task A_stream_cut_mid_way_is_a_stream_error()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Sse([new SseEvent("a", "{}"), new SseEvent("b", "{}"), new SseEvent("c", "{}")]) with { CutAfterEvents = 1 });
        using var transport = new ProviderHttpTransport("openai", null, null, [Key]);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUrl, "v1/responses")) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        await using var stream = await transport.OpenStreamAsync(request, CancellationToken.None);

        await Assert.ThrowsAsync<StreamException>(async () =>
        {
            await foreach (var unused in stream.ReadAsync((type, _) => type))
            {
            }
        });
    }

    [Fact]
    public async Task Cancellation_surfaces_as_operation_canceled()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json("{}") with { FirstByteDelay = TimeSpan.FromSeconds(10) });
        using var transport = new ProviderHttpTransport("openai", null, null, [Key]);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUrl, "v1/responses")) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transport.SendAsync(request, cancel.Token));
    }

    private static async Task SendAsync(ProviderHttpTransport transport, FakeProviderServer server)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUrl, "v1/responses")) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        using var response = await transport.SendAsync(request, CancellationToken.None);
    }
}
