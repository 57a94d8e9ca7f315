// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.CommandLine;
using Attractor.Cli.Running;
using Attractor.Pipelines;

namespace Attractor.Cli.Commands;

/// <summary>
/// <c>attractor run &lt;file.dot&gt; [--logs-root DIR] [--backend simulate|llm|agent | --simulate] [--auto-approve | --answers A,B,...] [--set key=value]... [--assembly DLL] [--require-handlers]</c>:
/// validates a pipeline and runs it, exiting 0 (success), 1 (the pipeline failed), 2 (invalid pipeline or
/// usage problem), 3 (internal error) or 130 (interrupted; resumable).
/// </summary>
public static class RunCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "run";

    /// <summary>Creates the command.</summary>
    /// <param name="console">Where the command writes.</param>
    /// <param name="services">Handler overrides and the clock; <see cref="RunServices.Default"/> when null.</param>
    public static Command Create(CliConsole console, RunServices? services = null)
    {
        ArgumentNullException.ThrowIfNull(console);

        var file = new Argument<string>("file")
        {
            Description = "The pipeline (.dot file) to run.",
        };

        var logsRoot = new Option<string?>("--logs-root")
        {
            Description = "The run directory (checkpoint, events, stage outputs). Default: .attractor/runs/<pipeline>-<yyyyMMdd-HHmmss> under the current directory.",
            HelpName = "dir",
        };

        var set = new Option<string[]>("--set")
        {
            Description = "Put a value into the run context before the start node, e.g. --set ticket=ABC-123. Repeatable.",
            HelpName = "key=value",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };

        var backend = new BackendOptions();
        var gates = new HumanGateOptions();
        var runnerOptions = new RunnerOptions();
        var command = new Command(Name, "Validate a pipeline and run it, showing progress; human gates ask at the terminal unless --auto-approve or --answers is given.")
        {
            file,
            logsRoot,
            set,
        };
        backend.AddTo(command);
        gates.AddTo(command);
        runnerOptions.AddTo(command);

        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(file) ?? string.Empty,
            parseResult.GetValue(logsRoot),
            backend.Read(parseResult),
            gates.Read(parseResult),
            parseResult.GetValue(set) ?? [],
            new RunnerRequest(parseResult.GetValue(runnerOptions.Assembly), parseResult.GetValue(runnerOptions.RequireHandlers)),
            console,
            services ?? RunServices.Default,
            cancellationToken));

        return command;
    }

    private static async Task<int> RunAsync(string file, string? logsRoot, string? backend, GateAnswers gates, IReadOnlyList<string> assignments, RunnerRequest runnerRequest, CliConsole console, RunServices services, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var initialContext = ContextAssignments.Parse(assignments, problems);
        if (string.IsNullOrWhiteSpace(file))
        {
            problems.Add("an empty path was given");
        }
        else if (Directory.Exists(file))
        {
            problems.Add($"'{file}' is a directory; run takes one pipeline file");
        }
        else if (!File.Exists(file))
        {
            problems.Add($"'{file}' does not exist");
        }

        string? fullLogsRoot = null;
        if (logsRoot is not null)
        {
            fullLogsRoot = TryGetFullPath(logsRoot, problems);
            if (fullLogsRoot is not null && File.Exists(CheckpointStore.PathFor(fullLogsRoot)))
            {
                // A fresh run would overwrite the checkpoint of the run that is there.
                problems.Add($"'{logsRoot}' already holds a run; continue it with 'attractor resume {logsRoot}', or pick another --logs-root");
            }
            else if (File.Exists(fullLogsRoot))
            {
                problems.Add($"--logs-root '{logsRoot}' is a file");
            }
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await console.WriteProblemAsync(problem, cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.UsageError;
        }

        var pipeline = await RunnablePipeline.LoadAsync(file, console, cancellationToken).ConfigureAwait(false);
        if (pipeline is null)
        {
            return ExitCodes.UsageError;
        }

        var compiled = RunnerRequest.Resolve(runnerRequest, file, pipeline.Graph, services, problems);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await console.WriteProblemAsync(problem, cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.UsageError;
        }

        var graph = compiled?.Graph ?? pipeline.Graph;
        var name = graph.Id.Length > 0 ? graph.Id : Path.GetFileNameWithoutExtension(file);
        var request = new SessionRequest
        {
            Graph = graph,
            LogsRoot = fullLogsRoot ?? RunDirectory.CreateDefaultPath(name, services.TimeProvider.GetUtcNow()),
            Backend = backend,
            Gates = gates,
            InitialContext = initialContext.Count > 0 ? initialContext : null,
            Runner = compiled,
        };
        return await PipelineSession.RunAsync(request, console, services, cancellationToken).ConfigureAwait(false);
    }

    private static string? TryGetFullPath(string path, List<string> problems)
    {
        try
        {
            if (!string.IsNullOrWhiteSpace(path))
            {
                return Path.GetFullPath(path);
            }
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            problems.Add($"--logs-root '{path}' is not a valid path: {exception.Message}");
            return null;
        }

        problems.Add("--logs-root is empty");
        return null;
    }
}
