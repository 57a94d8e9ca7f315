// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm.FakeProvider;
using BenchmarkDotNet.Attributes;

namespace Attractor.Llm.Benchmarks;

/// <summary>
/// Decodes a generated ~2 MB Gemini stream (<see cref="GeminiStreamTranscript"/>) through
/// <see cref="GeminiAdapter.StreamAsync"/> from the fake server on 127.0.0.1, against a baseline that only reads the
/// same bytes over the same HTTP connection. The difference is the adapter's cost: SSE parsing, one pooled
/// <c>JsonDocument</c> per chunk, unified events and the accumulated response.
/// </summary>
#pragma warning disable CA1001 // The disposables live from [GlobalSetup] to [GlobalCleanup], which disposes them.
[MemoryDiagnoser]
[Config(typeof(GeminiStreamColumns))]
public class GeminiStreamDecodeBenchmarks
{
    private static readonly Request Request = new() { Model = "gemini-3-flash-preview", Messages = [Message.User("Write a long story.")] };

    private FakeProviderServer server = null!;
    private GeminiAdapter adapter = null!;
    private HttpClient http = null!;
    private Uri endpoint = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        server = await FakeProviderServer.StartAsync();
        var response = new FakeResponse { ContentType = "text/event-stream", Body = GeminiStreamTranscript.Text };
        server.Responder = _ => response;
        endpoint = new Uri(server.BaseUrl, "v1beta/models/gemini-3-flash-preview:streamGenerateContent?alt=sse");
        http = new HttpClient();
        adapter = new GeminiAdapter(new GeminiAdapterOptions { ApiKey = "AIza-benchmark", BaseUrl = new Uri(server.BaseUrl, "v1beta").ToString() });
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        adapter.Dispose();
        http.Dispose();
        await server.DisposeAsync();
    }

    /// <summary>Reads the stream's bytes without decoding: the transport's share.</summary>
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

    /// <summary>Streams through the adapter: every unified event plus the final response.</summary>
    [Benchmark]
    public async Task<int> AdapterStream()
    {
        var events = 0;
        var textLength = 0;
        await foreach (var streamEvent in adapter.StreamAsync(Request))
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
#pragma warning restore CA1001
