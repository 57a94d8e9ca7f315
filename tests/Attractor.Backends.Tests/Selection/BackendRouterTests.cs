// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using Attractor.Dot;
using Attractor.Pipelines;
using Attractor.Pipelines.Backends;
using Attractor.Pipelines.Events;
using Attractor.Pipelines.Handlers;

namespace Attractor.Backends.Tests.Selection;

/// <summary>
/// Backend selection through real engine runs: node attribute, then stylesheet, then graph, then
/// the run's default; backends created once and only when used; configuration failures not retried.
/// </summary>
public sealed class BackendRouterTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "attractor-router-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task Node_then_stylesheet_then_graph_then_run_default_choose_the_backend()
    {
        const string Dot = """
            digraph P {
                graph [goal="g", model_stylesheet=".cli { llm_backend: claude-code; }"]
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                pinned  [prompt="p", class="cli", llm_backend="codex"]
                styled  [prompt="p", class="cli"]
                plain   [prompt="p"]
                start -> pinned -> styled -> plain -> exit
            }
            """;
        var factory = new RecordingFactory();

        // The graph names no backend: plain runs on the run's default.
        var result = await RunAsync(Dot, new BackendRouter("agent", factory.Create));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["pinned=codex", "styled=claude-code", "plain=agent"], factory.Calls);

        // With a graph-level backend, plain runs on it instead.
        var withGraphBackend = new RecordingFactory();
        result = await RunAsync(Dot.Replace("graph [goal=\"g\",", "graph [llm_backend=\"gemini-cli\", goal=\"g\",", StringComparison.Ordinal), new BackendRouter("agent", withGraphBackend.Create));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["pinned=codex", "styled=claude-code", "plain=gemini-cli"], withGraphBackend.Calls);
    }

    [Fact]
    public async Task Backends_are_created_once_per_name_and_only_when_a_node_uses_them()
    {
        const string Dot = """
            digraph P {
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                a [prompt="p"]
                b [prompt="p"]
                c [prompt="p", llm_backend="simulate"]
                start -> a -> b -> c -> exit
            }
            """;
        var factory = new RecordingFactory();

        var result = await RunAsync(Dot, new BackendRouter("llm", factory.Create));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["llm"], factory.Created);
        Assert.Equal(["a=llm", "b=llm"], factory.Calls);
        Assert.Equal("[Simulated] Response for stage: c", await File.ReadAllTextAsync(Path.Combine(result.LogsRoot, "c", "response.md")));
    }

    [Fact]
    public async Task A_backend_that_cannot_be_created_fails_the_stage_once_as_a_configuration_error_naming_the_fix()
    {
        const string Dot = """
            digraph P {
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                work [prompt="p", llm_backend="agent", max_retries=3]
                start -> work -> exit
            }
            """;
        var attempts = 0;
        var retries = new List<StageRetrying>();
        var router = new BackendRouter("simulate", name =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY");
        });

        var result = await RunAsync(Dot, router, e =>
        {
            if (e is StageRetrying retrying)
            {
                retries.Add(retrying);
            }
        });

        Assert.False(result.Succeeded);
        Assert.Empty(retries);
        Assert.Equal(1, attempts);
        Assert.Contains("Node 'work' runs on backend 'agent' (llm_backend on the node), which cannot run: set OPENAI_API_KEY", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_the_router_disposes_the_backends_it_created()
    {
        var disposable = new DisposableBackend();
        var router = new BackendRouter("llm", _ => disposable);
        var node = new PipelineNode("n");
        var request = new CodergenRequest(node, "p", new PipelineContext(), FidelityResolution.Default, _root);

        await router.RunAsync(request, CancellationToken.None);
        await router.DisposeAsync();

        Assert.True(disposable.Disposed);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task<PipelineResult> RunAsync(string dot, BackendRouter router, Action<PipelineEvent>? onEvent = null)
    {
        var loaded = PipelineLoader.Default.Load(dot, "p.dot");
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var runner = new PipelineRunner(new PipelineRunOptions
        {
            LogsRoot = Path.Combine(_root, Guid.NewGuid().ToString("N")[..8]),
            Backend = router,
            OnEvent = onEvent,
            RetryBackoff = BackoffConfig.None,
            ErrorClassifier = BackendRetryRule.Classifier,
        });
        await using (router.ConfigureAwait(false))
        {
            return await runner.RunAsync(loaded.Graph);
        }
    }

    private sealed class RecordingFactory
    {
        private readonly ConcurrentQueue<string> _calls = new();
        private readonly ConcurrentQueue<string> _created = new();

        public IReadOnlyList<string> Calls => [.. _calls];

        public IReadOnlyList<string> Created => [.. _created];

        public NamedBackend Create(string name)
        {
            _created.Enqueue(name);
            return new NamedBackend(name, _calls);
        }
    }

    internal sealed class NamedBackend(string name, ConcurrentQueue<string> calls) : ICodergenBackend
    {
        public Task<CodergenResult> RunAsync(CodergenRequest request, CancellationToken cancellationToken)
        {
            calls.Enqueue(request.Node.Id + "=" + name);
            return Task.FromResult(CodergenResult.FromText(name + " answered " + request.Node.Id));
        }
    }

    private sealed class DisposableBackend : ICodergenBackend, IAsyncDisposable
    {
        public bool Disposed { get; private set; }

        public Task<CodergenResult> RunAsync(CodergenRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(CodergenResult.FromText("ok"));

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
