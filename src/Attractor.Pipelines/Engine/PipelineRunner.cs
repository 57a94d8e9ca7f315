// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Attractor.Dot;
using Attractor.Dot.Validation;
using Attractor.Pipelines.Events;

namespace Attractor.Pipelines;

/// <summary>
/// Runs pipelines (attractor-spec §3): PARSE → TRANSFORM → VALIDATE (for files, through the
/// loader) → INITIALIZE (run directory, manifest, context, checkpoint) → EXECUTE → FINALIZE.
/// Events go to <see cref="PipelineRunOptions.OnEvent"/>, to <c>{logs_root}/events.jsonl</c> and,
/// with <see cref="Start"/>, to an async stream.
/// </summary>
/// <remarks>
/// <para>Engine rules beyond the spec's pseudo-code: RETRY and FAIL outcomes are retried while attempts
/// remain (DoD §11.5), handler exceptions only when <see cref="PipelineRunOptions.ErrorClassifier"/> calls
/// them retryable (Appendix D: a terminal error is routed at once, a pipeline error stops the run); a FAIL
/// is only routed by an edge whose condition matched, else <c>retry_target</c>, else
/// <c>fallback_retry_target</c>, else the run fails with the stage's reason (§3.7) — unconditional edges
/// are not followed after a failure; the exit node's handler is not run.</para>
/// <para>After a parallel node its branch edges (edges to the branch starts of
/// <see cref="Handlers.FanInLocator.BranchStarts"/>) are never followed, since the branches already ran inside
/// the node: the run continues at the suggested fan-in, even without a direct edge; when the branches
/// converge on no fan-in it continues along a remaining (non-branch) edge selected as usual, and when
/// there is none the run ends — successfully if the parallel outcome is SUCCESS or PARTIAL_SUCCESS,
/// otherwise it fails with the parallel node's reason (after its failure routing).</para>
/// <para>A run that ends without reaching the exit node (no eligible edge) succeeds only when every visited
/// <c>goal_gate</c> node succeeded (DoD §11.3); otherwise it fails naming the gate, without the retry-target
/// jump that reaching the exit triggers (§3.4).</para>
/// <para>A <c>loop_restart</c> edge starts a fresh run (new context, no completed nodes) at the edge's
/// target in <c>{logs_root}-restart-{N}</c>; <see cref="PipelineResult.LogsRoot"/> names the last one.
/// Each run directory holds <c>manifest.json</c>, <c>checkpoint.json</c> (written atomically after every
/// node), <c>events.jsonl</c>, <c>pipeline.dot</c> (when the source is known), one directory per stage
/// and <c>artifacts/</c> for the file-backed artifacts of the run's
/// <see cref="Handlers.PipelineServices.Artifacts"/> store.</para>
/// <para>A node's <c>timeout</c> cancels its handler and fails the attempt with "timed out after Xs";
/// cancelling the run's token throws <see cref="OperationCanceledException"/> and leaves the checkpoint
/// at the last completed node, so <see cref="ResumeAsync(string, CancellationToken)"/> runs the
/// interrupted node again and nothing before it.</para>
/// </remarks>
public sealed class PipelineRunner
{
    private readonly PipelineRunOptions _options;

    /// <summary>Initializes a new instance of the <see cref="PipelineRunner"/> class.</summary>
    /// <param name="options">How to run; null runs in simulation mode with the defaults.</param>
    public PipelineRunner(PipelineRunOptions? options = null)
    {
        _options = options ?? new PipelineRunOptions();
        Handlers = BuiltInHandlers.RegisterAll(new HandlerRegistry());
        if (_options.Handlers is { } custom)
        {
            foreach (var pair in custom)
            {
                Handlers.Register(pair.Key, pair.Value);
            }
        }
    }

    /// <summary>Initializes a new instance of the <see cref="PipelineRunner"/> class that shares an existing registry (a child pipeline uses its parent's handlers).</summary>
    /// <param name="options">How to run; its <see cref="PipelineRunOptions.Handlers"/> are ignored in favour of the registry.</param>
    /// <param name="handlers">The registry to resolve handlers from.</param>
    internal PipelineRunner(PipelineRunOptions options, HandlerRegistry handlers)
    {
        _options = options;
        Handlers = handlers;
    }

    /// <summary>Gets the options.</summary>
    public PipelineRunOptions Options => _options;

    /// <summary>Gets the handler registry; register custom handlers here or through <see cref="PipelineRunOptions.Handlers"/>.</summary>
    public HandlerRegistry Handlers { get; }

    /// <summary>
    /// Runs a graph that has already been parsed and transformed (e.g. <c>PipelineLoader.Load(...).Graph</c>).
    /// It is validated again here and refused when any diagnostic is an error.
    /// </summary>
    /// <param name="graph">The transformed graph.</param>
    /// <param name="cancellationToken">Cancels the run; the checkpoint then names the last completed node.</param>
    /// <returns>The result; failures of the pipeline are results, not exceptions.</returns>
    /// <exception cref="PipelineValidationException">The graph has ERROR diagnostics.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public Task<PipelineResult> RunAsync(PipelineGraph graph, CancellationToken cancellationToken = default) =>
        RunGraphCoreAsync(graph, source: null, events: null, cancellationToken);

    /// <summary>Loads (parse, transform, validate) and runs a DOT file; the source is copied into the run directory as <c>pipeline.dot</c> for resume.</summary>
    /// <param name="dotPath">The DOT file.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The result.</returns>
    /// <exception cref="PipelineValidationException">The file has ERROR diagnostics.</exception>
    public Task<PipelineResult> RunFileAsync(string dotPath, CancellationToken cancellationToken = default) =>
        RunFileCoreAsync(dotPath, events: null, cancellationToken);

    /// <summary>Resumes a run from <c>{logs_root}/checkpoint.json</c>, reloading the pipeline from <c>{logs_root}/pipeline.dot</c>.</summary>
    /// <param name="logsRoot">The run directory.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The result.</returns>
    /// <exception cref="FileNotFoundException">The directory has no checkpoint or no <c>pipeline.dot</c> (use the overload taking the graph).</exception>
    public Task<PipelineResult> ResumeAsync(string logsRoot, CancellationToken cancellationToken = default) =>
        ResumeCoreAsync(logsRoot, graph: null, events: null, cancellationToken);

    /// <summary>Resumes a run from <c>{logs_root}/checkpoint.json</c> with the given (transformed) graph.</summary>
    /// <param name="graph">The pipeline the run was started with.</param>
    /// <param name="logsRoot">The run directory.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The result.</returns>
    public Task<PipelineResult> ResumeAsync(PipelineGraph graph, string logsRoot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return ResumeCoreAsync(logsRoot, graph, events: null, cancellationToken);
    }

    /// <summary>Starts running a graph and returns the run, whose events can be streamed (§9.6 stream pattern).</summary>
    /// <param name="graph">The transformed graph.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The run in progress.</returns>
    public PipelineRun Start(PipelineGraph graph, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return StartCore(events => RunGraphCoreAsync(graph, source: null, events, cancellationToken));
    }

    /// <summary>Starts running a DOT file and returns the run, whose events can be streamed.</summary>
    /// <param name="dotPath">The DOT file.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The run in progress.</returns>
    public PipelineRun StartFile(string dotPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dotPath);
        return StartCore(events => RunFileCoreAsync(dotPath, events, cancellationToken));
    }

    /// <summary>Starts resuming a run and returns it, whose events can be streamed.</summary>
    /// <param name="logsRoot">The run directory.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The run in progress.</returns>
    public PipelineRun StartResume(string logsRoot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logsRoot);
        return StartCore(events => ResumeCoreAsync(logsRoot, graph: null, events, cancellationToken));
    }

    /// <summary>Runs a graph and yields its events as they happen; the sequence ends with <see cref="PipelineCompleted"/> or <see cref="PipelineFailed"/>.</summary>
    /// <param name="graph">The transformed graph.</param>
    /// <param name="cancellationToken">Cancels the run and the enumeration.</param>
    /// <returns>The events.</returns>
    public async IAsyncEnumerable<PipelineEvent> RunWithEventsAsync(PipelineGraph graph, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var run = Start(graph, cancellationToken);
        await foreach (var pipelineEvent in run.Events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return pipelineEvent;
        }

        await run.Completion.ConfigureAwait(false);
    }

    private static PipelineRun StartCore(Func<ChannelWriter<PipelineEvent>, Task<PipelineResult>> run)
    {
        var channel = Channel.CreateUnbounded<PipelineEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
        return new PipelineRun(channel.Reader, CompleteChannelAsync(run, channel.Writer));
    }

    private static async Task<PipelineResult> CompleteChannelAsync(Func<ChannelWriter<PipelineEvent>, Task<PipelineResult>> run, ChannelWriter<PipelineEvent> writer)
    {
        try
        {
            var result = await run(writer).ConfigureAwait(false);
            writer.TryComplete();
            return result;
        }
        catch (Exception exception)
        {
            writer.TryComplete(exception);
            throw;
        }
    }

    private async Task<PipelineResult> RunFileCoreAsync(string dotPath, ChannelWriter<PipelineEvent>? events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dotPath);
        var text = await File.ReadAllTextAsync(dotPath, cancellationToken).ConfigureAwait(false);
        var prepared = (_options.Loader ?? PipelineLoader.Default).Load(text, dotPath);
        if (prepared.HasErrors)
        {
            throw new PipelineValidationException(prepared.Diagnostics);
        }

        return await ExecuteAsync(prepared.Graph, text, Path.GetFullPath(dotPath), events, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PipelineResult> RunGraphCoreAsync(PipelineGraph graph, string? source, ChannelWriter<PipelineEvent>? events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Validate(graph);

        // Keep the DOT source when the graph came from a file, so ResumeAsync(logsRoot) can reload it.
        string? sourcePath = null;
        if (source is null && graph.FilePath is { Length: > 0 } path && File.Exists(path))
        {
            source = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            sourcePath = Path.GetFullPath(path);
        }

        return await ExecuteAsync(graph, source, sourcePath, events, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PipelineResult> ExecuteAsync(PipelineGraph graph, string? source, string? sourcePath, ChannelWriter<PipelineEvent>? events, CancellationToken cancellationToken)
    {
        var now = _options.TimeProvider.GetUtcNow();
        var name = graph.Label.Length > 0 ? graph.Label : graph.Id.Length > 0 ? graph.Id : Path.GetFileNameWithoutExtension(sourcePath ?? "pipeline");
        var logsRoot = Path.GetFullPath(_options.LogsRoot ?? RunDirectory.CreateDefaultPath(graph.Id.Length > 0 ? graph.Id : name, now));
        var manifest = new RunManifest
        {
            Name = name,
            Goal = graph.Goal,
            StartTime = now,
            SourcePath = sourcePath,
            RunId = Guid.NewGuid().ToString("N"),
            StartNode = graph.FindStartNode()?.Id ?? string.Empty,
            Runner = _options.Runner,
            Backend = _options.BackendName,
        };

        Directory.CreateDirectory(logsRoot);
        if (source is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(logsRoot, RunDirectory.PipelineFileName), source, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        }

        using var hub = new PipelineEventHub(_options.OnEvent, events);
        var execution = new PipelineExecution(graph, _options, Handlers, hub, logsRoot, manifest);
        return await execution.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<PipelineResult> ResumeCoreAsync(string logsRoot, PipelineGraph? graph, ChannelWriter<PipelineEvent>? events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logsRoot);
        logsRoot = Path.GetFullPath(logsRoot);
        var checkpoint = await CheckpointStore.LoadAsync(logsRoot, cancellationToken).ConfigureAwait(false);
        if (graph is null)
        {
            var pipelinePath = Path.Combine(logsRoot, RunDirectory.PipelineFileName);
            if (!File.Exists(pipelinePath))
            {
                throw new FileNotFoundException(
                    $"Cannot resume '{logsRoot}': it has no {RunDirectory.PipelineFileName}. Runs started from an in-memory graph resume with ResumeAsync(graph, logsRoot).",
                    pipelinePath);
            }

            var text = await File.ReadAllTextAsync(pipelinePath, cancellationToken).ConfigureAwait(false);
            var prepared = (_options.Loader ?? PipelineLoader.Default).Load(text, pipelinePath);
            if (prepared.HasErrors)
            {
                throw new PipelineValidationException(prepared.Diagnostics);
            }

            graph = prepared.Graph;
        }
        else
        {
            Validate(graph);
        }

        var manifest = await RunDirectory.TryReadManifestAsync(logsRoot, cancellationToken).ConfigureAwait(false)
            ?? new RunManifest { Name = graph.Id, Goal = graph.Goal, StartTime = _options.TimeProvider.GetUtcNow(), RunId = Guid.NewGuid().ToString("N"), Runner = _options.Runner, Backend = _options.BackendName };
        using var hub = new PipelineEventHub(_options.OnEvent, events);
        var execution = new PipelineExecution(graph, _options, Handlers, hub, logsRoot, manifest);
        return await execution.ResumeAsync(checkpoint, cancellationToken).ConfigureAwait(false);
    }

    private void Validate(PipelineGraph graph)
    {
        var loader = _options.Loader ?? PipelineLoader.Default;
        var validator = new PipelineValidator(loader.Rules, [.. loader.KnownHandlerTypes, .. Handlers.RegisteredTypes]);
        validator.ValidateOrThrow(graph);
    }
}
