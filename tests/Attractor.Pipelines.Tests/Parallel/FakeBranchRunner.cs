// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using Attractor.Pipelines.Handlers;

namespace Attractor.Pipelines.Tests.ParallelExecution;

/// <summary>
/// A branch runner that runs a delegate per branch, counts how many branches run at once and
/// records which were cancelled. Unscripted branches succeed at once.
/// </summary>
internal sealed class FakeBranchRunner : IBranchRunner
{
    private readonly ConcurrentDictionary<string, Func<PipelineContext, CancellationToken, Task<Outcome>>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _started = new();
    private readonly ConcurrentQueue<string> _cancelled = new();
    private readonly ConcurrentQueue<(string Branch, string? StopBefore, string LogsRoot)> _calls = new();
    private int _running;
    private int _maxRunning;

    public int MaxConcurrent => Volatile.Read(ref _maxRunning);

    public IReadOnlyList<string> Started => [.. _started];

    public IReadOnlyList<string> Cancelled => [.. _cancelled];

    public IReadOnlyList<(string Branch, string? StopBefore, string LogsRoot)> Calls => [.. _calls];

    public ConcurrentDictionary<string, PipelineContext> Contexts { get; } = new(StringComparer.Ordinal);

    /// <summary>A branch that never finishes on its own: it waits until it is cancelled.</summary>
    public static async Task<Outcome> Hang(PipelineContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        return Outcome.Success();
    }

    public FakeBranchRunner On(string branch, Func<PipelineContext, CancellationToken, Task<Outcome>> run)
    {
        _scripts[branch] = run;
        return this;
    }

    public FakeBranchRunner On(string branch, Outcome outcome) => On(branch, (_, _) => Task.FromResult(outcome));

    public async Task<BranchResult> RunBranchAsync(string startNodeId, string? stopBeforeNodeId, PipelineContext branchContext, string logsRoot, CancellationToken cancellationToken)
    {
        _calls.Enqueue((startNodeId, stopBeforeNodeId, logsRoot));
        _started.Enqueue(startNodeId);
        Contexts[startNodeId] = branchContext;
        var now = Interlocked.Increment(ref _running);
        int seen;
        while ((seen = Volatile.Read(ref _maxRunning)) < now && Interlocked.CompareExchange(ref _maxRunning, now, seen) != seen)
        {
        }

        try
        {
            var outcome = _scripts.TryGetValue(startNodeId, out var run)
                ? await run(branchContext, cancellationToken)
                : Outcome.Success("done");
            branchContext.ApplyUpdates(outcome.ContextUpdates);
            return new BranchResult(startNodeId, outcome, [startNodeId], branchContext);
        }
        catch (OperationCanceledException)
        {
            _cancelled.Enqueue(startNodeId);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
