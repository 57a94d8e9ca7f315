// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Events;

namespace Attractor.Backends;

/// <summary>
/// The backend numbers of one run, computed from what it recorded (<c>backend-events.jsonl</c> of every stage and the
/// engine's <c>events.jsonl</c>): the same quantities as the <see cref="BackendTelemetry"/> instruments, after the fact.
/// </summary>
/// <param name="Backends">Per backend: lifecycle counts, chunks, durations and tokens.</param>
/// <param name="Failures">Failed attempts by backend, category and retryable flag.</param>
/// <param name="Cancels">Canceled attempts by backend and cancel result, with the cancel latency.</param>
/// <param name="Retries">Engine retries by backend and the category of the failure that caused them.</param>
public sealed record RunStats(
    IReadOnlyList<BackendStats> Backends,
    IReadOnlyList<FailureStats> Failures,
    IReadOnlyList<CancelStats> Cancels,
    IReadOnlyList<RetryStats> Retries)
{
    /// <summary>Computes the numbers of a run directory.</summary>
    /// <param name="logsRoot">The run directory.</param>
    /// <returns>The numbers.</returns>
    /// <exception cref="FileNotFoundException">The directory has no <c>events.jsonl</c>.</exception>
    public static RunStats Read(string logsRoot)
    {
        var pipelineEvents = RunTimeline.ReadPipelineEvents(logsRoot);
        var recorded = Directory.EnumerateFiles(logsRoot, BackendEventLog.FileName, SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(BackendEventLog.Read)
            .ToList();

        var backends = recorded.GroupBy(e => e.Event.Source.Backend, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(group =>
        {
            var events = group.Select(e => e.Event).ToList();
            var durations = group.Where(e => e.Event.IsTerminal && e.DurationMs is not null).Select(e => e.DurationMs!.Value).ToList();
            var usage = events.Select(e => e switch
            {
                BackendCompleted completed => completed.Usage,
                BackendFailed failed => failed.Usage,
                _ => null,
            }).OfType<BackendUsage>().ToList();
            return new BackendStats(
                group.Key,
                events.Count(e => e is BackendStarted),
                events.Count(e => e is BackendCompleted),
                events.Count(e => e is BackendFailed),
                events.Count(e => e is BackendCanceled),
                events.Count(e => e is BackendDelta),
                events.Count(e => e is BackendThinking),
                events.Count(e => e is BackendToolCall),
                durations.Sum(),
                durations.Count > 0 ? durations.Max() : 0,
                usage.Sum(u => u.InputTokens),
                usage.Sum(u => u.OutputTokens),
                usage.Any(u => u.CostUsd is not null) ? usage.Sum(u => u.CostUsd ?? 0) : null);
        }).ToList();

        var failures = recorded.Select(e => e.Event).OfType<BackendFailed>()
            .GroupBy(f => (f.Source.Backend, Category: BackendError.CategoryName(f.Error.Category), f.Error.Retryable))
            .OrderBy(g => g.Key.Backend, StringComparer.Ordinal).ThenBy(g => g.Key.Category, StringComparer.Ordinal)
            .Select(g => new FailureStats(g.Key.Backend, g.Key.Category, g.Key.Retryable, g.Count()))
            .ToList();

        var cancels = recorded.Where(e => e.Event is BackendCanceled)
            .GroupBy(e => (e.Event.Source.Backend, Result: AttemptObserver.ResultName(((BackendCanceled)e.Event).Result)))
            .OrderBy(g => g.Key.Backend, StringComparer.Ordinal).ThenBy(g => g.Key.Result, StringComparer.Ordinal)
            .Select(g =>
            {
                var latencies = g.Where(e => e.CancelLatencyMs is not null).Select(e => e.CancelLatencyMs!.Value).ToList();
                return new CancelStats(g.Key.Backend, g.Key.Result, g.Count(), latencies.Count > 0 ? latencies.Average() : null, latencies.Count > 0 ? latencies.Max() : null);
            })
            .ToList();

        // A retry's cause is the failed (or canceled) attempt just before it: the same node, one attempt earlier.
        var retries = pipelineEvents.OfType<StageRetrying>()
            .Select(retrying =>
            {
                var cause = recorded.Select(e => e.Event).LastOrDefault(e => e.IsTerminal && e is not BackendCompleted && e.Source.NodeId == retrying.Name && e.Source.Attempt == retrying.Attempt - 1);
                return cause switch
                {
                    BackendFailed failed => (failed.Source.Backend, BackendError.CategoryName(failed.Error.Category)),
                    BackendCanceled canceled => (canceled.Source.Backend, BackendError.CategoryName(BackendErrorCategory.Canceled)),
                    _ => ("none", BackendTelemetry.OutcomeRetryCategory),
                };
            })
            .GroupBy(key => key)
            .OrderBy(g => g.Key.Item1, StringComparer.Ordinal).ThenBy(g => g.Key.Item2, StringComparer.Ordinal)
            .Select(g => new RetryStats(g.Key.Item1, g.Key.Item2, g.Count()))
            .ToList();

        return new RunStats(backends, failures, cancels, retries);
    }
}
