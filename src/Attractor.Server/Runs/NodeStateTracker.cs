// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Events;

namespace Attractor.Server.Runs;

/// <summary>
/// Folds a run's events into each node's state. The events are the single source: the same fold runs over the
/// live stream and over <c>events.jsonl</c> after a restart, so both give the same picture.
/// </summary>
internal sealed class NodeStateTracker
{
    private readonly Dictionary<string, NodeState> _states = new(StringComparer.Ordinal);
    private string? _waitingStage;

    public NodeStateTracker(IEnumerable<string> nodeIds)
    {
        foreach (var id in nodeIds)
        {
            _states[id] = NodeState.Pending;
        }
    }

    public IReadOnlyDictionary<string, NodeState> States => _states;

    /// <summary>Applies one event and reports the nodes whose state changed.</summary>
    public void Apply(PipelineEvent pipelineEvent, List<KeyValuePair<string, NodeState>> changes)
    {
        switch (pipelineEvent)
        {
            case StageStarted started:
                Set(started.Name, NodeState.Running, changes);
                break;
            case StageCompleted completed:
                Set(completed.Name, NodeState.Succeeded, changes);
                break;
            case StageFailed failed:
                Set(failed.Name, failed.WillRetry ? NodeState.Retrying : NodeState.Failed, changes);
                break;
            case StageRetrying retrying:
                Set(retrying.Name, NodeState.Retrying, changes);
                break;
            case InterviewStarted interview:
                _waitingStage = interview.Stage;
                Set(interview.Stage, NodeState.Waiting, changes);
                break;
            case InterviewCompleted or InterviewTimeout when _waitingStage is { } stage:
                _waitingStage = null;
                Set(stage, NodeState.Running, changes);
                break;
            case CheckpointSaved saved when _states.GetValueOrDefault(saved.NodeId) == NodeState.Pending:
                // The exit node has no stage events; its checkpoint says the run got there.
                Set(saved.NodeId, NodeState.Succeeded, changes);
                break;
            case PipelineFailed or PipelineCompleted:
                // Whatever was still in flight did not finish: a resume runs it again.
                _waitingStage = null;
                foreach (var pair in _states.Where(static p => p.Value is NodeState.Running or NodeState.Waiting or NodeState.Retrying).ToList())
                {
                    Set(pair.Key, NodeState.Pending, changes);
                }

                break;
        }
    }

    private void Set(string node, NodeState state, List<KeyValuePair<string, NodeState>> changes)
    {
        if (_states.TryGetValue(node, out var current) && current == state)
        {
            return;
        }

        _states[node] = state;
        changes.Add(new KeyValuePair<string, NodeState>(node, state));
    }
}
