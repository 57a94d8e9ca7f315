// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.CommandLine;
using Attractor.Server;

namespace Attractor.Cli.Commands;

/// <summary>
/// <c>attractor serve [--port N] [--host ADDRESS] [--workspace DIR] [--allow-remote] [--token TOKEN] [--graphviz PATH]</c>:
/// the pipeline engine over HTTP with a browser UI (attractor-spec §9.5; docs/server.md). Runs until Ctrl+C, which
/// cancels live runs (they keep their checkpoints and can be resumed by the next server). Exits 0, or 2 when the
/// server cannot start.
/// </summary>
public static class ServeCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "serve";

    /// <summary>Creates the command.</summary>
    /// <param name="console">Where the command writes.</param>
    public static Command Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);

        var port = new Option<int>("--port", "-p")
        {
            Description = "The port to listen on (0 picks a free one).",
            DefaultValueFactory = static _ => ServerOptions.DefaultPort,
        };
        var host = new Option<string>("--host")
        {
            Description = "The address to bind. Anything but a loopback address needs --allow-remote.",
            DefaultValueFactory = static _ => "127.0.0.1",
            HelpName = "address",
        };
        var workspace = new Option<string?>("--workspace", "-w")
        {
            Description = "The workspace root: pipeline paths are confined to it, runs live in its .attractor/runs and tool commands run in it. Default: the current directory.",
            HelpName = "dir",
        };
        var allowRemote = new Option<bool>("--allow-remote")
        {
            Description = "Allow a non-loopback --host. Submitted pipelines run their tool commands, so a bearer token is then required (generated and printed unless --token is given).",
        };
        var token = new Option<string?>("--token")
        {
            Description = "The bearer token every request must carry (at least 16 characters). Default: none on loopback, a generated one with --allow-remote.",
            HelpName = "token",
        };
        var graphviz = new Option<string?>("--graphviz")
        {
            Description = "The Graphviz 'dot' program that draws graphs. Default: 'dot' on the PATH; without it the UI draws them itself.",
            HelpName = "path",
        };

        var command = new Command(Name, "Serve the pipeline engine over HTTP with a browser UI: submit runs, watch them live, answer human gates.")
        {
            port,
            host,
            workspace,
            allowRemote,
            token,
            graphviz,
        };
        command.SetAction((parseResult, cancellationToken) => ServeAsync(
            new ServerOptions
            {
                Port = parseResult.GetValue(port),
                Host = parseResult.GetValue(host) ?? "127.0.0.1",
                WorkspaceRoot = parseResult.GetValue(workspace),
                AllowRemote = parseResult.GetValue(allowRemote),
                Token = parseResult.GetValue(token),
                GraphvizPath = parseResult.GetValue(graphviz),
            },
            console,
            cancellationToken));
        return command;
    }

    private static async Task<int> ServeAsync(ServerOptions options, CliConsole console, CancellationToken cancellationToken)
    {
        ServerHost server;
        try
        {
            server = await AttractorServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException exception)
        {
            await console.WriteProblemAsync(exception.Message, cancellationToken).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (IOException exception)
        {
            await console.WriteProblemAsync($"cannot listen on {options.Host}:{options.Port}: {exception.Message}", cancellationToken).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        await using (server.ConfigureAwait(false))
        {
            // Tool commands run in the current directory: the workspace, so relative paths in pipelines mean the same as for 'run' there.
            Environment.CurrentDirectory = server.WorkspaceRoot;
            var output = console.Out;
            await output.WriteLineAsync($"serving {server.WorkspaceRoot} at {server.BaseAddress} (Ctrl+C stops; live runs keep their checkpoints)".AsMemory(), cancellationToken).ConfigureAwait(false);
            if (server.Token is { } required)
            {
                await output.WriteLineAsync($"bearer token (send 'Authorization: Bearer <token>'; the page asks for it): {required}".AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: stop below.
            }

            await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await output.WriteLineAsync("stopped".AsMemory(), CancellationToken.None).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
