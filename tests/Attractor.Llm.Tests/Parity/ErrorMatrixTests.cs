// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm.FakeProvider;

namespace Attractor.Llm.Tests.Parity;

/// <summary>
/// The error matrix of issue 5, for every provider through <see cref="Llm.GenerateAsync"/> with two retries: the error
/// type, its retryability, how many attempts reached the server, and no retry once stream data was delivered.
/// </summary>
public sealed class ErrorMatrixTests
{
    private static readonly RetryPolicy FastRetries = new() { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(1), Jitter = false };

    public static TheoryData<string, int, string, bool> StatusCases()
    {
        var cases = new TheoryData<string, int, string, bool>();
        (int Status, Type Error, bool Retryable)[] table =
        [
            (400, typeof(InvalidRequestException), false),
            (401, typeof(AuthenticationException), false),
            (403, typeof(AccessDeniedException), false),
            (404, typeof(NotFoundException), false),
            (408, typeof(RequestTimeoutException), true),
            (409, typeof(ProviderException), true),
            (413, typeof(ContextLengthException), false),
            (422, typeof(InvalidRequestException), false),
            (425, typeof(ProviderException), true),
            (429, typeof(RateLimitException), true),
            (500, typeof(ServerException), true),
            (502, typeof(ServerException), true),
            (503, typeof(ServerException), true),
            (504, typeof(ServerException), true),
        ];
        foreach (var provider in new[] { "openai", "anthropic", "gemini" })
        {
            foreach (var (status, error, retryable) in table)
            {
                // Gemini pairs 409 with ABORTED and 408 with DEADLINE_EXCEEDED: the status decides, the gRPC name agrees.
                cases.Add(provider, status, error.Name, retryable);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(StatusCases))]
    public async Task Each_status_maps_to_its_error_and_is_retried_only_when_retryable(string provider, int status, string errorType, bool retryable)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        for (var i = 0; i < 3; i++)
        {
            server.Enqueue(FakeResponse.Error(status, wire.ErrorBody(status, "simulated failure " + status), retryAfter: status == 429 ? "0" : null));
        }

        var error = await Assert.ThrowsAnyAsync<LlmException>(() => Llm.GenerateAsync(Options(wire, client)));

        Assert.Equal(errorType, error.GetType().Name);
        Assert.Equal(retryable, error.Retryable);
        Assert.Equal(retryable ? 3 : 1, server.Requests.Count);
        Assert.DoesNotContain(ProviderWire.Key, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("gemini")]
    public async Task A_rate_limit_with_retry_after_is_retried_and_then_succeeds(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        server.Enqueue(FakeResponse.Error(429, wire.ErrorBody(429, "slow down"), retryAfter: "0.01"), wire.Text("done", new WireUsage(2, 1)));
        var delays = new List<TimeSpan>();

        var result = await Llm.GenerateAsync(Options(wire, client) with { RetryPolicy = FastRetries with { OnRetry = (_, _, delay) => delays.Add(delay) } });

        Assert.Equal("done", result.Text);
        Assert.Equal([TimeSpan.FromMilliseconds(10)], delays);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("gemini")]
    public async Task Malformed_json_is_a_retryable_network_error(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        server.Enqueue(FakeResponse.Json("{\"id\": \"resp_1\", \"output\": [tru"), FakeResponse.Json("<html>502 Bad Gateway</html>"), FakeResponse.Json("{"));

        var error = await Assert.ThrowsAsync<NetworkException>(() => Llm.GenerateAsync(Options(wire, client)));

        Assert.True(error.Retryable);
        Assert.Equal(3, server.Requests.Count);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("gemini")]
    public async Task A_reset_connection_is_retried_and_can_recover(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        server.Enqueue(FakeResponse.Reset(), wire.Text("recovered", new WireUsage(2, 1)));

        var result = await Llm.GenerateAsync(Options(wire, client));

        Assert.Equal("recovered", result.Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("gemini")]
    public async Task A_stream_cut_after_data_was_delivered_is_never_retried(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        server.Enqueue(wire.StreamText(["one ", "two ", "three ", "four ", "five"], new WireUsage(5, 5)) with { CutAfterEvents = 4 }, wire.Text("must not be requested", new WireUsage(1, 1)));

        var stream = Llm.StreamAsync(Options(wire, client));
        var events = new List<StreamEvent>();
        var error = await Assert.ThrowsAsync<StreamException>(async () =>
        {
            await foreach (var item in stream)
            {
                events.Add(item);
            }
        });

        Assert.Contains(events, e => e.Type == StreamEventType.TextDelta);
        Assert.Equal(StreamEventType.Error, events[^1].Type);
        Assert.Single(server.Requests);
        Assert.True(error.Retryable);
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    [InlineData("gemini")]
    public async Task A_stream_refused_before_any_data_is_retried(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        server.Enqueue(FakeResponse.Error(503, wire.ErrorBody(503, "overloaded")), wire.StreamText(["fine"], new WireUsage(1, 1)));

        var response = await Llm.StreamAsync(Options(wire, client)).ResponseAsync();

        Assert.Equal("fine", response.Text);
        Assert.Equal(2, server.Requests.Count);
    }

    private static async Task<(ProviderWire Wire, FakeProviderServer Server, LlmClient Client)> StartAsync(string provider)
    {
        ProviderWire wire = provider switch
        {
            "openai" => new OpenAIParityWire(),
            "anthropic" => new AnthropicParityWire(),
            _ => new GeminiParityWire(),
        };
        var server = await FakeProviderServer.StartAsync();
        return (wire, server, new LlmClient([wire.CreateAdapter(server)], wire.Name));
    }

    private static GenerateOptions Options(ProviderWire wire, LlmClient client) =>
        new() { Model = wire.Model, Client = client, Prompt = "test", RetryPolicy = FastRetries };
}
