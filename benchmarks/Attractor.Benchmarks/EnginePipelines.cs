// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;
using Attractor.Dot;
using Attractor.Pipelines;
using Attractor.Pipelines.Handlers;

namespace Attractor.Benchmarks;

/// <summary>
/// The pipelines of the engine-overhead benchmark: every work node has <c>type="noop"</c>, served by
/// <see cref="NoOpHandler"/>, so what is measured is the engine around the handler (stage directory,
/// status.json, context updates, routing, checkpoint.json, events.jsonl).
/// </summary>
public static class EnginePipelines
{
    /// <summary>The handler type of the work nodes.</summary>
    public const string NoOpType = "noop";

    /// <summary>The number of work nodes in both pipelines (the 1,000).</summary>
    public const int WorkNodes = 1000;

    /// <summary>The number of branches of the parallel pipeline.</summary>
    public const int Branches = 10;

    /// <summary>Builds <c>start → n1 → … → n{count} → exit</c>.</summary>
    /// <param name="count">The number of work nodes.</param>
    public static PipelineGraph Linear(int count = WorkNodes)
    {
        var dot = new StringBuilder();
        dot.Append("digraph engine_linear {\n  graph [goal=\"engine overhead\"]\n  start [shape=Mdiamond]\n  exit [shape=Msquare]\n");
        for (var i = 1; i <= count; i++)
        {
            dot.Append(CultureInfo.InvariantCulture, $"  n{i} [type=\"{NoOpType}\"]\n");
        }

        dot.Append("  start -> n1\n");
        for (var i = 1; i < count; i++)
        {
            dot.Append(CultureInfo.InvariantCulture, $"  n{i} -> n{i + 1}\n");
        }

        dot.Append(CultureInfo.InvariantCulture, $"  n{count} -> exit\n}}\n");
        return Load(dot.ToString(), "engine_linear.dot");
    }

    /// <summary>
    /// Builds <c>start → fan</c> (parallel, <c>max_parallel</c> = branches) fanning out to
    /// <paramref name="branches"/> chains of <paramref name="perBranch"/> no-op nodes that converge on
    /// <c>join</c> (fan-in), then <c>exit</c>.
    /// </summary>
    /// <param name="branches">The number of branches.</param>
    /// <param name="perBranch">The no-op nodes per branch.</param>
    public static PipelineGraph Parallel(int branches = Branches, int perBranch = WorkNodes / Branches)
    {
        var dot = new StringBuilder();
        dot.Append("digraph engine_parallel {\n  graph [goal=\"engine overhead\"]\n  start [shape=Mdiamond]\n  exit [shape=Msquare]\n");
        dot.Append(CultureInfo.InvariantCulture, $"  fan [shape=component, max_parallel={branches}]\n  join [shape=tripleoctagon]\n");
        dot.Append("  start -> fan\n  join -> exit\n");
        for (var b = 1; b <= branches; b++)
        {
            for (var i = 1; i <= perBranch; i++)
            {
                dot.Append(CultureInfo.InvariantCulture, $"  b{b}_{i} [type=\"{NoOpType}\"]\n");
            }

            dot.Append(CultureInfo.InvariantCulture, $"  fan -> b{b}_1\n");
            for (var i = 1; i < perBranch; i++)
            {
                dot.Append(CultureInfo.InvariantCulture, $"  b{b}_{i} -> b{b}_{i + 1}\n");
            }

            dot.Append(CultureInfo.InvariantCulture, $"  b{b}_{perBranch} -> join\n");
        }

        dot.Append("}\n");
        return Load(dot.ToString(), "engine_parallel.dot");
    }

    /// <summary>Creates a runner for one run in <paramref name="logsRoot"/> with the no-op handler registered.</summary>
    /// <param name="logsRoot">The run directory (fresh per run).</param>
    /// <param name="onEvent">An optional observer.</param>
    public static PipelineRunner Runner(string logsRoot, Action<Attractor.Pipelines.Events.PipelineEvent>? onEvent = null) => new(new PipelineRunOptions
    {
        LogsRoot = logsRoot,
        OnEvent = onEvent,
        Handlers = new Dictionary<string, INodeHandler>(StringComparer.Ordinal) { [NoOpType] = NoOpHandler.Instance },
    });

    /// <summary>Runs a graph and throws unless it succeeded with the expected number of completed nodes.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="logsRoot">The run directory.</param>
    /// <param name="expectedCompleted">The completed-node count of a correct run.</param>
    /// <param name="onEvent">An optional observer.</param>
    public static async Task<PipelineResult> RunCheckedAsync(PipelineGraph graph, string logsRoot, int expectedCompleted, Action<Attractor.Pipelines.Events.PipelineEvent>? onEvent = null)
    {
        var result = await Runner(logsRoot, onEvent).RunAsync(graph).ConfigureAwait(false);
        if (result.Status != StageStatus.Success || result.CompletedNodes.Count != expectedCompleted)
        {
            throw new InvalidOperationException(
                $"{graph.Id}: {result.Status} with {result.CompletedNodes.Count} completed nodes, expected success with {expectedCompleted}: {result.Outcome.FailureReason}");
        }

        return result;
    }

    /// <summary>
    /// Gets the directory the benchmark's run directories go to: <c>$ATTRACTOR_ENGINE_RUNS</c>, else
    /// <c>attractor-engine-bench</c> under the temp directory (<c>$TMPDIR</c>).
    /// </summary>
    public static string RunsRoot { get; } = Environment.GetEnvironmentVariable("ATTRACTOR_ENGINE_RUNS") is { Length: > 0 } configured
        ? Path.GetFullPath(configured)
        : Path.Combine(Path.GetTempPath(), "attractor-engine-bench");

    /// <summary>
    /// Gets a new, unique run directory under <see cref="RunsRoot"/> (created by the run). Nothing
    /// here deletes run directories: on a file system that delays the reuse of freed inodes (ext4
    /// without a journal, as on the benchmark machine) every file created in the next ~30 s would
    /// pay for the thousands just deleted, so run-benchmarks.sh deletes them after the process.
    /// </summary>
    public static string NewLogsRoot() => Path.Combine(RunsRoot, "run-" + Guid.NewGuid().ToString("N"));

    private static PipelineGraph Load(string text, string name)
    {
        var prepared = PipelineLoader.Default.Load(text, name);
        var errors = prepared.Diagnostics.Where(static d => d.IsError).ToList();
        return errors.Count == 0
            ? prepared.Graph
            : throw new InvalidOperationException(name + " has " + errors.Count + " error(s); first: " + errors[0]);
    }

    /// <summary>Succeeds at once without touching the context.</summary>
    private sealed class NoOpHandler : INodeHandler
    {
        public static readonly NoOpHandler Instance = new();

        private static readonly Task<Outcome> Done = Task.FromResult(Outcome.Success());

        public Task<Outcome> ExecuteAsync(StageExecution stage, CancellationToken cancellationToken) => Done;
    }
}
