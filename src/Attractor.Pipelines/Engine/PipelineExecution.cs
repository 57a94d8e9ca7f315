// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Pipelines.Events;
using Attractor.Pipelines.Handlers;

namespace Attractor.Pipelines;

/// <summary>
/// One pipeline run: the core loop of attractor-spec §3.2 (goal gates §3.4, failure routing §3.7,
/// <c>loop_restart</c>), the run directory and checkpoints, and the branch runner handlers use.
/// Executing a single node (retries, timeout, status.json) is <see cref="NodeExecutor"/>'s job.
/// </summary>
internal sealed class PipelineExecution : IBranchRunner
{
    /// <summary>Context key prefix under which each goal gate's last status survives a resume.</summary>
    public const string NodeOutcomePrefix = "internal.node_outcome.";

    /// <summary>Context key holding the last outcome's suggested next IDs, so a resume routes like the original run.</summary>
    public const string SuggestedNextIdsKey = "internal.suggested_next_ids";

    /// <summary>Context key holding the last outcome's failure reason, so a resume ends a failed run with the same reason.</summary>
    public const string FailureReasonKey = "internal.failure_reason";

    /// <summary>Context key set when the last outcome was a pipeline error that stops the run, so a resume stops too.</summary>
    public const string EndsRunKey = "internal.ends_run";

    private readonly PipelineGraph _graph;
    private readonly PipelineRunOptions _options;
    private readonly PipelineEventHub _events;
    private readonly TimeProvider _time;
    private readonly HandlerRegistry _handlers;
    private readonly NodeExecutor _executor;
    private readonly List<string> _completed = [];
    private readonly Dictionary<string, StageStatus> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _retries = new(StringComparer.Ordinal);
    private readonly CheckpointWriter _checkpoints = new();
    private PipelineContext _context = new();
    private string _logsRoot;
    private RunManifest _manifest;

    public PipelineExecution(PipelineGraph graph, PipelineRunOptions options, HandlerRegistry handlers, PipelineEventHub events, string logsRoot, RunManifest manifest)
    {
        _graph = graph;
        _options = options;
        _events = events;
        _time = options.TimeProvider;
        _logsRoot = logsRoot;
        _manifest = manifest;
        _handlers = handlers;
        _executor = new NodeExecutor(graph, handlers, CreateServices(), events, _time, options.RetryBackoff, options.ErrorClassifier);
    }

    /// <summary>Starts a fresh run at the start node.</summary>
    public async Task<PipelineResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        await InitializeDirectoryAsync(cancellationToken).ConfigureAwait(false);
        _context = CreateInitialContext();
        await SaveCheckpointAsync(string.Empty, cancellationToken).ConfigureAwait(false);
        Publish(new PipelineStarted(_manifest.Name, _manifest.RunId));
        return await LoopAsync(FirstStep(), resumed: false, started, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Continues a run from its checkpoint (§5.3): restores state and routes on from the last completed node.</summary>
    public async Task<PipelineResult> ResumeAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        _events.OpenLog(_logsRoot, append: true);
        _executor.Services.Artifacts.IndexExistingFiles();
        _context = PipelineContext.FromValues(checkpoint.Context, checkpoint.Logs);
        _completed.AddRange(checkpoint.CompletedNodes);
        foreach (var pair in checkpoint.NodeRetries)
        {
            _retries[pair.Key] = pair.Value;
        }

        foreach (var id in _completed)
        {
            if (StageStatusNames.TryParse(_context.GetString(NodeOutcomePrefix + id), out var status))
            {
                _statuses[id] = status;
            }
        }

        Publish(new PipelineStarted(_manifest.Name, _manifest.RunId));
        _context.AppendLog("Resumed from checkpoint after " + (checkpoint.CurrentNode.Length > 0 ? checkpoint.CurrentNode : "(no node)"));
        Step first;
        if (checkpoint.CurrentNode.Length == 0)
        {
            // Nothing completed yet: start over where this directory's run started (a restart's target, or the start node).
            first = _manifest.StartNode.Length > 0 && _graph.FindNode(_manifest.StartNode) is { } origin ? new GoStep(origin, null, null) : FirstStep();
        }
        else if (_graph.FindNode(checkpoint.CurrentNode) is { } last)
        {
            // A checkpoint at the exit belongs to a finished run: only the goal gates are checked again.
            first = _graph.IsExitNode(last) ? new GoStep(last, null, null) : RouteAfter(last, ReconstructOutcome(), _context);
        }
        else
        {
            first = new EndStep(Outcome.Fail($"Cannot resume: the checkpoint's node '{checkpoint.CurrentNode}' is not in the pipeline."));
        }

        return await LoopAsync(first, resumed: true, started, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<BranchResult> RunBranchAsync(string startNodeId, string? stopBeforeNodeId, PipelineContext branchContext, string logsRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(startNodeId);
        ArgumentNullException.ThrowIfNull(branchContext);
        ArgumentNullException.ThrowIfNull(logsRoot);
        var completed = new List<string>();
        var retries = new Dictionary<string, int>(StringComparer.Ordinal);
        var last = Outcome.Success("Branch ran no nodes");
        Step step = _graph.FindNode(startNodeId) is { } first
            ? new GoStep(first, null, null)
            : new EndStep(Outcome.Fail($"Branch start node '{startNodeId}' is not in the pipeline."));

        // A branch ends at the stop node, an exit, a dead end or a loop_restart edge; it never checkpoints.
        while (step is GoStep go && go.Node.Id != stopBeforeNodeId && !_graph.IsExitNode(go.Node))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fidelity = FidelityResolver.Resolve(_graph, go.Node, go.Incoming, go.Previous);
            var outcome = await _executor.ExecuteAsync(go.Node, branchContext, logsRoot, fidelity, retries, cancellationToken).ConfigureAwait(false);
            if (outcome.Status != StageStatus.Skipped)
            {
                completed.Add(go.Node.Id);
                ApplyOutcome(branchContext, go.Node, outcome);
                last = outcome;
            }

            step = RouteAfter(go.Node, outcome, branchContext);
        }

        if (step is EndStep { Outcome.Status: StageStatus.Fail } end)
        {
            last = end.Outcome;
        }

        return new BranchResult(startNodeId, last, completed, branchContext);
    }

    private async Task<PipelineResult> LoopAsync(Step step, bool resumed, long started, CancellationToken cancellationToken)
    {
        try
        {
            var degradeFidelity = resumed;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (step)
                {
                    case EndStep end:
                        return await FinishAsync(RequireGoalGates(end.Outcome), started, cancellationToken).ConfigureAwait(false);

                    case RestartStep restart:
                        step = await RestartAsync(restart.Edge, cancellationToken).ConfigureAwait(false);
                        break;

                    case GoStep { Node: var node } when _graph.IsExitNode(node):
                        step = CheckGoalGates(node);
                        if (step is EndStep { Outcome.Status: StageStatus.Success })
                        {
                            // §11.13: a finished run's checkpoint names the exit node (not added to completed_nodes,
                            // its handler never runs), so tools can tell finished from interrupted runs.
                            await SaveCheckpointAsync(node.Id, cancellationToken).ConfigureAwait(false);
                            Publish(new CheckpointSaved(node.Id));
                        }

                        break;

                    case GoStep go:
                        var fidelity = FidelityResolver.Resolve(_graph, go.Node, go.Incoming, go.Previous);
                        if (degradeFidelity)
                        {
                            fidelity = FidelityResolver.DegradeForResume(fidelity);
                            degradeFidelity = false;
                        }

                        var outcome = await _executor.ExecuteAsync(go.Node, _context, _logsRoot, fidelity, _retries, cancellationToken).ConfigureAwait(false);

                        // SKIPPED proceeds without recording an outcome (§5.2), so it is not checkpointed either.
                        if (outcome.Status != StageStatus.Skipped)
                        {
                            _completed.Add(go.Node.Id);
                            _statuses[go.Node.Id] = outcome.Status;
                            ApplyOutcome(_context, go.Node, outcome);
                            await SaveCheckpointAsync(go.Node.Id, cancellationToken).ConfigureAwait(false);
                            Publish(new CheckpointSaved(go.Node.Id));
                        }

                        step = RouteAfter(go.Node, outcome, _context);
                        break;

                    default:
                        throw new InvalidOperationException("Unknown engine step " + step.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The last checkpoint names the last completed node; the interrupted node runs again on resume.
            Publish(new PipelineFailed("Cancelled", _time.GetElapsedTime(started)));
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Publish(new PipelineFailed(exception.GetType().Name + ": " + exception.Message, _time.GetElapsedTime(started)));
            throw;
        }
    }

    /// <summary>The services of one run directory: a new artifact store under it (§5.5), the rest run-wide.</summary>
    private PipelineServices CreateServices() => new()
    {
        Backend = _options.Backend,
        Interviewer = _options.Interviewer ?? UnavailableInterviewer.Instance,
        Events = _events,
        Branches = this,
        Artifacts = new ArtifactStore(_logsRoot, timeProvider: _time),
        Handlers = _handlers,
        RunOptions = _options,
    };

    private Step FirstStep() => _graph.FindStartNode() is { } start
        ? new GoStep(start, null, null)
        : new EndStep(Outcome.Fail("The pipeline has no unique start node (shape=Mdiamond, or the ID start/Start)."));

    /// <summary>§3.4: every visited goal gate must have succeeded; otherwise jump to the first retry target found.</summary>
    private Step CheckGoalGates(PipelineNode exit)
    {
        foreach (var id in _completed)
        {
            if (_graph.FindNode(id) is not { GoalGate: true } gate || !_statuses.TryGetValue(id, out var status) || status.IsSuccessful())
            {
                continue;
            }

            var target = FirstExisting(gate.RetryTarget, gate.FallbackRetryTarget, _graph.RetryTarget, _graph.FallbackRetryTarget);
            if (target is null)
            {
                return new EndStep(Outcome.Fail($"Goal gate '{id}' is unsatisfied (outcome {status.ToWireName()}) and no retry target is configured."));
            }

            _context.AppendLog($"Goal gate '{id}' unsatisfied ({status.ToWireName()}); retrying at '{target.Id}'");
            return new GoStep(target, null, exit.Id);
        }

        return new EndStep(Outcome.Success("Pipeline completed"));
    }

    /// <summary>
    /// DoD §11.3: a run succeeds only when every visited goal gate succeeded. At the exit node
    /// <see cref="CheckGoalGates"/> has already made sure (or jumped to a retry target); a run that ends
    /// elsewhere (a dead end, or after a parallel node without continuation) FAILs here instead — without a
    /// retry-target jump, which only the exit node triggers (§3.4).
    /// </summary>
    private Outcome RequireGoalGates(Outcome ending)
    {
        if (!ending.Status.IsSuccessful())
        {
            return ending;
        }

        foreach (var id in _completed)
        {
            if (_graph.FindNode(id) is { GoalGate: true } && _statuses.TryGetValue(id, out var status) && !status.IsSuccessful())
            {
                return Outcome.Fail($"Goal gate '{id}' is unsatisfied (outcome {status.ToWireName()}) and the run ended without reaching the exit.");
            }
        }

        return ending;
    }

    /// <summary>
    /// Picks what follows a node: the selected edge (§3.3), or for FAIL the failure route of §3.7 —
    /// an edge whose condition matched (e.g. <c>outcome=fail</c>), then <c>retry_target</c>, then
    /// <c>fallback_retry_target</c>, else the run ends with the stage's failure.
    /// </summary>
    private Step RouteAfter(PipelineNode node, Outcome outcome, PipelineContext context)
    {
        if (outcome.EndsRun)
        {
            return new EndStep(outcome);
        }

        // The branches of a fan-out ran inside the parallel node; following a branch edge would run one again.
        var edges = _graph.OutgoingEdges(node.Id);
        var parallel = node.HandlerType == HandlerTypes.Parallel;
        IReadOnlyList<string> branches = parallel ? FanInLocator.BranchStarts(_graph, node) : [];
        if (branches.Count > 0)
        {
            edges = [.. edges.Where(e => !branches.Contains(e.To, StringComparer.Ordinal))];
        }

        var edge = EdgeSelector.Select(edges, outcome, context, out var byCondition);
        if (outcome.Status == StageStatus.Fail && !(edge is not null && byCondition))
        {
            if (FirstExisting(node.RetryTarget, node.FallbackRetryTarget) is { } target)
            {
                context.AppendLog($"Stage '{node.Id}' failed; routing to '{target.Id}'");
                return new GoStep(target, null, node.Id);
            }

            var reason = outcome.FailureReason.Length > 0 ? outcome.FailureReason : $"Stage '{node.Id}' failed";
            return new EndStep(outcome with { FailureReason = reason });
        }

        // After a fan-out the branches have already run, so the run continues where they converge:
        // a parallel node's suggested_next_ids (the fan-in) are followed even without a direct edge.
        // Without a fan-in only a non-branch edge (e.g. to a parallel.fan_in node) continues the run;
        // with none the run ends here, successfully since a FAIL was routed above.
        if (!byCondition && parallel)
        {
            foreach (var id in outcome.SuggestedNextIds)
            {
                if (!branches.Contains(id, StringComparer.Ordinal) && _graph.FindNode(id) is { } fanIn)
                {
                    var direct = _graph.OutgoingEdges(node.Id).FirstOrDefault(e => e.To == id);
                    return direct is { LoopRestart: true } ? new RestartStep(direct) : new GoStep(fanIn, direct, node.Id);
                }
            }
        }

        if (edge is null)
        {
            return new EndStep(Outcome.Success("Pipeline completed"));
        }

        if (_graph.FindNode(edge.To) is not { } next)
        {
            return new EndStep(Outcome.Fail($"Edge {edge} leads to a node that is not in the pipeline."));
        }

        return edge.LoopRestart ? new RestartStep(edge) : new GoStep(next, edge, node.Id);
    }

    private PipelineNode? FirstExisting(params ReadOnlySpan<string> ids)
    {
        foreach (var id in ids)
        {
            if (!string.IsNullOrWhiteSpace(id) && _graph.FindNode(id.Trim()) is { } node)
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>§5.1: context updates, then the engine's mirrors of the outcome.</summary>
    private static void ApplyOutcome(PipelineContext context, PipelineNode node, Outcome outcome)
    {
        context.ApplyUpdates(outcome.ContextUpdates);
        var status = outcome.Status.ToWireName();
        context.Set("outcome", status);
        context.Set("preferred_label", outcome.PreferredLabel);
        if (node.GoalGate)
        {
            // Only gates need their status after a resume; keeping every node's would grow each checkpoint.
            context.Set(NodeOutcomePrefix + node.Id, status);
        }
        if (outcome.SuggestedNextIds.Count > 0 || context.TryGetValue(SuggestedNextIdsKey, out _))
        {
            context.Set(SuggestedNextIdsKey, outcome.SuggestedNextIds.Cast<object?>().ToList());
        }

        if (outcome.FailureReason.Length > 0 || context.TryGetValue(FailureReasonKey, out _))
        {
            context.Set(FailureReasonKey, outcome.FailureReason);
        }

        if (outcome.EndsRun)
        {
            context.Set(EndsRunKey, true);
        }

        var entry = node.Id + ": " + status;
        var detail = outcome.FailureReason.Length > 0 ? outcome.FailureReason : outcome.Notes;
        context.AppendLog(detail.Length > 0 ? entry + " — " + detail : entry);
    }

    private Outcome ReconstructOutcome()
    {
        // The checkpoint is written after the outcome is mirrored, so "outcome" is always there; success is a safe default.
        var status = StageStatusNames.TryParse(_context.GetString("outcome"), out var parsed) ? parsed : StageStatus.Success;
        List<string> suggested = _context.Get(SuggestedNextIdsKey) is IEnumerable<object?> list ? [.. list.Select(PipelineContext.ToText)] : [];
        return new Outcome(status)
        {
            PreferredLabel = _context.GetString("preferred_label"),
            SuggestedNextIds = suggested,
            FailureReason = _context.GetString(FailureReasonKey),
            EndsRun = _context.Get(EndsRunKey) is true,
        };
    }

    private PipelineContext CreateInitialContext()
    {
        var context = new PipelineContext();
        foreach (var attribute in _graph.Attributes)
        {
            context.Set("graph." + attribute.Key, attribute.Value);
        }

        context.Set("graph.goal", _graph.Goal);
        context.Set("internal.run_id", _manifest.RunId);
        if (_options.InitialContext is { } initial)
        {
            context.ApplyUpdates(initial);
        }

        return context;
    }

    /// <summary>§3.1 INITIALIZE: the run directory, its manifest, the event log and an initial checkpoint.</summary>
    private async Task InitializeDirectoryAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_logsRoot);
        _events.OpenLog(_logsRoot, append: false);
        await RunDirectory.WriteManifestAsync(_logsRoot, _manifest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Follows a <c>loop_restart</c> edge: a fresh run (new context, no completed nodes) in a new
    /// directory <c>{first logs_root}-restart-{N}</c>, starting at the edge's target.
    /// </summary>
    private async Task<Step> RestartAsync(PipelineEdge edge, CancellationToken cancellationToken)
    {
        var (baseRoot, previous) = RunDirectory.SplitRestart(_logsRoot);
        var restart = previous + 1;
        var newRoot = RunDirectory.RestartPath(baseRoot, restart);
        var source = Path.Combine(_logsRoot, RunDirectory.PipelineFileName);
        _context.AppendLog($"loop_restart via {edge}: continuing in {newRoot}");
        await SaveCheckpointAsync(_completed.Count > 0 ? _completed[^1] : string.Empty, cancellationToken).ConfigureAwait(false);

        _logsRoot = newRoot;
        _executor.Services = CreateServices();
        _manifest = _manifest with { Restart = restart, StartNode = edge.To, StartTime = _time.GetUtcNow() };
        await InitializeDirectoryAsync(cancellationToken).ConfigureAwait(false);
        if (File.Exists(source))
        {
            // The restart directory must be resumable on its own.
            File.Copy(source, Path.Combine(newRoot, RunDirectory.PipelineFileName), overwrite: true);
        }

        _completed.Clear();
        _statuses.Clear();
        _retries.Clear();
        _context = CreateInitialContext();
        _context.Set("internal.restart_count", restart);
        await SaveCheckpointAsync(string.Empty, cancellationToken).ConfigureAwait(false);
        return _graph.FindNode(edge.To) is { } target
            ? new GoStep(target, null, null)
            : new EndStep(Outcome.Fail($"loop_restart edge {edge} leads to a node that is not in the pipeline."));
    }

    // Synchronous: the write is a few hundred microseconds of which the fsync is most, and the loop
    // waits for it either way; the writer re-encodes only what changed since the last checkpoint.
    private Task SaveCheckpointAsync(string currentNode, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _checkpoints.Save(_logsRoot, _time.GetUtcNow(), currentNode, _completed, _retries, _context);
        return Task.CompletedTask;
    }

    /// <summary>§3.1 FINALIZE: the result and the completion event.</summary>
    private Task<PipelineResult> FinishAsync(Outcome outcome, long started, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var succeeded = outcome.Status.IsSuccessful();
        var duration = _time.GetElapsedTime(started);
        if (succeeded)
        {
            Publish(new PipelineCompleted(duration, CountArtifacts()));
        }
        else
        {
            Publish(new PipelineFailed(outcome.FailureReason, duration));
        }

        return Task.FromResult(new PipelineResult
        {
            Status = succeeded ? StageStatus.Success : StageStatus.Fail,
            Outcome = outcome,
            CompletedNodes = [.. _completed],
            Context = _context,
            LogsRoot = _logsRoot,
        });
    }

    private int CountArtifacts()
    {
        // The store's artifacts plus files a handler (or an earlier, resumed process) put in artifacts/ directly.
        var ids = new HashSet<string>(_executor.Services.Artifacts.List().Select(static a => a.Id), StringComparer.Ordinal);
        var directory = Path.Combine(_logsRoot, ArtifactStore.ArtifactsFolder);
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.GetFiles(directory).Where(static f => !Path.GetFileName(f).StartsWith('.')))
            {
                ids.Add(Path.GetExtension(file) == ".json" ? Path.GetFileNameWithoutExtension(file) : Path.GetFileName(file));
            }
        }

        return ids.Count;
    }

    private void Publish(PipelineEvent pipelineEvent) => _events.Publish(pipelineEvent with { Timestamp = _time.GetUtcNow() });

    /// <summary>What the loop does next.</summary>
    private abstract record Step;

    /// <summary>Execute (or, for an exit, check the goal gates at) a node.</summary>
    private sealed record GoStep(PipelineNode Node, PipelineEdge? Incoming, string? Previous) : Step;

    /// <summary>Follow a <c>loop_restart</c> edge.</summary>
    private sealed record RestartStep(PipelineEdge Edge) : Step;

    /// <summary>The run is over.</summary>
    private sealed record EndStep(Outcome Outcome) : Step;
}
