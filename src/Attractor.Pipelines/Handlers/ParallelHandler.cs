// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Attractor.Dot;
using Attractor.Pipelines.Events;

namespace Attractor.Pipelines.Handlers;

/// <summary>
/// Fans out to every branch of a parallel node concurrently (attractor-spec §4.8), each branch with
/// an isolated clone of the context, up to the fan-in node found by <see cref="FanInLocator"/>.
/// Branch context changes are not merged back (§3.8); the outcome carries
/// <c>parallel.results</c> (JSON array), <c>parallel.success_count</c>, <c>parallel.failure_count</c>,
/// <c>parallel.cancelled_count</c> and <c>parallel.fan_in_target</c>, and suggests the fan-in as next node.
/// </summary>
/// <remarks>
/// <para>Attributes: <c>max_parallel</c> (default 4; 0 or invalid = 4; 1 runs the branches one by one),
/// <c>join_policy</c> (<c>wait_all</c> default, <c>first_success</c>, <c>k_of_n</c> with <c>join_k</c>
/// (default: all), <c>quorum</c> with <c>join_quorum</c> (fraction or percentage, default 0.5; more
/// than that share of the branches must succeed)), <c>error_policy</c> (<c>continue</c> default,
/// <c>fail_fast</c>, <c>ignore</c>).</para>
/// <para>A branch counts as succeeded when its last outcome is SUCCESS or PARTIAL_SUCCESS and as failed
/// otherwise; branches cancelled because the join was decided count as neither.</para>
/// <list type="bullet">
/// <item><c>wait_all</c>: every branch runs; no failures → SUCCESS, some → PARTIAL_SUCCESS, all failed → FAIL.</item>
/// <item><c>first_success</c>: SUCCESS at the first success (the others are cancelled); FAIL when none succeeds.</item>
/// <item><c>k_of_n</c> / <c>quorum</c>: SUCCESS as soon as the required number succeeded (the rest are
/// cancelled); FAIL as soon as that number can no longer be reached (the rest are cancelled).</item>
/// <item><c>fail_fast</c>: the first failure cancels the remaining branches and the node FAILs.</item>
/// <item><c>continue</c>: failures only count through the join policy.</item>
/// <item><c>ignore</c>: failed branches are dropped from the join: requirements are computed over the
/// branches that did not fail (k capped accordingly), so the join is always met and the node
/// SUCCEEDs, also when every branch failed; the failures still appear in the results and counts.</item>
/// </list>
/// </remarks>
public sealed class ParallelHandler : INodeHandler
{
    /// <summary>The default and fallback of <c>max_parallel</c>.</summary>
    public const int DefaultMaxParallel = 4;

    /// <summary>Context key of the JSON array of branch results.</summary>
    public const string ResultsKey = "parallel.results";

    /// <summary>Context key of the number of succeeded branches.</summary>
    public const string SuccessCountKey = "parallel.success_count";

    /// <summary>Context key of the number of failed branches.</summary>
    public const string FailureCountKey = "parallel.failure_count";

    /// <summary>Context key of the number of branches cancelled (or never started) because the join was decided.</summary>
    public const string CancelledCountKey = "parallel.cancelled_count";

    /// <summary>Context key of the fan-in node ID the run continues at (empty when the branches never converge).</summary>
    public const string FanInTargetKey = "parallel.fan_in_target";

    /// <summary>The file in the stage directory that receives a copy of <c>parallel.results</c>.</summary>
    public const string ResultsFileName = "parallel_results.json";

    /// <summary>The status written in <c>parallel.results</c> for branches cancelled or never started.</summary>
    public const string CancelledStatus = "cancelled";

    /// <inheritdoc />
    public async Task<Outcome> ExecuteAsync(StageExecution stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var node = stage.Node;
        var fanIn = FanInLocator.Find(stage.Graph, node);
        var starts = FanInLocator.BranchStarts(stage.Graph, node);
        if (starts.Count == 0)
        {
            return Outcome.Fail($"Parallel node '{node.Id}' has no branches (no outgoing edges to non-fan-in nodes).");
        }

        if (!TryCreateJoin(node, starts.Count, out var join, out var error))
        {
            return Outcome.Fail(error);
        }

        var maxParallel = node.GetInteger("max_parallel") is { } configured && configured > 0 ? configured : DefaultMaxParallel;
        var started = Stopwatch.GetTimestamp();
        stage.Emit(new ParallelStarted(starts.Count));

        var results = new BranchRecord?[starts.Count];
        using var decided = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(maxParallel, maxParallel);
        var gate = new Lock();
        var tasks = new List<Task>(starts.Count);

        // Branches start in edge declaration order (so max_parallel=1 is a deterministic sequential run).
        for (var i = 0; i < starts.Count; i++)
        {
            var index = i;
            try
            {
                await slots.WaitAsync(decided.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                results[index] = BranchRecord.Cancelled(starts[index], index, TimeSpan.Zero);
                continue;
            }

            tasks.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        var record = await RunOneAsync(stage, starts[index], index, fanIn?.Id, decided.Token).ConfigureAwait(false);
                        bool cancelRest;
                        lock (gate)
                        {
                            results[index] = record;
                            cancelRest = join.Update(record) is not null;
                        }

                        if (cancelRest)
                        {
                            await decided.CancelAsync().ConfigureAwait(false);
                        }
                    }
                    finally
                    {
                        slots.Release();
                    }
                },
                CancellationToken.None));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        var records = results.Select(static r => r!).ToList();
        var successes = records.Count(static r => r.Succeeded);
        var failures = records.Count(static r => r.Failed);
        var cancelled = records.Count - successes - failures;
        stage.Emit(new ParallelCompleted(Stopwatch.GetElapsedTime(started), successes, failures));

        var decision = join.Decision ?? join.Final();
        var serialized = Serialize(records);
        Directory.CreateDirectory(stage.StageDirectory);
        await AtomicFile.WriteAllBytesAsync(Path.Combine(stage.StageDirectory, ResultsFileName), Encoding.UTF8.GetBytes(serialized.ToJsonString()), cancellationToken).ConfigureAwait(false);
        var updates = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [ResultsKey] = serialized,
            [SuccessCountKey] = successes,
            [FailureCountKey] = failures,
            [CancelledCountKey] = cancelled,
            [FanInTargetKey] = fanIn?.Id ?? string.Empty,
        };
        var summary = $"{successes} of {records.Count} branches succeeded, {failures} failed"
            + (cancelled > 0 ? $", {cancelled} cancelled" : string.Empty)
            + $" (join_policy={join.PolicyName}, error_policy={join.ErrorPolicyName})";
        return new Outcome(decision.Status)
        {
            Notes = summary + (fanIn is null ? "; the branches do not converge" : "; continuing at fan-in '" + fanIn.Id + "'"),
            FailureReason = decision.Status == StageStatus.Fail ? decision.Reason + ": " + summary : string.Empty,
            SuggestedNextIds = fanIn is null ? [] : [fanIn.Id],
            ContextUpdates = updates,
        };
    }

    private static async Task<BranchRecord> RunOneAsync(StageExecution stage, string startId, int index, string? stopBefore, CancellationToken decided)
    {
        var started = Stopwatch.GetTimestamp();
        stage.Emit(new ParallelBranchStarted(startId, index));
        var branchRoot = Path.Combine(stage.StageDirectory, "branches", startId);
        BranchRecord record;
        try
        {
            var result = await stage.Services.Branches.RunBranchAsync(startId, stopBefore, stage.Context.Clone(), branchRoot, decided).ConfigureAwait(false);
            record = BranchRecord.From(result, index, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (decided.IsCancellationRequested)
        {
            // The join was decided (or the run cancelled, which the caller rethrows).
            record = BranchRecord.Cancelled(startId, index, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception exception)
        {
            record = BranchRecord.Crashed(startId, index, Stopwatch.GetElapsedTime(started), exception);
        }

        stage.Emit(new ParallelBranchCompleted(startId, index, record.Duration, record.Succeeded));
        return record;
    }

    private static JsonArray Serialize(IEnumerable<BranchRecord> records)
    {
        var array = new JsonArray();
        foreach (var record in records)
        {
            var completed = new JsonArray();
            foreach (var id in record.CompletedNodes)
            {
                completed.Add(id);
            }

            array.Add(new JsonObject
            {
                ["id"] = record.Id,
                ["index"] = record.Index,
                ["status"] = record.Status,
                ["notes"] = record.Notes,
                ["failure_reason"] = record.FailureReason,
                ["completed_nodes"] = completed,
                ["score"] = record.Score is { } score ? JsonValue.Create(score) : null,
                ["duration_ms"] = Math.Round(record.Duration.TotalMilliseconds, 3),
            });
        }

        return array;
    }

    private static bool TryCreateJoin(PipelineNode node, int branchCount, out JoinState join, out string error)
    {
        join = null!;
        error = string.Empty;
        var policy = (node.Attributes.GetString("join_policy") ?? "wait_all").Trim().ToLowerInvariant();
        var errorPolicy = (node.Attributes.GetString("error_policy") ?? "continue").Trim().ToLowerInvariant();
        if (errorPolicy.Length == 0)
        {
            errorPolicy = "continue";
        }

        if (errorPolicy is not ("continue" or "fail_fast" or "ignore"))
        {
            error = $"Unknown error_policy '{errorPolicy}' on '{node.Id}'; expected continue, fail_fast or ignore.";
            return false;
        }

        int required;
        switch (policy)
        {
            case "" or "wait_all":
                policy = "wait_all";
                required = branchCount;
                break;
            case "first_success":
                required = 1;
                break;
            case "k_of_n":
                var k = node.GetInteger("join_k") ?? branchCount;
                if (k < 1)
                {
                    error = $"join_k must be at least 1 on '{node.Id}' (got {k.ToString(CultureInfo.InvariantCulture)}).";
                    return false;
                }

                required = Math.Min(k, branchCount);
                break;
            case "quorum":
                if (!TryParseFraction(node.Attributes.GetString("join_quorum"), out var fraction))
                {
                    error = $"join_quorum on '{node.Id}' must be a fraction between 0 and 1 or a percentage (got '{node.Attributes.GetString("join_quorum")}').";
                    return false;
                }

                // Strictly more than the fraction; a fraction of 1 means every branch.
                required = Math.Min(branchCount, (int)Math.Floor(fraction * branchCount) + 1);
                break;
            default:
                error = $"Unknown join_policy '{policy}' on '{node.Id}'; expected wait_all, first_success, k_of_n or quorum.";
                return false;
        }

        join = new JoinState(policy, errorPolicy, branchCount, required);
        return true;
    }

    private static bool TryParseFraction(string? text, out double fraction)
    {
        fraction = 0.5;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var trimmed = text.Trim();
        var percent = trimmed.EndsWith('%');
        if (!double.TryParse(percent ? trimmed[..^1] : trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        fraction = percent ? value / 100 : value;
        return fraction is >= 0 and <= 1;
    }

    /// <summary>Why the join ended the way it did.</summary>
    private sealed record JoinDecision(StageStatus Status, string Reason);

    /// <summary>Tracks branch completions and decides the join as early as the policies allow.</summary>
    private sealed class JoinState(string policy, string errorPolicy, int total, int required)
    {
        private int _successes;
        private int _failures;
        private int _finished;

        public string PolicyName => policy;

        public string ErrorPolicyName => errorPolicy;

        public JoinDecision? Decision { get; private set; }

        /// <summary>Records a finished branch; returns the decision when the remaining branches should be cancelled.</summary>
        public JoinDecision? Update(BranchRecord record)
        {
            if (Decision is not null || record.Status == CancelledStatus)
            {
                return null;
            }

            _finished++;
            if (record.Succeeded)
            {
                _successes++;
            }
            else
            {
                _failures++;
                if (errorPolicy == "fail_fast")
                {
                    return Decision = new JoinDecision(StageStatus.Fail, $"Branch '{record.Id}' failed (error_policy=fail_fast)");
                }
            }

            if (policy == "wait_all")
            {
                return null;
            }

            if (_successes >= Required())
            {
                return Decision = new JoinDecision(StageStatus.Success, "join satisfied");
            }

            if (errorPolicy != "ignore" && _successes + (total - _finished) < Required())
            {
                return Decision = new JoinDecision(StageStatus.Fail, $"join_policy={policy} can no longer be satisfied ({Required().ToString(CultureInfo.InvariantCulture)} successes needed)");
            }

            return null;
        }

        /// <summary>The decision once every branch has finished without an early one.</summary>
        public JoinDecision Final()
        {
            if (errorPolicy == "ignore")
            {
                return new JoinDecision(StageStatus.Success, _successes == 0 ? "every branch failed (ignored)" : "join satisfied");
            }

            if (policy == "wait_all")
            {
                return _failures == 0 ? new JoinDecision(StageStatus.Success, "all branches succeeded")
                    : _successes > 0 ? new JoinDecision(StageStatus.PartialSuccess, "some branches failed")
                    : new JoinDecision(StageStatus.Fail, "every branch failed");
            }

            return _successes >= Required()
                ? new JoinDecision(StageStatus.Success, "join satisfied")
                : new JoinDecision(StageStatus.Fail, $"join_policy={policy} not satisfied ({Required().ToString(CultureInfo.InvariantCulture)} successes needed)");
        }

        // With error_policy=ignore failed branches leave the denominator.
        private int Required() => errorPolicy == "ignore" ? Math.Max(0, Math.Min(required, total - _failures)) : required;
    }

    /// <summary>One branch's entry in <c>parallel.results</c>.</summary>
    private sealed record BranchRecord(string Id, int Index, string Status, string Notes, string FailureReason, IReadOnlyList<string> CompletedNodes, double? Score, TimeSpan Duration)
    {
        public bool Succeeded => Status is "success" or "partial_success";

        public bool Failed => !Succeeded && Status != CancelledStatus;

        public static BranchRecord From(BranchResult result, int index, TimeSpan duration)
        {
            double? score = null;
            if (result.Context.TryGetValue("score", out var raw) && raw is not null
                && double.TryParse(PipelineContext.ToText(raw), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
            {
                score = parsed;
            }

            var status = result.Outcome.Status == StageStatus.Skipped ? StageStatus.Success : result.Outcome.Status;
            return new BranchRecord(result.BranchId, index, status.ToWireName(), result.Outcome.Notes, result.Outcome.FailureReason, result.CompletedNodes, score, duration);
        }

        public static BranchRecord Cancelled(string id, int index, TimeSpan duration) =>
            new(id, index, CancelledStatus, "Cancelled: the join was decided before this branch finished", string.Empty, [], null, duration);

        public static BranchRecord Crashed(string id, int index, TimeSpan duration, Exception exception) =>
            new(id, index, StageStatus.Fail.ToWireName(), string.Empty, exception.GetType().Name + ": " + exception.Message, [], null, duration);
    }
}
