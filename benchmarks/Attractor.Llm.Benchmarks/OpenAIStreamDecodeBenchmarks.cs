// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

#pragma warning disable OPENAI001 // ResponsesClient is marked for evaluation in the official SDK.

using System.ClientModel;
using System.ClientModel.Primitives;
using Attractor.Llm.FakeProvider;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using OpenAI.Responses;

namespace Attractor.Llm.Benchmarks;

/// <summary>
/// Decoding a ~2 MB OpenAI Responses stream: <see cref="OpenAIAdapter.StreamAsync"/> against the official OpenAI 2.15.0
/// SDK's <see cref="ResponsesClient"/>, on the same bytes, once from the Kestrel fake server over loopback and once
/// from memory (an in-process HttpMessageHandler, so allocations are the client's alone).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through [GlobalCleanup]; benchmark classes cannot be sealed.")]
[Config(typeof(Config))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class OpenAIStreamDecodeBenchmarks
{
    private const string FakeServer = "FakeServer";
    private const string InMemory = "InMemory";

    private FakeProviderServer? server;
    private OpenAIAdapter? oursServer;
    private OpenAIAdapter? oursMemory;
    private ResponsesClient? sdkServer;
    private ResponsesClient? sdkMemory;
    private readonly Request request = new() { Model = "gpt-5.2", Messages = [Message.User("Write a long essay about stream decoding.")] };

    /// <summary>Gets the stream every benchmark consumes (deterministic, so the result columns can use it too).</summary>
    public static ResponsesStreamFixture Stream { get; } = ResponsesStreamFixture.Generate(2_000_000);

    [GlobalSetup]
    public void Setup()
    {
        server = FakeProviderServer.StartAsync().GetAwaiter().GetResult();
        server.Responder = _ => new FakeResponse { ContentType = "text/event-stream", RawBody = Stream.Bytes };
        var baseUrl = new Uri(server.BaseUrl, "v1");
        oursServer = new OpenAIAdapter(new OpenAIAdapterOptions { ApiKey = "sk-bench-0000000000", BaseUrl = baseUrl.ToString() });
        oursMemory = new OpenAIAdapter(new OpenAIAdapterOptions
        {
            ApiKey = "sk-bench-0000000000",
            BaseUrl = "http://in-memory.invalid/v1",
            HttpClient = new HttpClient(new InMemoryStreamHandler(Stream.Bytes)),
        });
        sdkServer = new ResponsesClient(new ApiKeyCredential("sk-bench-0000000000"), new ResponsesClientOptions { Endpoint = baseUrl });
        sdkMemory = new ResponsesClient(new ApiKeyCredential("sk-bench-0000000000"), new ResponsesClientOptions
        {
            Endpoint = new Uri("http://in-memory.invalid/v1"),
            Transport = new HttpClientPipelineTransport(new HttpClient(new InMemoryStreamHandler(Stream.Bytes))),
        });

        // A benchmark that silently measured a failure would be worse than none: check every path once.
        foreach (var count in new[] { Ours_FakeServer(), Ours_InMemory(), Sdk_FakeServer(), Sdk_InMemory() }.Select(t => t.GetAwaiter().GetResult()))
        {
            if (count != Stream.TextDeltas)
            {
                throw new InvalidOperationException($"Expected {Stream.TextDeltas} text deltas, got {count}.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        oursServer?.Dispose();
        oursMemory?.Dispose();
        server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(FakeServer)]
    public Task<int> Sdk_FakeServer() => CountAsync(sdkServer!);

    [Benchmark]
    [BenchmarkCategory(FakeServer)]
    public Task<int> Ours_FakeServer() => CountAsync(oursServer!);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(InMemory)]
    public Task<int> Sdk_InMemory() => CountAsync(sdkMemory!);

    [Benchmark]
    [BenchmarkCategory(InMemory)]
    public Task<int> Ours_InMemory() => CountAsync(oursMemory!);

    private async Task<int> CountAsync(OpenAIAdapter adapter)
    {
        var deltas = 0;
        var finished = false;
        await foreach (var item in adapter.StreamAsync(request))
        {
            if (item.Type == StreamEventType.TextDelta)
            {
                deltas++;
            }
            else if (item.Type == StreamEventType.Finish)
            {
                finished = item.Response!.ToolCalls.Count == 1;
            }
        }

        return finished ? deltas : -1;
    }

    private static async Task<int> CountAsync(ResponsesClient client)
    {
        var deltas = 0;
        var finished = false;
        await foreach (var update in await client.CreateResponseStreamingAsync("gpt-5.2", "Write a long essay about stream decoding.").ConfigureAwait(false))
        {
            if (update is StreamingResponseOutputTextDeltaUpdate)
            {
                deltas++;
            }
            else if (update is StreamingResponseCompletedUpdate completed)
            {
                finished = completed.Response.OutputItems.Count == 2;
            }
        }

        return finished ? deltas : -1;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(30));
            AddDiagnoser(MemoryDiagnoser.Default);
            AddColumn(StatisticColumn.Min);
            AddColumn(
                new ThroughputColumn("Events/s (median)", (ns, _) => Stream.Events / (ns / 1e9)),
                new ThroughputColumn("MB/s (median)", (ns, _) => Stream.Bytes.Length / 1e6 / (ns / 1e9)),
                new ThroughputColumn("B/text delta", (_, bytes) => (double)bytes / Stream.TextDeltas));
        }
    }
}
