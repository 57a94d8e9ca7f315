// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using Attractor.Dot;
using Attractor.Pipelines;
using Attractor.Pipelines.Events;
using Attractor.Pipelines.Human;
using Attractor.Server.Api;

namespace Attractor.Server.Runs;

/// <summary>
/// One run the server knows: started here, or found in the workspace's run directories. Its state (status,
/// node states, pending questions) is folded from its events; every change also goes into its
/// <see cref="RunEventLog"/> so event streams see it. One lock guards all of it.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "The cancellation source lives for one execution and is disposed when it ends.")]
internal sealed class ServedRun
{
    private readonly Lock _gate = new();
    private readonly NodeStateTracker _nodes;
    private readonly Dictionary<string, PendingQuestion> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _closed = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, NodeState>> _changes = [];
    private Lifecycle _lifecycle;
    private string? _error;
    private string? _currentNode;
    private string? _publishedStatus;
    private CancellationTokenSource? _cancel;
    private Task _execution = Task.CompletedTask;
    private bool _live;

    private ServedRun(string id, string directory, PipelineGraph? graph, string name, string goal, DateTimeOffset? startedAt, string source, string backend)
    {
        Backend = backend;
        Id = id;
        Directory = directory;
        Graph = graph;
        Name = name;
        Goal = goal;
        StartedAt = startedAt;
        Source = source;
        Log = new RunEventLog(_gate);
        _nodes = new NodeStateTracker(graph?.Nodes.Select(static n => n.Id) ?? []);
    }

    private enum Lifecycle
    {
        None,
        Started,
        Completed,
        Failed,
        Cancelled,
    }

    /// <summary>Gets the run's ID: its directory's name under the runs root.</summary>
    public string Id { get; }

    /// <summary>Gets the run directory (the first one, when <c>loop_restart</c> made more).</summary>
    public string Directory { get; }

    /// <summary>Gets the pipeline, or null when the run directory has no readable <c>pipeline.dot</c>.</summary>
    public PipelineGraph? Graph { get; }

    public string Name { get; }

    public string Goal { get; }

    public DateTimeOffset? StartedAt { get; }

    /// <summary>Gets where the pipeline came from: a workspace-relative path, <c>inline</c>, or <c>disk</c> for runs found on start.</summary>
    public string Source { get; }

    /// <summary>Gets the pipeline backend the run was started with (<c>simulate</c> for runs the server did not start).</summary>
    public string Backend { get; }

    public RunEventLog Log { get; }

    public Lock Gate => _gate;

    /// <summary>Gets the task of the current execution (completed when none).</summary>
    public Task Execution
    {
        get
        {
            lock (_gate)
            {
                return _execution;
            }
        }
    }

    public bool IsLive
    {
        get
        {
            lock (_gate)
            {
                return _live;
            }
        }
    }

    public RunStatus Status
    {
        get
        {
            lock (_gate)
            {
                return StatusCore();
            }
        }
    }

    /// <summary>Creates a run about to be started here.</summary>
    public static ServedRun CreateNew(string id, string directory, PipelineGraph graph, string source, string backend, DateTimeOffset startedAt)
    {
        var name = graph.Label.Length > 0 ? graph.Label : graph.Id.Length > 0 ? graph.Id : id;
        return new ServedRun(id, directory, graph, name, graph.Goal, startedAt, source, backend);
    }

    /// <summary>Loads a run directory found on disk: its manifest, pipeline copy and event log.</summary>
    public static async Task<ServedRun> LoadAsync(string id, string directory, CancellationToken cancellationToken)
    {
        var manifest = await RunDirectory.TryReadManifestAsync(directory, cancellationToken).ConfigureAwait(false);
        PipelineGraph? graph = null;
        var pipelinePath = Path.Combine(directory, RunDirectory.PipelineFileName);
        if (File.Exists(pipelinePath))
        {
            var text = await File.ReadAllTextAsync(pipelinePath, cancellationToken).ConfigureAwait(false);
            var prepared = PipelineLoader.Default.Load(text, pipelinePath);
            graph = prepared.HasErrors ? null : prepared.Graph;
        }

        var name = manifest?.Name is { Length: > 0 } named ? named : graph?.Id ?? id;
        var run = new ServedRun(id, directory, graph, name, manifest?.Goal ?? graph?.Goal ?? string.Empty, manifest?.StartTime, "disk", await ReadBackendAsync(directory, cancellationToken).ConfigureAwait(false));
        foreach (var root in LogsRoots(directory))
        {
            var log = Path.Combine(root, "events.jsonl");
            if (!File.Exists(log))
            {
                continue;
            }

            // Shared for writing: a run of another process may still be appending.
            var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.Asynchronous);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Length > 0)
                {
                    run.AddLoggedEvent(line);
                }
            }
        }

        lock (run._gate)
        {
            run._publishedStatus = run.StatusKey();
            run.Log.Seal();
        }

        return run;
    }

    /// <summary>Gets the run directory the engine writes now: the last <c>-restart-N</c> one, else <see cref="Directory"/>.</summary>
    public string CurrentLogsRoot() => LogsRoots(Directory).Last();

    /// <summary>Starts (or resumes) the run's execution; false when it is live already.</summary>
    public bool TryStart(Func<CancellationToken, Task<PipelineResult>> execute)
    {
        lock (_gate)
        {
            if (_live)
            {
                return false;
            }

            _live = true;
            _cancel = new CancellationTokenSource();
            _error = null;
            PublishStatusIfChanged();
            var token = _cancel.Token;
            _execution = Task.Run(() => RunAsync(execute, token), CancellationToken.None);
            return true;
        }
    }

    /// <summary>Cancels the live execution; false when the run is not live.</summary>
    public bool Cancel()
    {
        CancellationTokenSource? cancel;
        lock (_gate)
        {
            if (!_live)
            {
                return false;
            }

            cancel = _cancel;
        }

        cancel?.Cancel();
        return true;
    }

    /// <summary>Receives an engine event (called by the engine, in order, on its thread).</summary>
    public void OnEngineEvent(PipelineEvent pipelineEvent)
    {
        var json = JsonSerializer.Serialize(pipelineEvent, ServerJson.Events);
        lock (_gate)
        {
            Log.AppendEvent(json);
            Apply(pipelineEvent);
            PublishNodeChanges();
            PublishStatusIfChanged();
        }
    }

    /// <summary>Asks a question on the web and waits for its answer (the web interviewer's callback).</summary>
    public async Task<Answer> AskAsync(Question question, CancellationToken cancellationToken)
    {
        var pending = new PendingQuestion(RandomNumberGenerator.GetHexString(12, lowercase: true), question, DateTimeOffset.UtcNow);
        CancellationToken runToken;
        lock (_gate)
        {
            runToken = _cancel?.Token ?? CancellationToken.None;
            _pending[pending.Id] = pending;
            Log.AppendNotice("question", JsonSerializer.Serialize(ToView(pending), ServerJson.Api));
            PublishStatusIfChanged();
        }

        try
        {
            return await pending.Answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                if (_pending.Remove(pending.Id))
                {
                    // Not answered: the question's timeout or the run's cancellation ended the wait.
                    Close(pending.Id, runToken.IsCancellationRequested ? "cancelled" : "timed out");
                }
            }
        }
    }

    /// <summary>Answers a pending question.</summary>
    public AnswerOutcome TryAnswer(string questionId, AnswerRequest request, out string message)
    {
        PendingQuestion? pending;
        Answer? answer;
        lock (_gate)
        {
            if (!_pending.TryGetValue(questionId, out pending))
            {
                if (_closed.TryGetValue(questionId, out var reason))
                {
                    message = $"question '{questionId}' is no longer pending: it was {reason}";
                    return AnswerOutcome.Conflict;
                }

                message = $"run '{Id}' has no question '{questionId}'";
                return AnswerOutcome.NotFound;
            }

            answer = AnswerParser.Parse(request, pending.Question, out var problem);
            if (answer is null)
            {
                message = problem ?? "the answer does not fit the question";
                return AnswerOutcome.Invalid;
            }

            _pending.Remove(questionId);
            Close(questionId, "answered");
        }

        pending.Answer.TrySetResult(answer);
        message = "answered";
        return AnswerOutcome.Answered;
    }

    public IReadOnlyList<QuestionView> Questions()
    {
        lock (_gate)
        {
            return [.. _pending.Values.OrderBy(static q => q.AskedAt).Select(ToView)];
        }
    }

    public RunSummary Summary()
    {
        lock (_gate)
        {
            return SummaryCore();
        }
    }

    public IReadOnlyDictionary<string, NodeState> NodeStates()
    {
        lock (_gate)
        {
            return new Dictionary<string, NodeState>(_nodes.States, StringComparer.Ordinal);
        }
    }

    /// <summary>Gets the frames a new subscriber receives first: engine events after <paramref name="afterId"/>, then the current status, node states and pending questions.</summary>
    public (List<SseFrame> Frames, int Position) Subscribe(long afterId)
    {
        lock (_gate)
        {
            var (frames, position) = Log.Replay(afterId);
            frames.Add(SseFrame.ForNotice("status", JsonSerializer.Serialize(StatusNotice(), ServerJson.Api)));
            frames.Add(SseFrame.ForNotice("nodes", JsonSerializer.Serialize(new { nodes = _nodes.States }, ServerJson.Api)));
            foreach (var pending in _pending.Values.OrderBy(static q => q.AskedAt))
            {
                frames.Add(SseFrame.ForNotice("question", JsonSerializer.Serialize(ToView(pending), ServerJson.Api)));
            }

            return (frames, position);
        }
    }

    private static async Task<string> ReadBackendAsync(string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, RunRegistry.ServeFileName);
        if (!File.Exists(path))
        {
            return Attractor.Backends.PipelineBackends.Simulate;
        }

        try
        {
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
            return json.RootElement.TryGetProperty("backend", out var backend) && backend.GetString() is { Length: > 0 } name ? name : Attractor.Backends.PipelineBackends.Simulate;
        }
        catch (JsonException)
        {
            return Attractor.Backends.PipelineBackends.Simulate;
        }
    }

    private static IEnumerable<string> LogsRoots(string directory)
    {
        yield return directory;
        for (var restart = 1; System.IO.Directory.Exists(RunDirectory.RestartPath(directory, restart)); restart++)
        {
            yield return RunDirectory.RestartPath(directory, restart);
        }
    }

    private static string StatusText(RunStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    private static QuestionView ToView(PendingQuestion pending)
    {
        var question = pending.Question;
        var timeout = QuestionTimeouts.TryGetTimeout(question, out var value) ? value.TotalSeconds : (double?)null;
        return new QuestionView(
            pending.Id,
            question.Text,
            question.Type.ToWireName(),
            question.Stage,
            [.. question.Options.Select(static o => new OptionView(o.Key, o.Label))],
            pending.AskedAt,
            timeout,
            question.Default?.SelectedOption?.Key ?? question.Default?.Text);
    }

    private async Task RunAsync(Func<CancellationToken, Task<PipelineResult>> execute, CancellationToken cancellationToken)
    {
        string? error = null;
        var cancelled = false;
        try
        {
            var result = await execute(cancellationToken).ConfigureAwait(false);
            error = result.Succeeded ? null : result.FailureReason;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }
        catch (Exception exception)
        {
            // A run that cannot start (its directory, its checkpoint) fails with the reason; the server goes on.
            error = exception.Message;
        }

        lock (_gate)
        {
            _live = false;
            Log.Seal();
            _cancel?.Dispose();
            _cancel = null;
            if (cancelled)
            {
                _lifecycle = Lifecycle.Cancelled;
            }
            else if (error is not null)
            {
                _lifecycle = Lifecycle.Failed;
                _error = error;
            }

            PublishStatusIfChanged();
        }
    }

    private void AddLoggedEvent(string line)
    {
        PipelineEvent? pipelineEvent;
        try
        {
            pipelineEvent = JsonSerializer.Deserialize<PipelineEvent>(line, ServerJson.Events);
        }
        catch (JsonException)
        {
            // A line of a newer engine or a torn last line: replayed as it is, not folded.
            pipelineEvent = null;
        }
        catch (NotSupportedException)
        {
            pipelineEvent = null;
        }

        lock (_gate)
        {
            Log.AppendEvent(line);
            if (pipelineEvent is not null)
            {
                Apply(pipelineEvent);
                _changes.Clear();
            }
        }
    }

    private void Apply(PipelineEvent pipelineEvent)
    {
        _nodes.Apply(pipelineEvent, _changes);
        switch (pipelineEvent)
        {
            case PipelineStarted:
                _lifecycle = Lifecycle.Started;
                _error = null;
                break;
            case PipelineCompleted:
                _lifecycle = Lifecycle.Completed;
                _currentNode = null;
                break;
            case PipelineFailed failed:
                // The engine's word for a cancelled run; a resume continues it like any interrupted one.
                _lifecycle = failed.Error == "Cancelled" ? Lifecycle.Cancelled : Lifecycle.Failed;
                _error = _lifecycle == Lifecycle.Failed ? failed.Error : null;
                _currentNode = null;
                break;
            case StageStarted started:
                _currentNode = started.Name;
                break;
        }
    }

    private RunStatus StatusCore()
    {
        if (_live)
        {
            return _pending.Count > 0 ? RunStatus.Waiting : RunStatus.Running;
        }

        return _lifecycle switch
        {
            Lifecycle.Completed => RunStatus.Succeeded,
            Lifecycle.Failed => RunStatus.Failed,
            Lifecycle.Cancelled => RunStatus.Cancelled,
            _ => RunStatus.Interrupted,
        };
    }

    private RunSummary SummaryCore() => new(
        Id,
        Name,
        Goal,
        StatusCore(),
        StartedAt,
        Source,
        Backend,
        _currentNode,
        _pending.Count,
        Log.LastEventId,
        _error);

    private object StatusNotice() => new { status = StatusCore(), error = _error, current_node = _currentNode, pending_questions = _pending.Count, last_event_id = Log.LastEventId };

    private string StatusKey() => StatusText(StatusCore()) + "|" + _currentNode + "|" + _error;

    private void PublishNodeChanges()
    {
        foreach (var change in _changes)
        {
            Log.AppendNotice("node", JsonSerializer.Serialize(new { node = change.Key, state = change.Value }, ServerJson.Api));
        }

        _changes.Clear();
    }

    private void PublishStatusIfChanged()
    {
        var status = StatusKey();
        if (status == _publishedStatus)
        {
            return;
        }

        _publishedStatus = status;
        Log.AppendNotice("status", JsonSerializer.Serialize(StatusNotice(), ServerJson.Api));
    }

    private void Close(string questionId, string reason)
    {
        _closed[questionId] = reason;
        Log.AppendNotice("question_closed", JsonSerializer.Serialize(new { id = questionId, reason }, ServerJson.Api));
        PublishStatusIfChanged();
    }
}
