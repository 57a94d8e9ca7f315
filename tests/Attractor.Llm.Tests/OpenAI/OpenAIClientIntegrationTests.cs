// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm.FakeProvider;
using static Attractor.Llm.Tests.OpenAI.OpenAITestSupport;

namespace Attractor.Llm.Tests.OpenAI;

public sealed class OpenAIClientIntegrationTests
{
    [Fact]
    public async Task The_client_routes_by_name_to_the_openai_and_compatible_adapters()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("responses-text.json")), FakeResponse.Json(Fixture("compat-chat.json")));
        using var client = new LlmClient(
            [Adapter(server), new OpenAICompatibleAdapter(new OpenAICompatibleAdapterOptions { BaseUrl = new Uri(server.BaseUrl, "v1").ToString(), Name = "ollama" })],
            "openai");

        var first = await client.CompleteAsync(Ask());
        var second = await client.CompleteAsync(Ask() with { Provider = "ollama" });

        Assert.Equal("openai", first.Provider);
        Assert.Equal("ollama", second.Provider);
        Assert.Equal(["/v1/responses", "/v1/chat/completions"], server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task A_slow_answer_beyond_the_request_limit_is_a_timeout()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("responses-text.json")) with { FirstByteDelay = TimeSpan.FromSeconds(5) });
        using var adapter = Adapter(server, new AdapterTimeout { Request = TimeSpan.FromMilliseconds(200) });

        var error = await Assert.ThrowsAsync<RequestTimeoutException>(() => adapter.CompleteAsync(Ask()));

        Assert.True(error.Retryable);
    }

    [Fact]
    public async Task A_stream_silent_beyond_the_read_limit_is_a_timeout_after_the_delivered_events()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("stream-tool-call.sse")) with { DelayBetweenEvents = TimeSpan.FromSeconds(5) });
        using var adapter = Adapter(server, new AdapterTimeout { StreamRead = TimeSpan.FromMilliseconds(300) });
        var events = new List<StreamEvent>();

        var error = await Assert.ThrowsAsync<RequestTimeoutException>(async () =>
        {
            await foreach (var item in adapter.StreamAsync(Ask()))
            {
                events.Add(item);
            }
        });

        Assert.Equal([StreamEventType.StreamStart, StreamEventType.Error], events.Select(e => e.Type));
        Assert.Same(error, events[^1].Error);
    }
}
