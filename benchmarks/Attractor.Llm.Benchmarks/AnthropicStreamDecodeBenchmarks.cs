// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using Attractor.Llm.FakeProvider;
using BenchmarkDotNet.Attributes;

namespace Attractor.Llm.Benchmarks;

/// <summary>
/// Decodes a generated ~2 MB Anthropic stream (<see cref="AnthropicStreamTranscript"/>) through
/// <see cref="AnthropicAdapter.StreamAsync"/>, from the fake server on 127.0.0.1 and from memory (an in-process
/// handler, so time and allocations are the adapter's alone), against a baseline that only reads the same bytes from
/// the fake server. The server sends the body in one write, so the difference to the baseline is the adapter's cost:
/// SSE parsing, UTF-8 JSON decoding, unified events and the accumulated response.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through [GlobalCleanup]; benchmark classes cannot be sealed.")]
[MemoryDiagnoser]
[Config(typeof(AnthropicStreamColumns))]
public class AnthropicStreamDecodeBenchmarks
{
    private static readonly Request Request = new() { Model = "claude-opus-4-6", Messages = [Message.User("Write a long story.")] };
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(AnthropicStreamTranscript.Text);

    private FakeProviderServer server = null!;
    private AnthropicAdapter adapter = null!;
    private AnthropicAdapter memoryAdapter = null!;
    private HttpClient http = null!;
    private Uri endpoint = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        server = await FakeProviderServer.StartAsync();
        var response = new FakeResponse { ContentType = "text/event-stream", RawBody = Body };
        server.Responder = _ => response;
        endpoint = new Uri(server.BaseUrl, "v1/messages");
        http = new HttpClient();
        adapter = new AnthropicAdapter(new AnthropicAdapterOptions { ApiKey = "sk-ant-benchmark", BaseUrl = new Uri(server.BaseUrl, "v1").ToString() });
        memoryAdapter = new AnthropicAdapter(new AnthropicAdapterOptions
        {
            ApiKey = "sk-ant-benchmark",
            BaseUrl = "http://in-memory.invalid/v1",
            HttpClient = new HttpClient(new InMemoryStreamHandler(Body)),
        });
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        adapter.Dispose();
        memoryAdapter.Dispose();
        http.Dispose();
        await server.DisposeAsync();
    }

    /// <summary>Reads the stream's bytes from the fake server without decoding: the transport's share.</summary>
    [Benchmark(Baseline = true)]
    public async Task<long> ReadBytesOnly()
    {
        using var content = new StringContent("{}");
        using var response = await http.PostAsync(endpoint, content);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>Streams from the fake server through the adapter: every unified event plus the final response.</summary>
    [Benchmark]
    public Task<int> AdapterStream() => ConsumeAsync(adapter);

    /// <summary>Streams from memory through the adapter: the adapter's own time and allocations.</summary>
    [Benchmark]
    public Task<int> AdapterStreamInMemory() => ConsumeAsync(memoryAdapter);

    private static async Task<int> ConsumeAsync(AnthropicAdapter source)
    {
        var events = 0;
        var textLength = 0;
        await foreach (var streamEvent in source.StreamAsync(Request))
        {
            events++;
            if (streamEvent.Type == StreamEventType.TextDelta)
            {
                textLength += streamEvent.Delta!.Length;
            }
            else if (streamEvent.Type == StreamEventType.Finish && streamEvent.Response!.Text.Length != textLength)
            {
                throw new InvalidOperationException("The deltas do not add up to the final text.");
            }
        }

        return events;
    }
}
