// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.CommandLine;
using Attractor.Cli.Running;
using Attractor.Pipelines;

namespace Attractor.Cli.Commands;

/// <summary>
/// <c>attractor resume &lt;logs-root&gt; [--simulate] [--auto-approve | --answers A,B,...]</c>: continues a
/// crashed or interrupted run from its checkpoint, with the pipeline copy kept in the run directory. Nodes
/// completed before the checkpoint do not run again; exit codes are those of <c>run</c>.
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

        var simulate = new Option<bool>("--simulate")
        {
            Description = "Run without an LLM backend: codergen nodes return simulated responses. (No backend exists yet, so this is always the case.)",
        };

        var gates = new HumanGateOptions();
        var command = new Command(Name, "Continue a crashed or interrupted run from its last checkpoint.")
        {
            logsRoot,
            simulate,
        };
        gates.AddTo(command);

        command.SetAction((parseResult, cancellationToken) => ResumeAsync(
            parseResult.GetValue(logsRoot) ?? string.Empty,
            parseResult.GetValue(simulate),
            gates.Read(parseResult),
            console,
            services ?? RunServices.Default,
            cancellationToken));

        return command;
    }

    private static async Task<int> ResumeAsync(string logsRoot, bool simulate, GateAnswers gates, CliConsole console, RunServices services, CancellationToken cancellationToken)
    {
        var problem = string.IsNullOrWhiteSpace(logsRoot) ? "an empty path was given"
            : !Directory.Exists(logsRoot) ? $"'{logsRoot}' does not exist"
            : !File.Exists(CheckpointStore.PathFor(logsRoot)) ? $"'{logsRoot}' has no {Checkpoint.FileName}: it is not a run directory, or the run never started"
            : !File.Exists(Path.Combine(logsRoot, RunDirectory.PipelineFileName)) ? $"'{logsRoot}' has no {RunDirectory.PipelineFileName}, so the pipeline to resume is unknown"
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

        var pipeline = await RunnablePipeline.LoadAsync(Path.Combine(logsRoot, RunDirectory.PipelineFileName), console, cancellationToken).ConfigureAwait(false);
        if (pipeline is null)
        {
            return ExitCodes.UsageError;
        }

        var request = new SessionRequest
        {
            Graph = pipeline.Graph,
            LogsRoot = Path.GetFullPath(logsRoot),
            Resume = true,
            Simulate = simulate,
            Gates = gates,
        };
        return await PipelineSession.RunAsync(request, console, services, cancellationToken).ConfigureAwait(false);
    }
}
