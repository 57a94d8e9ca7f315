// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using Attractor.Pipelines.Handlers;

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>A handler that runs a delegate.</summary>
internal sealed class DelegateHandler(Func<StageExecution, CancellationToken, Task<Outcome>> run) : INodeHandler
{
    public DelegateHandler(Func<StageExecution, Outcome> run)
        : this((stage, _) => Task.FromResult(run(stage)))
    {
    }

    public Task<Outcome> ExecuteAsync(StageExecution stage, CancellationToken cancellationToken) => run(stage, cancellationToken);
}

/// <summary>
/// Returns scripted outcomes per node ID (the last one repeats; unscripted nodes succeed) and
/// records every call, so tests can check what ran, in which order, with which attempt and fidelity.
/// </summary>
internal sealed class ScriptedHandler : INodeHandler
{
    private readonly ConcurrentDictionary<string, Queue<Func<StageExecution, Outcome>>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<StageExecution> _calls = new();

    public IReadOnlyList<StageExecution> Calls => [.. _calls];

    public IReadOnlyList<string> CalledNodes => [.. _calls.Select(c => c.Node.Id)];

    public ScriptedHandler On(string nodeId, params Outcome[] outcomes)
    {
        var queue = _scripts.GetOrAdd(nodeId, _ => new Queue<Func<StageExecution, Outcome>>());
        foreach (var outcome in outcomes)
        {
            queue.Enqueue(_ => outcome);
        }

        return this;
    }

    public ScriptedHandler On(string nodeId, Func<StageExecution, Outcome> outcome)
    {
        _scripts.GetOrAdd(nodeId, _ => new Queue<Func<StageExecution, Outcome>>()).Enqueue(outcome);
        return this;
    }

    public int CallsTo(string nodeId) => _calls.Count(c => c.Node.Id == nodeId);

    public Task<Outcome> ExecuteAsync(StageExecution stage, CancellationToken cancellationToken)
    {
        _calls.Enqueue(stage);
        if (!_scripts.TryGetValue(stage.Node.Id, out var queue))
        {
            return Task.FromResult(Outcome.Success("scripted default"));
        }

        lock (queue)
        {
            var next = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
            return Task.FromResult(next(stage));
        }
    }
}
