// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Events;

namespace Attractor.Backends;

/// <summary>Builds a <see cref="RunTimeline"/> from engine and backend events, live or replayed. Thread-safe.</summary>
public sealed class RunTimelineBuilder
{
    private readonly object _gate = new();
    private readonly List<string> _order = [];
    private readonly Dictionary<string, StageState> _stages = new(StringComparer.Ordinal);

    /// <summary>Gets the nodes seen so far, in the order they started.</summary>
    public IReadOnlyList<string> NodeIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _order];
            }
        }
    }

    /// <summary>Adds an engine event (stage started, completed, failed, retrying).</summary>
    /// <param name="pipelineEvent">The event.</param>
    public void Add(PipelineEvent pipelineEvent)
    {
        ArgumentNullException.ThrowIfNull(pipelineEvent);
        lock (_gate)
        {
            switch (pipelineEvent)
            {
                case StageStarted started:
                    Stage(started.Name);
                    break;
                case StageCompleted completed:
                    Stage(completed.Name).Outcome = "completed";
                    break;
                case StageFailed { WillRetry: false } failed:
                    Stage(failed.Name).Outcome = "failed";
                    break;
                case StageRetrying retrying:
                    Stage(retrying.Name).Retries++;
                    break;
            }
        }
    }

    /// <summary>Adds a backend lifecycle event; only terminal events (and <c>started</c>) matter.</summary>
    /// <param name="backendEvent">The event.</param>
    public void Add(BackendEvent backendEvent)
    {
        ArgumentNullException.ThrowIfNull(backendEvent);
        if (backendEvent is not (BackendStarted or BackendCompleted or BackendFailed or BackendCanceled))
        {
            return;
        }

        lock (_gate)
        {
            var source = backendEvent.Source;
            var attempts = Stage(source.NodeId).Attempts;
            attempts[source.Attempt] = backendEvent switch
            {
                BackendCompleted => new TimelineAttempt(source.Attempt, source.Backend, "completed", null),
                BackendFailed failed => new TimelineAttempt(source.Attempt, source.Backend, "failed", BackendError.CategoryName(failed.Error.Category)),
                BackendCanceled canceled => new TimelineAttempt(source.Attempt, source.Backend, "canceled", AttemptObserver.ResultName(canceled.Result)),
                _ => new TimelineAttempt(source.Attempt, source.Backend, "unfinished", null),
            };
        }
    }

    /// <summary>Builds the timeline of what was added.</summary>
    /// <returns>The timeline.</returns>
    public RunTimeline Build()
    {
        lock (_gate)
        {
            return new RunTimeline([.. _order.Select(id =>
            {
                var stage = _stages[id];
                var attempts = stage.Attempts.OrderBy(pair => pair.Key).Select(pair => pair.Value).ToList();
                var outcome = stage.Outcome ?? (attempts.Count > 0 && attempts[^1].End == "canceled" ? "canceled" : "unfinished");
                return new TimelineStage(id, outcome, stage.Retries, attempts);
            })]);
        }
    }

    private StageState Stage(string nodeId)
    {
        if (!_stages.TryGetValue(nodeId, out var stage))
        {
            stage = new StageState();
            _stages[nodeId] = stage;
            _order.Add(nodeId);
        }

        return stage;
    }

    private sealed class StageState
    {
        public string? Outcome { get; set; }

        public int Retries { get; set; }

        public Dictionary<int, TimelineAttempt> Attempts { get; } = [];
    }
}
