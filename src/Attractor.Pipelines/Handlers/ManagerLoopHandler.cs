// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;
using Attractor.Dot;
using Attractor.Dot.Conditions;
using Attractor.Pipelines.Events;

namespace Attractor.Pipelines.Handlers;

/// <summary>
/// Supervises a child pipeline (attractor-spec §4.11, §9.4). The child DOT file comes from the node's
/// <c>stack.child_dotfile</c>, else the graph's; a relative path is resolved against the parent
/// .dot file's directory when the graph has a file path, else the current directory. The child runs
/// in the background through a <see cref="PipelineRunner"/> with the run's handler registry (custom handlers
/// included), backend, interviewer, retry backoff, error classifier, loader and clock, and the logs root
/// <c>{stage_dir}/child</c>; the manager then runs observe/steer/wait cycles.
/// </summary>
/// <remarks>
/// <para>Attributes: <c>manager.poll_interval</c> (default 45s), <c>manager.max_cycles</c> (default 1000),
/// <c>manager.stop_condition</c> (a condition over the context; <c>outcome</c> is the child's last stage
/// status), <c>manager.actions</c> (default <c>observe,wait</c>), <c>manager.steer_prompt</c> (steering
/// text; default the node's <c>prompt</c>), <c>stack.child_workdir</c> (handed to the child as the
/// context value <c>stack.child_workdir</c>; the process working directory is shared and not changed).</para>
/// <para>Each cycle: <c>observe</c> writes <c>stack.child.status</c> (running/completed/failed),
/// <c>stack.child.outcome</c>, <c>stack.child.current_node</c> and <c>stack.child.completed_count</c> into
/// the context; <c>steer</c> writes <c>steer.md</c> into the child's active stage directory (once per
/// active stage); then a finished child ends the loop (success → SUCCESS, else FAIL — checked every
/// cycle even without <c>observe</c>), a true stop condition cancels the child and returns SUCCESS, and
/// <c>wait</c> sleeps the poll interval (waking early when the child finishes); without <c>wait</c> there
/// is no polling and the cycle lasts until the child finishes. After <c>max_cycles</c> the child is
/// cancelled and the node FAILs.</para>
/// </remarks>
public sealed class ManagerLoopHandler : INodeHandler
{
    /// <summary>Context key of the child's state: <c>running</c>, <c>completed</c> or <c>failed</c>.</summary>
    public const string StatusKey = "stack.child.status";

    /// <summary>Context key of the child's final outcome (<c>success</c>/<c>fail</c>), empty while it runs.</summary>
    public const string OutcomeKey = "stack.child.outcome";

    /// <summary>Context key of the child's active node.</summary>
    public const string CurrentNodeKey = "stack.child.current_node";

    /// <summary>Context key of the number of child nodes completed so far.</summary>
    public const string CompletedCountKey = "stack.child.completed_count";

    /// <summary>Context key of the child's run directory.</summary>
    public const string LogsRootKey = "stack.child.logs_root";

    /// <summary>Context key of the number of cycles the manager ran.</summary>
    public const string CyclesKey = "stack.manager.cycles";

    /// <summary>The steering file written into the child's active stage directory.</summary>
    public const string SteerFileName = "steer.md";

    /// <inheritdoc />
    public async Task<Outcome> ExecuteAsync(StageExecution stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var node = stage.Node;
        var graph = stage.Graph;
        var configured = node.StackChildDotfile is { } own && own.Trim().Length > 0 ? own.Trim() : graph.StackChildDotfile.Trim();
        if (configured.Length == 0)
        {
            return Outcome.Fail($"Manager '{node.Id}' has no child pipeline: set stack.child_dotfile on the node or the graph.");
        }

        var baseDirectory = graph.FilePath is { Length: > 0 } parentPath
            ? Path.GetDirectoryName(Path.GetFullPath(parentPath)) ?? Environment.CurrentDirectory
            : Environment.CurrentDirectory;
        var childPath = Path.GetFullPath(configured, baseDirectory);
        if (!File.Exists(childPath))
        {
            return Outcome.Fail($"Child pipeline not found: '{childPath}' (stack.child_dotfile=\"{configured}\" resolved against '{baseDirectory}').");
        }

        if (node.Attributes.GetString("stack.child_autostart") is { } autostart && AttributeValues.TryParseBoolean(autostart, out var start) && !start)
        {
            return Outcome.Fail($"Manager '{node.Id}': stack.child_autostart=false is not supported; the manager must start the child pipeline itself.");
        }

        if (!TryReadSettings(node, out var settings, out var problem))
        {
            return Outcome.Fail(problem);
        }

        var childRoot = Path.Combine(stage.StageDirectory, "child");
        var monitor = new ChildMonitor();
        var initial = new Dictionary<string, object?>(StringComparer.Ordinal) { ["stack.parent_node"] = node.Id };
        var workdir = node.Attributes.GetString("stack.child_workdir") ?? graph.StackChildWorkdir;
        if (!string.IsNullOrWhiteSpace(workdir))
        {
            initial["stack.child_workdir"] = Path.GetFullPath(workdir, baseDirectory);
        }

        // The child is part of this run: same handlers (custom ones included), backend, interviewer,
        // backoff, error classifier, loader and clock; only its directory, observer and context are its own.
        var parent = stage.Services.RunOptions;
        var childOptions = new PipelineRunOptions
        {
            LogsRoot = childRoot,
            Backend = stage.Services.Backend,
            Interviewer = stage.Services.Interviewer,
            OnEvent = monitor.Observe,
            InitialContext = initial,
            RetryBackoff = parent?.RetryBackoff,
            ErrorClassifier = parent?.ErrorClassifier ?? ErrorClassifier.Default,
            Loader = parent?.Loader,
            TimeProvider = parent?.TimeProvider ?? TimeProvider.System,
        };
        var runner = stage.Services.Handlers is { } handlers ? new PipelineRunner(childOptions, handlers) : new PipelineRunner(childOptions);

        using var childCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var child = Task.Run(() => monitor.RunAsync(runner, childPath, childCancel.Token), CancellationToken.None);
        stage.Context.Set(LogsRootKey, childRoot);
        try
        {
            var outcome = await SuperviseAsync(stage, settings, monitor, child, childRoot, cancellationToken).ConfigureAwait(false);
            if (!child.IsCompleted)
            {
                await childCancel.CancelAsync().ConfigureAwait(false);
                await ObserveCompletionAsync(child).ConfigureAwait(false);
            }

            return outcome;
        }
        catch (OperationCanceledException)
        {
            await childCancel.CancelAsync().ConfigureAwait(false);
            await ObserveCompletionAsync(child).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<Outcome> SuperviseAsync(StageExecution stage, ManagerSettings settings, ChildMonitor monitor, Task child, string childRoot, CancellationToken cancellationToken)
    {
        var steeredStage = string.Empty;
        for (var cycle = 1; cycle <= settings.MaxCycles; cycle++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stage.Context.Set(CyclesKey, cycle);
            var state = monitor.Snapshot();
            if (settings.Observe)
            {
                Ingest(stage.Context, state);
            }

            if (settings.Steer && state.Status == "running" && state.CurrentNode.Length > 0 && state.CurrentNode != steeredStage)
            {
                steeredStage = state.CurrentNode;
                await SteerAsync(stage, settings, childRoot, state.CurrentNode, cycle, cancellationToken).ConfigureAwait(false);
            }

            if (state.Status != "running")
            {
                return Ended(stage.Context, state, cycle);
            }

            if (settings.StopCondition is { } stop && stop.Evaluate(new ManagerScope(state.LastStageStatus, stage.Context)))
            {
                return Finish(StageStatus.Success, $"Stop condition satisfied after {Cycles(cycle)}: {stop}; child cancelled", string.Empty, state);
            }

            if (settings.Wait)
            {
                await Task.WhenAny(Task.Delay(settings.PollInterval, cancellationToken), child).ConfigureAwait(false);
            }
            else
            {
                // No polling: the cycle lasts until the child finishes (one child run per cycle).
                await child.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        // A child that finished during the last cycle's wait still counts.
        var last = monitor.Snapshot();
        if (last.Status != "running")
        {
            return Ended(stage.Context, last, settings.MaxCycles);
        }

        return Finish(StageStatus.Fail, string.Empty, $"Max cycles exceeded ({settings.MaxCycles.ToString(CultureInfo.InvariantCulture)}); child cancelled", last);
    }

    /// <summary>The child finished: its success is the manager's success, anything else a failure.</summary>
    private static Outcome Ended(PipelineContext context, ChildState state, int cycles)
    {
        Ingest(context, state);
        return state.Status == "completed"
            ? Finish(StageStatus.Success, $"Child completed after {Cycles(cycles)}", string.Empty, state)
            : Finish(StageStatus.Fail, string.Empty, "Child failed" + (state.FailureReason.Length > 0 ? ": " + state.FailureReason : string.Empty), state);
    }

    private static Outcome Finish(StageStatus status, string notes, string failureReason, ChildState state) => new(status)
    {
        Notes = notes,
        FailureReason = failureReason,
        ContextUpdates = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [StatusKey] = state.Status,
            [OutcomeKey] = state.Outcome,
            [CurrentNodeKey] = state.CurrentNode,
            [CompletedCountKey] = state.CompletedCount,
        },
    };

    private static void Ingest(PipelineContext context, ChildState state)
    {
        context.Set(StatusKey, state.Status);
        context.Set(OutcomeKey, state.Outcome);
        context.Set(CurrentNodeKey, state.CurrentNode);
        context.Set(CompletedCountKey, state.CompletedCount);
    }

    private static async Task SteerAsync(StageExecution stage, ManagerSettings settings, string childRoot, string activeNode, int cycle, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(childRoot, activeNode);
        Directory.CreateDirectory(directory);
        var text = new StringBuilder()
            .Append("# Steering from manager '").Append(stage.Node.Id).Append("' (cycle ").Append(cycle.ToString(CultureInfo.InvariantCulture)).AppendLine(")")
            .AppendLine()
            .AppendLine(settings.SteerText.Length > 0 ? settings.SteerText : "Keep going; focus on the goal: " + stage.Graph.Goal)
            .ToString();
        await AtomicFile.WriteAllBytesAsync(Path.Combine(directory, SteerFileName), Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        stage.Context.AppendLog($"{stage.Node.Id}: steered child stage '{activeNode}'");
    }

    private static async Task ObserveCompletionAsync(Task child)
    {
        // ChildMonitor.RunAsync never throws: the child's end (cancelled or crashed) is recorded there.
        await child.ConfigureAwait(false);
    }

    private static string Cycles(int cycle) => cycle == 1 ? "1 cycle" : cycle.ToString(CultureInfo.InvariantCulture) + " cycles";

    private static bool TryReadSettings(PipelineNode node, out ManagerSettings settings, out string problem)
    {
        settings = null!;
        problem = string.Empty;
        var pollText = node.Attributes.GetString("manager.poll_interval");
        var poll = TimeSpan.FromSeconds(45);
        if (!string.IsNullOrWhiteSpace(pollText) && !AttributeValues.TryParseDuration(pollText, out poll))
        {
            problem = $"manager.poll_interval on '{node.Id}' is not a duration: '{pollText}'.";
            return false;
        }

        var maxCycles = node.GetInteger("manager.max_cycles") ?? 1000;
        if (maxCycles < 1)
        {
            problem = $"manager.max_cycles on '{node.Id}' must be at least 1.";
            return false;
        }

        ConditionExpression? stop = null;
        var stopText = node.Attributes.GetString("manager.stop_condition");
        if (!string.IsNullOrWhiteSpace(stopText))
        {
            var parsed = ConditionExpression.Parse(stopText);
            if (parsed.Expression is null)
            {
                problem = $"manager.stop_condition on '{node.Id}' is invalid: " + string.Join("; ", parsed.Errors.Select(static e => e.ToString()));
                return false;
            }

            stop = parsed.Expression;
        }

        var actions = (node.Attributes.GetString("manager.actions") ?? "observe,wait")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(static a => a.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        var steerText = node.Attributes.GetString("manager.steer_prompt") ?? node.Prompt;
        settings = new ManagerSettings(poll < TimeSpan.Zero ? TimeSpan.Zero : poll, maxCycles, stop, actions.Contains("observe"), actions.Contains("steer"), actions.Contains("wait"), steerText.Trim());
        return true;
    }

    private sealed record ManagerSettings(TimeSpan PollInterval, int MaxCycles, ConditionExpression? StopCondition, bool Observe, bool Steer, bool Wait, string SteerText);

    /// <summary>What the manager knows about the child at one moment.</summary>
    private sealed record ChildState(string Status, string Outcome, string CurrentNode, int CompletedCount, string LastStageStatus, string FailureReason);

    /// <summary>Collects the child's events (called from the child's threads).</summary>
    private sealed class ChildMonitor
    {
        private readonly Lock _gate = new();
        private string _currentNode = string.Empty;
        private string _lastStatus = string.Empty;
        private int _completed;
        private PipelineResult? _result;
        private Exception? _error;
        private bool _finished;

        /// <summary>Runs the child and records how it ended; never throws.</summary>
        public async Task RunAsync(PipelineRunner runner, string path, CancellationToken cancellationToken)
        {
            PipelineResult? result = null;
            Exception? error = null;
            try
            {
                result = await runner.RunFileAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                error = exception;
            }

            lock (_gate)
            {
                _result = result;
                _error = error;
                _finished = true;
            }
        }

        public void Observe(PipelineEvent pipelineEvent)
        {
            lock (_gate)
            {
                switch (pipelineEvent)
                {
                    case StageStarted started:
                        _currentNode = started.Name;
                        break;
                    case StageCompleted:
                        _lastStatus = "success";
                        break;
                    case StageFailed { WillRetry: false }:
                        _lastStatus = "fail";
                        break;
                    case CheckpointSaved:
                        _completed++;
                        break;
                    default:
                        break;
                }
            }
        }

        public ChildState Snapshot()
        {
            lock (_gate)
            {
                if (!_finished)
                {
                    return new ChildState("running", string.Empty, _currentNode, _completed, _lastStatus, string.Empty);
                }

                if (_result is { } result)
                {
                    var outcome = result.Status.ToWireName();
                    return new ChildState(result.Succeeded ? "completed" : "failed", outcome, _currentNode, result.CompletedNodes.Count, outcome, result.FailureReason);
                }

                var reason = _error is OperationCanceledException ? "cancelled" : _error is { } exception ? exception.GetType().Name + ": " + exception.Message : "unknown";
                var fail = StageStatus.Fail.ToWireName();
                return new ChildState("failed", fail, _currentNode, _completed, fail, reason);
            }
        }
    }

    /// <summary>The stop condition's view: <c>outcome</c> is the child's last stage status, context keys come from the manager's context.</summary>
    private readonly struct ManagerScope(string outcomeStatus, PipelineContext context) : IConditionScope
    {
        public string OutcomeStatus => outcomeStatus;

        public string PreferredLabel => string.Empty;

        public bool TryGetContextValue(string key, out string? value)
        {
            if (context.TryGetValue(key, out var raw) && raw is not null)
            {
                value = PipelineContext.ToText(raw);
                return true;
            }

            value = null;
            return false;
        }
    }
}
