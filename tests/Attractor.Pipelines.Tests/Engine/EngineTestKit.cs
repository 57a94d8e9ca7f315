// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using Attractor.Dot;
using Attractor.Pipelines.Events;
using Attractor.Pipelines.Handlers;

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>Builds graphs and runners for engine tests: every box node runs a <see cref="ScriptedHandler"/>, retries never wait.</summary>
internal sealed class EngineTestKit : IDisposable
{
    private readonly EngineTempDirectory _directory = new();
    private readonly ConcurrentQueue<PipelineEvent> _events = new();

    public ScriptedHandler Script { get; } = new();

    public ManualTimeProvider Time { get; init; } = new() { AutoAdvance = true };

    public string Root => _directory.FullPath;

    public string LogsRoot => _directory.Run();

    public IReadOnlyList<PipelineEvent> Events => [.. _events];

    public static PipelineGraph Parse(string dot)
    {
        var prepared = PipelineLoader.Default.Load(dot);
        Assert.False(prepared.HasErrors, string.Join(Environment.NewLine, prepared.Errors));
        return prepared.Graph;
    }

    /// <summary>Parses and transforms without insisting on a valid pipeline, for unit tests of single steps.</summary>
    public static PipelineGraph ParseUnchecked(string dot) => PipelineLoader.Default.Load(dot).Graph;

    public string WriteFile(string name, string text) => _directory.Write(name, text);

    public PipelineRunOptions Options(Action<Dictionary<string, INodeHandler>>? handlers = null, string? logsRoot = null, BackoffConfig? backoff = null)
    {
        var map = new Dictionary<string, INodeHandler>(StringComparer.Ordinal) { ["codergen"] = Script };
        handlers?.Invoke(map);
        return new PipelineRunOptions
        {
            LogsRoot = logsRoot ?? LogsRoot,
            Handlers = map,
            OnEvent = _events.Enqueue,
            TimeProvider = Time,
            RetryBackoff = backoff ?? BackoffConfig.None,
        };
    }

    public PipelineRunner Runner(Action<Dictionary<string, INodeHandler>>? handlers = null, string? logsRoot = null, BackoffConfig? backoff = null) =>
        new(Options(handlers, logsRoot, backoff));

    public Task<PipelineResult> RunAsync(string dot, CancellationToken cancellationToken = default) => Runner().RunAsync(Parse(dot), cancellationToken);

    public void Dispose() => _directory.Dispose();
}
