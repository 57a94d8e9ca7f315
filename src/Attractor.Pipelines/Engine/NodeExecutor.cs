// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using Attractor.Dot;
using Attractor.Pipelines.Events;
using Attractor.Pipelines.Handlers;

namespace Attractor.Pipelines;

/// <summary>
/// Executes one node with its retry policy (attractor-spec §3.5, §3.6; RETRY and FAIL are both
/// retried while attempts remain, per DoD §11.5), its <c>timeout</c>, and the status.json contract
/// of Appendix C. A handler exception (thrown, or reported through <see cref="StageExecution.ReportError"/>)
/// is retried only when the <see cref="ErrorClassifier"/> calls it retryable (Appendix D). Shared by the
/// main loop and parallel branches, so it keeps no per-run state.
/// </summary>
internal sealed class NodeExecutor
{
    /// <summary>The notes of the outcome synthesized for <c>auto_status=true</c> (Appendix C).</summary>
    public const string AutoStatusNotes = "auto-status: handler completed without writing status";

    private readonly PipelineGraph _graph;
    private readonly HandlerRegistry _handlers;
    private readonly IPipelineEventSink _events;
    private readonly TimeProvider _time;
    private readonly BackoffConfig? _defaultBackoff;
    private readonly ErrorClassifier _classifier;
    private int _stageIndex;

    public NodeExecutor(PipelineGraph graph, HandlerRegistry handlers, PipelineServices services, IPipelineEventSink events, TimeProvider time, BackoffConfig? defaultBackoff, ErrorClassifier? classifier = null)
    {
        _graph = graph;
        _handlers = handlers;
        Services = services;
        _events = events;
        _time = time;
        _defaultBackoff = defaultBackoff;
        _classifier = classifier ?? ErrorClassifier.Default;
    }

    /// <summary>Gets or sets the services handed to handlers; replaced between nodes when a <c>loop_restart</c> starts a new run directory.</summary>
    public PipelineServices Services { get; set; }

    /// <summary>Runs the node's handler until it succeeds, is skipped, or runs out of attempts; returns the final outcome.</summary>
    /// <param name="node">The node.</param>
    /// <param name="context">The context the handler reads and the retry counter is mirrored into.</param>
    /// <param name="logsRoot">The run (or branch) directory; the stage directory is created under it.</param>
    /// <param name="fidelity">The resolved fidelity.</param>
    /// <param name="retries">The retry counters of this run or branch.</param>
    /// <param name="cancellationToken">Cancels the run; not turned into an outcome.</param>
    public async Task<Outcome> ExecuteAsync(PipelineNode node, PipelineContext context, string logsRoot, FidelityResolution fidelity, Dictionary<string, int> retries, CancellationToken cancellationToken)
    {
        var index = Interlocked.Increment(ref _stageIndex);
        var stageDirectory = RunDirectory.StagePath(logsRoot, node.Id);
        Directory.CreateDirectory(stageDirectory);
        context.Set("current_node", node.Id);
        Publish(new StageStarted(node.Id, index));
        var started = _time.GetTimestamp();

        if (!_handlers.TryResolve(node, out var handler))
        {
            // A missing handler is a pipeline error (Appendix D): retrying cannot help.
            var missing = Outcome.Fail($"No handler is registered for type '{node.HandlerType}' (node '{node.Id}') and there is no default handler.");
            await StatusFile.WriteAsync(stageDirectory, missing, cancellationToken).ConfigureAwait(false);
            Publish(new StageFailed(node.Id, index, missing.FailureReason, WillRetry: false));
            return missing;
        }

        var policy = RetryPolicy.ForNode(node, _graph, _defaultBackoff);
        for (var attempt = 1; ; attempt++)
        {
            var (outcome, error) = await AttemptAsync(handler, node, context, logsRoot, stageDirectory, attempt, fidelity, cancellationToken).ConfigureAwait(false);
            if (outcome.Status is StageStatus.Success or StageStatus.PartialSuccess or StageStatus.Skipped)
            {
                if (retries.Remove(node.Id))
                {
                    context.Set(RetryCountKey(node.Id), 0);
                }

                Publish(new StageCompleted(node.Id, index, _time.GetElapsedTime(started)));
                return outcome;
            }

            var reason = outcome.FailureReason.Length > 0 ? outcome.FailureReason : outcome.Status.ToWireName();
            var category = error is null ? ErrorCategory.Retryable : _classifier.Classify(error);
            if (category == ErrorCategory.Pipeline || (category == ErrorCategory.Terminal && attempt < policy.MaxAttempts))
            {
                // Appendix D: a terminal error is routed at once (say why the retries were not used); a pipeline
                // error stops the run without failure routing.
                var note = category == ErrorCategory.Pipeline ? "pipeline error: the run stops" : "terminal error: not retried";
                outcome = outcome with { FailureReason = reason + " (" + note + ")", EndsRun = category == ErrorCategory.Pipeline };
                await StatusFile.WriteAsync(stageDirectory, outcome, cancellationToken).ConfigureAwait(false);
                Publish(new StageFailed(node.Id, index, outcome.FailureReason, WillRetry: false));
                return outcome;
            }

            if (attempt < policy.MaxAttempts)
            {
                var count = retries[node.Id] = retries.GetValueOrDefault(node.Id) + 1;
                context.Set(RetryCountKey(node.Id), count);
                var delay = policy.Backoff.DelayForAttempt(attempt);
                Publish(new StageFailed(node.Id, index, reason, WillRetry: true));
                Publish(new StageRetrying(node.Id, index, attempt + 1, delay));
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            var final = Exhausted(node, outcome, policy);
            if (!ReferenceEquals(final, outcome))
            {
                await StatusFile.WriteAsync(stageDirectory, final, cancellationToken).ConfigureAwait(false);
            }

            if (final.Status.IsSuccessful())
            {
                Publish(new StageCompleted(node.Id, index, _time.GetElapsedTime(started)));
            }
            else
            {
                Publish(new StageFailed(node.Id, index, final.FailureReason.Length > 0 ? final.FailureReason : reason, WillRetry: false));
            }

            return final;
        }
    }

    /// <summary>Gets the context key of a node's retry counter (§5.1).</summary>
    public static string RetryCountKey(string nodeId) => "internal.retry_count." + nodeId;

    /// <summary>§3.5 after the last attempt: RETRY becomes PARTIAL_SUCCESS with allow_partial, else FAIL; FAIL stays as it is.</summary>
    private static Outcome Exhausted(PipelineNode node, Outcome last, RetryPolicy policy)
    {
        if (last.Status != StageStatus.Retry)
        {
            return last;
        }

        if (node.AllowPartial)
        {
            return last with { Status = StageStatus.PartialSuccess, Notes = "retries exhausted, partial accepted", FailureReason = string.Empty };
        }

        var detail = last.FailureReason.Length > 0 ? ": " + last.FailureReason : string.Empty;
        return last with
        {
            Status = StageStatus.Fail,
            FailureReason = "max retries exceeded (" + policy.MaxAttempts.ToString(CultureInfo.InvariantCulture) + " attempts)" + detail,
        };
    }

    /// <summary>
    /// One attempt: the handler under the node's timeout, then status.json (an external one wins; auto_status;
    /// else the engine writes it). Also returns the exception the handler threw or reported, for classification.
    /// </summary>
    private async Task<(Outcome Outcome, Exception? Error)> AttemptAsync(INodeHandler handler, PipelineNode node, PipelineContext context, string logsRoot, string stageDirectory, int attempt, FidelityResolution fidelity, CancellationToken cancellationToken)
    {
        // A status.json left by an earlier attempt or visit must not be mistaken for this attempt's.
        DeleteStaleStatus(stageDirectory);

        var stage = new StageExecution
        {
            Node = node,
            Graph = _graph,
            Context = context,
            LogsRoot = logsRoot,
            StageDirectory = stageDirectory,
            Attempt = attempt,
            Fidelity = fidelity,
            Services = Services,
        };

        // A human gate turns its timeout into human.default_choice (§6.5) itself; the engine must not pre-empt it.
        var timeout = node.Timeout is { } value && value > TimeSpan.Zero && node.HandlerType != HandlerTypes.WaitHuman ? value : (TimeSpan?)null;
        using var timeoutSource = timeout is { } limit ? new CancellationTokenSource(limit, _time) : null;
        using var linked = timeoutSource is null
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);

        Outcome outcome;
        bool completed;
        Exception? error = null;
        try
        {
            // WaitAsync: a handler that ignores its token still cannot hold the run past the timeout.
            var result = await handler.ExecuteAsync(stage, linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
            outcome = result ?? Outcome.Fail($"The handler of '{node.Id}' returned no outcome.");
            completed = result is not null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (timeoutSource?.IsCancellationRequested == true)
        {
            outcome = Outcome.Fail("timed out after " + FormatSeconds(timeout!.Value));
            completed = false;
        }
        catch (Exception exception)
        {
            // Handler exceptions become FAIL outcomes (§4.1), retried like them (DoD §11.5) when retryable.
            outcome = Outcome.Fail(exception.GetType().Name + ": " + exception.Message);
            completed = false;
            error = exception;
        }

        if (completed && !outcome.Status.IsSuccessful() && stage.ReportedError is { } reported)
        {
            error = reported;
        }

        // File.Exists first: most handlers write no status file, and a caught FileNotFoundException per node is costly.
        if (completed && File.Exists(StatusFile.PathIn(stageDirectory))
            && await StatusFile.TryReadAsync(stageDirectory, cancellationToken).ConfigureAwait(false) is { } written)
        {
            // Written during this attempt by the handler or by a tool/agent it ran: it is the outcome.
            return (written, written.Status.IsSuccessful() ? null : error);
        }

        if (completed && node.AutoStatus && outcome.Status is StageStatus.Success or StageStatus.PartialSuccess)
        {
            outcome = outcome with { Status = StageStatus.Success, Notes = AutoStatusNotes };
        }

        await StatusFile.WriteAsync(stageDirectory, outcome, cancellationToken).ConfigureAwait(false);
        return (outcome, error);
    }

    private static void DeleteStaleStatus(string stageDirectory)
    {
        try
        {
            File.Delete(StatusFile.PathIn(stageDirectory));
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing to delete.
        }
    }

    private static string FormatSeconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

    private void Publish(PipelineEvent pipelineEvent) => _events.Publish(pipelineEvent with { Timestamp = _time.GetUtcNow() });
}
