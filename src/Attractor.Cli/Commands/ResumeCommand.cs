// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.CommandLine;
using Attractor.Cli.Running;
using Attractor.Dot;
using Attractor.Pipelines;

namespace Attractor.Cli.Commands;

/// <summary>
/// <c>attractor resume &lt;logs-root&gt; [--backend simulate|llm|agent | --simulate] [--auto-approve | --answers A,B,...] [--assembly DLL] [--require-handlers]</c>:
/// continues a crashed or interrupted run from its checkpoint, with the pipeline copy kept in the run directory or,
/// with <c>--assembly</c>, through the project's generated runner. Nodes completed before the checkpoint do not run
/// again; exit codes are those of <c>run</c>. Unlike <c>run</c>, a custom node type without a handler always refuses
/// the resume (as <c>--require-handlers</c> does for <c>run</c>): resuming without <c>--assembly</c> is the easy
/// mistake, and the codergen fallback would silently stand in for the project's code.
/// </summary>
public static class ResumeCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "resume";

    /// <summary>Creates the command.</summary>
    /// <param name="console">Where the command writes.</param>
    /// <param name="services">Handler overrides and the clock; <see cref="RunServices.Default"/> when null.</param>
    public static Command Create(CliConsole console, RunServices? services = null)
    {
        ArgumentNullException.ThrowIfNull(console);

        var logsRoot = new Argument<string>("logs-root")
        {
            Description = "The run directory printed by 'attractor run' (it holds checkpoint.json and pipeline.dot).",
        };

        var backend = new BackendOptions();
        var gates = new HumanGateOptions();
        var runnerOptions = new RunnerOptions(
            "The compiled project whose generated runner started the run (named in its manifest.json, or matched by the pipeline's source path): the run continues through it, custom node types included.",
            "Accepted for symmetry with 'run': resume always refuses a node type that is neither built in nor implemented by the --assembly runner.");
        var command = new Command(Name, "Continue a crashed or interrupted run from its last checkpoint.")
        {
            logsRoot,
        };
        backend.AddTo(command);
        gates.AddTo(command);
        runnerOptions.AddTo(command);

        command.SetAction((parseResult, cancellationToken) => ResumeAsync(
            parseResult.GetValue(logsRoot) ?? string.Empty,
            backend.Read(parseResult),
            gates.Read(parseResult),
            parseResult.GetValue(runnerOptions.Assembly),
            console,
            services ?? RunServices.Default,
            cancellationToken));

        return command;
    }

    private static async Task<int> ResumeAsync(string logsRoot, string? backend, GateAnswers gates, string? assemblyPath, CliConsole console, RunServices services, CancellationToken cancellationToken)
    {
        var problem = string.IsNullOrWhiteSpace(logsRoot) ? "an empty path was given"
            : !Directory.Exists(logsRoot) ? $"'{logsRoot}' does not exist"
            : !File.Exists(CheckpointStore.PathFor(logsRoot)) ? $"'{logsRoot}' has no {Checkpoint.FileName}: it is not a run directory, or the run never started"
            : null;
        if (problem is null)
        {
            try
            {
                // Read up front so a damaged checkpoint is a clear usage problem, not an engine exception.
                _ = await CheckpointStore.LoadAsync(logsRoot, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException exception)
            {
                problem = exception.Message;
            }
        }

        if (problem is not null)
        {
            await console.WriteProblemAsync(problem, cancellationToken).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var problems = new List<string>();
        var manifest = await RunDirectory.TryReadManifestAsync(logsRoot, cancellationToken).ConfigureAwait(false);
        var compiled = assemblyPath is null ? null : FindRunner(assemblyPath, logsRoot, manifest, problems);
        if (await ReportAsync(problems, console, cancellationToken).ConfigureAwait(false))
        {
            return ExitCodes.UsageError;
        }

        PipelineGraph graph;
        if (compiled is not null)
        {
            // The class's own graph, as 'run --assembly' used: the run directory has no copy of it.
            graph = compiled.Graph;
        }
        else
        {
            var pipelinePath = Path.Combine(logsRoot, RunDirectory.PipelineFileName);
            if (!File.Exists(pipelinePath))
            {
                problem = manifest?.Runner is { } runner
                    ? $"'{logsRoot}' was run by the generated runner '{runner}', whose pipeline is compiled into its project: pass that project's assembly with --assembly"
                    : $"'{logsRoot}' has no {RunDirectory.PipelineFileName}, so the pipeline to resume is unknown";
                await console.WriteProblemAsync(problem, cancellationToken).ConfigureAwait(false);
                return ExitCodes.UsageError;
            }

            var pipeline = await RunnablePipeline.LoadAsync(pipelinePath, console, cancellationToken).ConfigureAwait(false);
            if (pipeline is null)
            {
                return ExitCodes.UsageError;
            }

            graph = pipeline.Graph;
            var where = assemblyPath is null
                ? "no --assembly was given"
                : $"'{assemblyPath}' has no runner for this run";
            RunnerRequest.CheckHandlers(graph, compiled: null, services, where, "Resuming would run it with the codergen handler; build the project that compiles this pipeline", problems);
            if (await ReportAsync(problems, console, cancellationToken).ConfigureAwait(false))
            {
                return ExitCodes.UsageError;
            }
        }

        // Without --backend, the run goes on where it started: on the backend its manifest records.
        if (backend is null && manifest?.Backend is { Length: > 0 } recorded)
        {
            backend = recorded;
            await console.WriteProblemAsync($"note: resuming on the '{recorded}' backend the run started on (manifest.json); pass --backend to choose another.", cancellationToken).ConfigureAwait(false);
        }

        var request = new SessionRequest
        {
            Graph = graph,
            LogsRoot = Path.GetFullPath(logsRoot),
            Resume = true,
            Backend = backend,
            Gates = gates,
            Runner = compiled,
        };
        return await PipelineSession.RunAsync(request, console, services, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Finds the generated runner that ran <paramref name="logsRoot"/>: the class its manifest names (runs started
    /// with <c>run --assembly</c>), else the one generated from the manifest's source file, found as <c>run</c> finds it.
    /// </summary>
    /// <returns>The runner, or null when the run directory identifies none in the assembly (then the pipeline copy is resumed).</returns>
    private static CompiledRunner? FindRunner(string assemblyPath, string logsRoot, RunManifest? manifest, List<string> problems)
    {
        if (!File.Exists(assemblyPath))
        {
            problems.Add($"--assembly '{assemblyPath}' does not exist");
            return null;
        }

        CompiledRunner? compiled;
        if (manifest?.Runner is { } runner)
        {
            compiled = CompiledRunner.FindByName(assemblyPath, runner, problems);
            if (compiled is null && problems.Count == 0)
            {
                // The run went through this class and nothing else can stand in for it.
                problems.Add($"'{assemblyPath}' has no generated runner '{runner}', which started '{logsRoot}'; pass the assembly of the project that ran it");
            }
        }
        else
        {
            compiled = manifest?.SourcePath is { } source ? CompiledRunner.Find(assemblyPath, source, problems) : null;
        }

        if (compiled is { CanResume: false })
        {
            problems.Add($"'{compiled.Type.FullName}' in '{assemblyPath}' has no generated ResumeAsync; rebuild the project with the Attractor.Build version of this tool");
            return null;
        }

        return compiled;
    }

    private static async Task<bool> ReportAsync(List<string> problems, CliConsole console, CancellationToken cancellationToken)
    {
        foreach (var problem in problems)
        {
            await console.WriteProblemAsync(problem, cancellationToken).ConfigureAwait(false);
        }

        return problems.Count > 0;
    }
}
