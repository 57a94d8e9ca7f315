// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Llm;
using Attractor.Llm.FakeProvider;
using Attractor.Pipelines;
using Attractor.Pipelines.Backends;

namespace Attractor.Backends.Tests;

/// <summary>A fake provider server on 127.0.0.1, a client with the real OpenAI and Anthropic adapters pointed at it, a workspace and a run directory.</summary>
internal sealed class BackendHarness : IAsyncDisposable
{
    private readonly TempDirectory _temp = new();

    private BackendHarness(FakeProviderServer server)
    {
        Server = server;
        Environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["OPENAI_API_KEY"] = "sk-test-openai",
            ["OPENAI_BASE_URL"] = new Uri(server.BaseUrl, "v1").ToString(),
            ["ANTHROPIC_API_KEY"] = "sk-test-anthropic",
            ["ANTHROPIC_BASE_URL"] = new Uri(server.BaseUrl, "v1").ToString(),
        };
        Client = LlmClient.FromEnv(GetVariable);
        Directory.CreateDirectory(Workspace);
    }

    public FakeProviderServer Server { get; }

    public Dictionary<string, string?> Environment { get; }

    public LlmClient Client { get; }

    public string Workspace => _temp.Combine("workspace");

    public string LogsRoot => _temp.Combine("run");

    public static async Task<BackendHarness> StartAsync() => new(await FakeProviderServer.StartAsync());

    public string? GetVariable(string name) => Environment.TryGetValue(name, out var value) ? value : null;

    public PipelineBackendOptions Options(Action<AgentStageEvent>? onEvent = null) => new()
    {
        WorkingDirectory = Workspace,
        Client = Client,
        OnAgentEvent = onEvent,
    };

    public string StageFile(string nodeId, string fileName) => Path.Combine(LogsRoot, nodeId, fileName);

    public string ReadStageFile(string nodeId, string fileName) => File.ReadAllText(StageFile(nodeId, fileName));

    public Task<PipelineResult> RunAsync(string dot, ICodergenBackend backend) =>
        new PipelineRunner(new PipelineRunOptions { Backend = backend, LogsRoot = LogsRoot, RetryBackoff = BackoffConfig.None })
            .RunAsync(PipelineLoader.Default.Load(dot).Graph);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        _temp.Dispose();
    }
}
