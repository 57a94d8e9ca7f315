// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.CommandLine;
using System.CommandLine.Help;
using Attractor.Cli.Commands;
using Attractor.Cli.Running;

namespace Attractor.Cli;

/// <summary>
/// The <c>attractor</c> command line. <see cref="Program"/> only forwards to <see cref="RunAsync(string[], CliConsole, Running.RunServices?, CancellationToken)"/>,
/// so tests run the whole tool in-process with their own writers.
/// </summary>
public static class CliApplication
{
    /// <summary>The tool's command name, as installed by <c>dotnet tool install</c>.</summary>
    public const string ToolCommandName = "attractor";

    /// <summary>Builds the command tree. New commands are added here.</summary>
    /// <param name="console">Where the commands write.</param>
    /// <param name="services">What <c>run</c> and <c>resume</c> plug into the engine; <see cref="RunServices.Default"/> when null.</param>
    public static Command CreateRootCommand(CliConsole console, RunServices? services = null)
    {
        ArgumentNullException.ThrowIfNull(console);

        // Not RootCommand: it names itself after the entry assembly (Attractor.Cli), but help must
        // show the command users type.
        var root = new Command(ToolCommandName, "Attractor.Build: validate, run and resume Graphviz DOT pipelines, and run a coding agent.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Subcommands.Add(ValidateCommand.Create(console));
        root.Subcommands.Add(RunCommand.Create(console, services));
        root.Subcommands.Add(ResumeCommand.Create(console, services));
        root.Subcommands.Add(RenderCommand.Create(console));
        root.Subcommands.Add(AgentCommand.Create(console, services));
        root.Subcommands.Add(ServeCommand.Create(console));
        root.Subcommands.Add(StatsCommand.Create(console));
        return root;
    }

    /// <summary>Runs the tool with the given arguments and returns the process exit code.</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="useColor">Whether ANSI colours may be written to <paramref name="stdout"/>.</param>
    /// <param name="cancellationToken">Stops the command.</param>
    /// <returns>An <see cref="ExitCodes"/> value.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, bool useColor = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        return RunAsync(args, new CliConsole(stdout, stderr, useColor), services: null, cancellationToken);
    }

    /// <summary>Runs the tool on a console and returns the process exit code.</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="console">Standard streams and what is known about them (terminals, colour).</param>
    /// <param name="services">What <c>run</c> and <c>resume</c> plug into the engine; <see cref="RunServices.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops the command, as Ctrl+C does: a run then exits with <see cref="ExitCodes.Cancelled"/>.</param>
    /// <returns>An <see cref="ExitCodes"/> value.</returns>
    public static async Task<int> RunAsync(string[] args, CliConsole console, RunServices? services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var stdout = console.Out;
        var stderr = console.Error;

        var parseResult = CreateRootCommand(console, services).Parse(args);

        // System.CommandLine exits with 1 on a parse error, which is our "pipeline invalid" code;
        // a wrong command line is a usage problem (2), so parse errors are reported here instead.
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await console.WriteProblemAsync(error.Message, cancellationToken).ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("Run 'attractor --help' for usage.".AsMemory(), cancellationToken).ConfigureAwait(false);
            await stderr.FlushAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        // Our own handler instead of System.CommandLine's, so a bug gets its own exit code rather
        // than 1, which scripts would read as "the pipeline is invalid".
        // ProcessTerminationTimeout = null: Program owns Ctrl+C/SIGTERM and cancels the token, and a run may
        // need longer than System.CommandLine's 2 s grace to stop its tools and save its state.
        var configuration = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        int exitCode;
        try
        {
            exitCode = await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted before a run started (a run reports its own interruption): nothing to resume.
            await console.WriteProblemAsync("cancelled", CancellationToken.None).ConfigureAwait(false);
            exitCode = ExitCodes.Cancelled;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await console.WriteProblemAsync("internal error, please report it: " + exception, CancellationToken.None).ConfigureAwait(false);
            exitCode = ExitCodes.InternalError;
        }

        // Not the command's token: after Ctrl+C the summary and the resume command must still reach the user.
        await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        await stderr.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return exitCode;
    }
}
