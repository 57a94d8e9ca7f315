// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Backends;
using Attractor.Dot;
using Attractor.Pipelines;
using Attractor.Pipelines.Backends;
using Attractor.Pipelines.Human;
using Attractor.Server.Api;
using Attractor.Server.Security;
using Microsoft.AspNetCore.Http;

namespace Attractor.Server.Runs;

/// <summary>
/// The runs of one workspace: those started here and every run directory under <c>.attractor/runs</c> (found on
/// start and whenever the list is read), so runs survive a server restart and can be resumed.
/// </summary>
internal sealed class RunRegistry : IDisposable
{
    /// <summary>The file in a run directory recording which backend the server ran it with, for a resume.</summary>
    public const string ServeFileName = "serve.json";

    // The largest pipeline file read from the workspace; a request body has its own limit.
    private const long MaxPipelineFileBytes = 4 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, ServedRun> _runs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _scan = new(1, 1);
    private readonly TimeProvider _time;

    private readonly Func<string, string?>? _environment;

    public RunRegistry(string workspaceRoot, Func<string, string?>? environment = null, TimeProvider? time = null)
    {
        WorkspaceRoot = workspaceRoot;
        _environment = environment;
        RunsRoot = Path.Combine(workspaceRoot, ".attractor", "runs");
        _time = time ?? TimeProvider.System;
    }

    public string WorkspaceRoot { get; }

    public string RunsRoot { get; }

    /// <summary>Gets every known run, newest first, after looking for run directories that appeared meanwhile.</summary>
    public async Task<IReadOnlyList<ServedRun>> ListAsync(CancellationToken cancellationToken)
    {
        await ScanAsync(cancellationToken).ConfigureAwait(false);
        return [.. _runs.Values.OrderByDescending(static r => r.StartedAt ?? DateTimeOffset.MinValue).ThenByDescending(static r => r.Id, StringComparer.Ordinal)];
    }

    /// <summary>Finds a run by ID (a run directory's name); null when there is none.</summary>
    public async Task<ServedRun?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (_runs.TryGetValue(id, out var run))
        {
            return run;
        }

        if (!IsRunId(id) || !Directory.Exists(Path.Combine(RunsRoot, id)))
        {
            return null;
        }

        await ScanAsync(cancellationToken).ConfigureAwait(false);
        return _runs.GetValueOrDefault(id);
    }

    /// <summary>Loads the run directories on disk that are not known yet (restart directories belong to their first run).</summary>
    public async Task ScanAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(RunsRoot))
        {
            return;
        }

        await _scan.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var directory in Directory.EnumerateDirectories(RunsRoot))
            {
                var id = Path.GetFileName(directory);
                if (_runs.ContainsKey(id) || RunDirectory.SplitRestart(directory).Restart > 0 || !LooksLikeRun(directory))
                {
                    continue;
                }

                try
                {
                    var run = await ServedRun.LoadAsync(id, directory, cancellationToken).ConfigureAwait(false);
                    _runs.TryAdd(id, run);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    // An unreadable run directory is left out of the list; the others still show.
                }
            }
        }
        finally
        {
            _scan.Release();
        }
    }

    /// <summary>Validates and starts a submitted pipeline.</summary>
    public async Task<SubmitResult> SubmitAsync(SubmitRequest request, CancellationToken cancellationToken)
    {
        var hasSource = !string.IsNullOrEmpty(request.Source);
        var hasPath = !string.IsNullOrEmpty(request.Path);
        if (hasSource == hasPath)
        {
            return SubmitResult.Refused(StatusCodes.Status400BadRequest, "send exactly one of 'source' (DOT text) and 'path' (a .dot file under the workspace root)");
        }

        var backendName = string.IsNullOrWhiteSpace(request.Backend) ? PipelineBackends.Simulate : request.Backend.Trim().ToLowerInvariant();
        if (!PipelineBackends.Names.Contains(backendName))
        {
            return SubmitResult.Refused(StatusCodes.Status400BadRequest, $"backend '{request.Backend}' is not one of {string.Join(", ", PipelineBackends.Names)}");
        }

        var gates = request.Gates ?? "web";
        if (gates is not ("web" or "auto_approve"))
        {
            return SubmitResult.Refused(StatusCodes.Status400BadRequest, $"gates '{gates}' is not one of 'web' (answer on the web) and 'auto_approve'");
        }

        string text;
        string displayPath;
        string? sourceFile = null;
        if (hasPath)
        {
            var full = WorkspacePaths.Resolve(WorkspaceRoot, request.Path!, out var problem);
            if (full is null)
            {
                return SubmitResult.Refused(StatusCodes.Status403Forbidden, problem!);
            }

            var info = new FileInfo(full);
            if (!info.Exists)
            {
                return SubmitResult.Refused(StatusCodes.Status404NotFound, $"'{request.Path}' does not exist under the workspace root");
            }

            if (info.Length > MaxPipelineFileBytes)
            {
                return SubmitResult.Refused(StatusCodes.Status413PayloadTooLarge, $"'{request.Path}' is larger than {MaxPipelineFileBytes} bytes");
            }

            text = await File.ReadAllTextAsync(full, cancellationToken).ConfigureAwait(false);
            displayPath = Path.GetRelativePath(WorkspaceRoot, full);
            sourceFile = full;
        }
        else
        {
            text = request.Source!;
            displayPath = "source.dot";
        }

        var prepared = PipelineLoader.Default.Load(text, displayPath);
        if (prepared.HasErrors)
        {
            var diagnostics = prepared.Diagnostics.Select(static d => new DiagnosticView(
                DotDiagnostic.SeverityText(d.Severity), d.Id, d.Message, d.Span.IsKnown ? d.Span.StartLine : 0, d.Span.IsKnown ? d.Span.StartColumn : 0, d.NodeId, d.Fix)).ToList();
            var first = prepared.Errors.First();
            return SubmitResult.Refused(StatusCodes.Status400BadRequest, $"the pipeline is not valid: {first.Message}", diagnostics);
        }

        // Created before the run exists, so a missing API key is this request's 400, not a failed run.
        ICodergenBackend? backend;
        try
        {
            backend = CreateBackend(backendName);
        }
        catch (BackendConfigurationException exception)
        {
            return SubmitResult.Refused(StatusCodes.Status400BadRequest, exception.Message);
        }

        var context = ToContext(request.Context);
        var graph = prepared.Graph;
        var now = _time.GetUtcNow();
        ServedRun run;
        string directory;
        do
        {
            var id = NewRunId(graph, now);
            directory = Path.Combine(RunsRoot, id);
            run = ServedRun.CreateNew(id, directory, graph, hasPath ? displayPath : "inline", backendName, now);
        }
        while (Directory.Exists(directory) || !_runs.TryAdd(run.Id, run));

        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, ServeFileName), JsonSerializer.Serialize(new { backend = backendName }), cancellationToken).ConfigureAwait(false);
        if (sourceFile is null)
        {
            // The engine copies a file it runs into the run directory as pipeline.dot; inline source starts there.
            sourceFile = Path.Combine(directory, RunDirectory.PipelineFileName);
            await File.WriteAllTextAsync(sourceFile, text, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        }

        var runner = CreateRunner(run, backend, gates, request.Answers, context);
        var pipelineFile = sourceFile;
        run.TryStart(token => WithBackendAsync(backend, () => runner.RunFileAsync(pipelineFile, token)));
        return new SubmitResult(run, StatusCodes.Status201Created, null);
    }

    /// <summary>Resumes a run from its checkpoint; the error says why not (409) otherwise.</summary>
    public string? Resume(ServedRun run)
    {
        var status = run.Status;
        if (status is RunStatus.Running or RunStatus.Waiting)
        {
            return $"run '{run.Id}' is running already";
        }

        if (status == RunStatus.Succeeded)
        {
            return $"run '{run.Id}' has succeeded; start it again instead";
        }

        if (run.Graph is null)
        {
            return $"run '{run.Id}' has no valid {RunDirectory.PipelineFileName}, so the pipeline to resume is unknown";
        }

        var logsRoot = run.CurrentLogsRoot();
        if (!File.Exists(CheckpointStore.PathFor(logsRoot)))
        {
            return $"run '{run.Id}' stopped before its first checkpoint; start the pipeline again instead";
        }

        ICodergenBackend? backend;
        try
        {
            backend = CreateBackend(run.Backend);
        }
        catch (Exception exception) when (exception is BackendConfigurationException or ArgumentException)
        {
            return $"run '{run.Id}' ran with the '{run.Backend}' backend, which cannot be created now: {exception.Message}";
        }

        var runner = CreateRunner(run, backend, "web", answers: null, context: null);
        if (run.TryStart(token => WithBackendAsync(backend, () => runner.ResumeAsync(logsRoot, token))))
        {
            return null;
        }

        _ = DisposeAsync(backend);
        return $"run '{run.Id}' is running already";
    }

    /// <summary>Cancels every live run and waits for them to stop; their checkpoints stay for a later resume.</summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        var live = _runs.Values.Where(static r => r.IsLive).ToList();
        foreach (var run in live)
        {
            run.Cancel();
        }

        await Task.WhenAll(live.Select(static r => r.Execution)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _scan.Dispose();

    /// <summary>Gets whether <paramref name="id"/> can name a run directory (one path segment, no dots-only names).</summary>
    public static bool IsRunId(string id) =>
        id.Length is > 0 and <= 200 && id is not ("." or "..") && id.IndexOfAny(['/', '\\', '\0']) < 0;

    private static bool LooksLikeRun(string directory) =>
        File.Exists(Path.Combine(directory, RunManifest.FileName)) || File.Exists(CheckpointStore.PathFor(directory)) || File.Exists(Path.Combine(directory, "events.jsonl"));

    private static string NewRunId(PipelineGraph graph, DateTimeOffset now)
    {
        var stem = new StringBuilder();
        foreach (var c in graph.Id.Length > 0 ? graph.Id : "pipeline")
        {
            if (stem.Length < 40)
            {
                stem.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
            }
        }

        return stem + "-" + now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + RandomNumberGenerator.GetHexString(4, lowercase: true);
    }

    private static Dictionary<string, object?>? ToContext(Dictionary<string, JsonElement>? values)
    {
        if (values is null)
        {
            return null;
        }

        var context = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, element) in values)
        {
            // Scalars as the checkpoint reads them back (conditions compare strings); structures stay JSON.
            context[key] = element.ValueKind switch
            {
                JsonValueKind.String => element.GetString(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number when element.TryGetInt64(out var whole) => whole,
                JsonValueKind.Number => element.GetDouble(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => JsonNode.Parse(element.GetRawText()),
            };
        }

        return context;
    }

    private static async Task<PipelineResult> WithBackendAsync(ICodergenBackend? backend, Func<Task<PipelineResult>> run)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        finally
        {
            await DisposeAsync(backend).ConfigureAwait(false);
        }
    }

    private static async Task DisposeAsync(ICodergenBackend? backend)
    {
        switch (backend)
        {
            case IAsyncDisposable asynchronous:
                await asynchronous.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    // A router: nodes that name their own llm_backend run on it, the rest on the run's backend.
    private BackendRouter CreateBackend(string name) =>
        PipelineBackends.CreateRouter(name, new PipelineBackendOptions { WorkingDirectory = WorkspaceRoot, GetEnvironmentVariable = _environment });

    private static PipelineRunner CreateRunner(ServedRun run, ICodergenBackend? backend, string gates, IReadOnlyList<string>? answers, Dictionary<string, object?>? context)
    {
        IInterviewer web = new CallbackInterviewer(run.AskAsync);
        IInterviewer interviewer = gates == "auto_approve" ? AutoApproveInterviewer.Instance
            : answers is { Count: > 0 } ? new AnswersThenWebInterviewer(new QueueInterviewer(answers), web)
            : web;
        return new PipelineRunner(new PipelineRunOptions
        {
            LogsRoot = run.Directory,

            Backend = backend,

            // Backend failures are retried exactly when their category is retryable (never auth or config).
            ErrorClassifier = PipelineBackends.ErrorClassifier,
            Interviewer = interviewer,
            OnEvent = run.OnEngineEvent,
            InitialContext = context,
        });
    }
}
