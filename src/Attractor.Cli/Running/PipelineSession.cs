// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Backends;
using Attractor.Cli.Progress;
using Attractor.Dot;
using Attractor.Pipelines;
using Attractor.Pipelines.Human;

namespace Attractor.Cli.Running;

/// <summary>
/// Runs or resumes one pipeline for <c>run</c> and <c>resume</c>: shows progress, answers gates as asked,
/// turns the outcome into an exit code and ends with the summary line (and, when the run was interrupted,
/// the command that resumes it).
/// </summary>
internal static class PipelineSession
{
    public static async Task<int> RunAsync(SessionRequest request, CliConsole console, RunServices services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(services);

        // Before anything is written: a missing key stops the command before the run starts.
        // The backend exists before the progress display that shows its agents' steps: a forwarder joins them.
        var agentEvents = new AgentEventForwarder();
        var backend = BackendSelection.Create(request.Backend, request.Graph, services, agentEvents.Forward);
        if (backend.Problem is { } backendProblem)
        {
            await console.WriteProblemAsync(backendProblem, cancellationToken).ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }

        try
        {
            return await RunAsync(request, backend, agentEvents, console, services, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await PipelineBackends.DisposeAsync(backend.Backend).ConfigureAwait(false);
        }
    }

    private static async Task<int> RunAsync(SessionRequest request, BackendChoice backend, AgentEventForwarder agentEvents, CliConsole console, RunServices services, CancellationToken cancellationToken)
    {
        var time = services.TimeProvider;
        var origin = time.GetUtcNow();
        var started = time.GetTimestamp();
        var graph = request.Graph;
        var shownRoot = DisplayPath(request.LogsRoot);

        var verb = request.Resume ? "resuming" : "running";
        await console.Out.WriteLineAsync($"{verb} {Name(graph)}; logs: {shownRoot}".AsMemory(), cancellationToken).ConfigureAwait(false);
        if (backend.Note is { } note)
        {
            await console.WriteProblemAsync(note, cancellationToken).ConfigureAwait(false);
        }

        using var abort = new RunAbort(cancellationToken);
        var progress = CreateProgress(console, graph, time, origin, shownRoot);
        var interviewer = CreateInterviewer(request.Gates, console, abort, progress);
        agentEvents.Target = progress.PublishAgent;
        PipelineResult? result = null;
        try
        {
            var options = new PipelineRunOptions
            {
                LogsRoot = request.LogsRoot,

                // A router: each node runs on the backend it selects, the rest on the chosen one.
                Backend = backend.Backend,
                BackendName = backend.Name,

                // Backend failures are retried exactly when their category is retryable (never auth or config).
                ErrorClassifier = PipelineBackends.ErrorClassifier,
                Interviewer = interviewer,
                OnEvent = progress.Publish,
                InitialContext = request.InitialContext,
                Handlers = services.Handlers,
                TimeProvider = time,

                // Its graph is compiled into the class, so the run directory gets no pipeline.dot: the manifest
                // names the class instead, for 'attractor resume --assembly'.
                Runner = request.Runner?.Type.FullName,
            };
            var runner = new PipelineRunner(options);

            var rendering = progress.RenderAsync();
            try
            {
                result = (request.Resume, request.Runner) switch
                {
                    (true, { } compiled) => await compiled.ResumeAsync(request.LogsRoot, options, abort.Token).ConfigureAwait(false),
                    (true, null) => await runner.ResumeAsync(graph, request.LogsRoot, abort.Token).ConfigureAwait(false),
                    (false, { } compiled) => await compiled.RunAsync(options, abort.Token).ConfigureAwait(false),
                    (false, null) => await runner.RunAsync(graph, abort.Token).ConfigureAwait(false),
                };
            }
            catch (OperationCanceledException) when (abort.Token.IsCancellationRequested)
            {
                // Reported below: the checkpoint names the last completed node, so the run can be resumed.
            }
            finally
            {
                progress.Complete();
                try
                {
                    await rendering.ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    // A display bug must not turn a finished run into a crash: the outcome and summary still count.
                    await console.WriteProblemAsync("the progress display failed: " + exception.Message, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            (interviewer as IDisposable)?.Dispose();
            (progress as IDisposable)?.Dispose();
        }

        var elapsed = time.GetElapsedTime(started);

        // From here on output is written even after Ctrl+C: the user needs the summary and the resume command.
        var output = console.Out;
        if (result is not null)
        {
            if (!result.Succeeded)
            {
                var reason = result.FailureReason.Length > 0 ? result.FailureReason : "the pipeline failed";
                await output.WriteLineAsync(("failure: " + ProgressLineFormatter.OneLine(reason)).AsMemory(), CancellationToken.None).ConfigureAwait(false);
            }

            var status = result.Succeeded ? "succeeded" : "failed";
            await output.WriteLineAsync(RunSummary.Format(status, result.CompletedNodes.Count, elapsed, DisplayPath(result.LogsRoot)).AsMemory(), CancellationToken.None).ConfigureAwait(false);
            return result.Succeeded ? ExitCodes.Success : ExitCodes.PipelineFailed;
        }

        var completed = await CountCompletedAsync(request.LogsRoot).ConfigureAwait(false);

        // A run through a compiled runner resumes through it too, or its custom nodes would have no handler.
        var assembly = request.Runner is { } used ? " --assembly " + Quote(used.AssemblyPath) : string.Empty;
        if (abort.Reason is { } problem)
        {
            await console.WriteProblemAsync(problem, CancellationToken.None).ConfigureAwait(false);
            await output.WriteLineAsync(RunSummary.Format("stopped", completed, elapsed, shownRoot).AsMemory(), CancellationToken.None).ConfigureAwait(false);
            await output.WriteLineAsync($"to continue: attractor resume {Quote(shownRoot)}{assembly} --answers ... (or --auto-approve)".AsMemory(), CancellationToken.None).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        await output.WriteLineAsync(RunSummary.Format("cancelled", completed, elapsed, shownRoot).AsMemory(), CancellationToken.None).ConfigureAwait(false);
        await output.WriteLineAsync($"to continue: attractor resume {Quote(shownRoot)}{assembly}".AsMemory(), CancellationToken.None).ConfigureAwait(false);
        return ExitCodes.Cancelled;
    }

    /// <summary>Shows a path relative to the current directory when it lies below it, else absolute.</summary>
    public static string DisplayPath(string fullPath)
    {
        ArgumentNullException.ThrowIfNull(fullPath);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative;
    }

    private static string Name(PipelineGraph graph) =>
        graph.Label.Length > 0 ? graph.Label : graph.Id.Length > 0 ? graph.Id : "pipeline";

    private static string Quote(string path) =>
        path.Any(static c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '&' or ';') ? "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'" : path;

    private static IRunProgress CreateProgress(CliConsole console, PipelineGraph graph, TimeProvider time, DateTimeOffset origin, string shownRoot)
    {
        var formatter = ProgressLineFormatter.ForGraph(graph);
        if (!console.IsOutputTerminal)
        {
            return new PlainProgress(formatter, console.Out, origin);
        }

        var board = new StageBoard(graph.Nodes.ToDictionary(static n => n.Id, static n => n.HandlerType, StringComparer.Ordinal));
        return new LiveProgress(LiveProgress.CreateConsole(console.Out, console.UseColor), board, time, shownRoot);
    }

    private static IInterviewer CreateInterviewer(GateAnswers gates, CliConsole console, RunAbort abort, IRunProgress progress) => gates.Mode switch
    {
        GateAnswerMode.AutoApprove => AutoApproveInterviewer.Instance,
        GateAnswerMode.List => new AnswerListInterviewer(gates.Answers, abort),
        // With standard output redirected (| tee, > log) the questions go to standard error, which is
        // still the terminal the human types in: a question written into a log file would wait forever unseen.
        _ when console.IsInputTerminal => new TerminalInterviewer(console.In, console.IsOutputTerminal ? console.Out : console.Error, progress),
        _ => new NonInteractiveInterviewer(abort),
    };

    private static async Task<int> CountCompletedAsync(string logsRoot)
    {
        try
        {
            var checkpoint = await CheckpointStore.LoadAsync(logsRoot, CancellationToken.None).ConfigureAwait(false);
            return checkpoint.CompletedNodes.Count;
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            // Interrupted before the first checkpoint: nothing completed.
            return 0;
        }
    }
}
