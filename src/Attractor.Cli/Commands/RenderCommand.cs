// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Attractor.Cli.Rendering;
using Attractor.Cli.Running;

namespace Attractor.Cli.Commands;

/// <summary>
/// <c>attractor render &lt;file.dot&gt; [--format svg|mermaid|dot] [--output PATH] [--run DIR | --last-run-in DIR] [--graphviz PATH]</c>:
/// draws a pipeline as SVG (through Graphviz), as a Mermaid flowchart in Markdown, or as plain DOT; nodes are
/// coloured by their outcome in a run. Exits 0, 2 (invalid pipeline, missing Graphviz, usage) or 3.
/// </summary>
public static class RenderCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "render";

    /// <summary>Creates the command.</summary>
    /// <param name="console">Where the command writes.</param>
    public static Command Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);

        var file = new Argument<string>("file") { Description = "The pipeline (.dot file) to draw." };
        var format = new Option<string>("--format")
        {
            Description = "svg (needs Graphviz 'dot'), mermaid (a Markdown file with a Mermaid flowchart) or dot (plain Graphviz input).",
            DefaultValueFactory = static _ => "svg",
        };
        format.AcceptOnlyFromAmong("svg", "mermaid", "dot");
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Where to write; '-' for standard output. Default: next to the pipeline, as <name>.svg, <name>.md or <name>.gv.",
            HelpName = "path",
        };
        var run = new Option<string?>("--run")
        {
            Description = "Colour nodes by their outcome in this run directory.",
            HelpName = "dir",
        };
        var lastRunIn = new Option<string?>("--last-run-in")
        {
            Description = "Colour nodes by the latest run of this pipeline under this directory (runs named <graph id>-..., as 'run' names them), if there is one.",
            HelpName = "dir",
        };
        var graphviz = new Option<string?>("--graphviz")
        {
            Description = "The Graphviz 'dot' program. Default: 'dot' on the PATH.",
            HelpName = "path",
        };

        var command = new Command(Name, "Draw a pipeline as SVG, Mermaid or DOT, coloured by a run's outcomes.")
        {
            file,
            format,
            output,
            run,
            lastRunIn,
            graphviz,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(run) is not null && result.GetResult(lastRunIn) is not null)
            {
                result.AddError("--run and --last-run-in cannot be used together.");
            }
        });
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new RenderRequest(
                parseResult.GetValue(file) ?? string.Empty,
                parseResult.GetValue(format) ?? "svg",
                parseResult.GetValue(output),
                parseResult.GetValue(run),
                parseResult.GetValue(lastRunIn),
                parseResult.GetValue(graphviz)),
            console,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(RenderRequest request, CliConsole console, CancellationToken cancellationToken)
    {
        if (!File.Exists(request.File))
        {
            await console.WriteProblemAsync($"'{request.File}' does not exist", cancellationToken).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        if (request.Run is { } runDirectory && !Directory.Exists(runDirectory))
        {
            await console.WriteProblemAsync($"--run '{runDirectory}' does not exist", cancellationToken).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var pipeline = await RunnablePipeline.LoadAsync(request.File, console, cancellationToken).ConfigureAwait(false);
        if (pipeline is null)
        {
            return ExitCodes.UsageError;
        }

        var graph = pipeline.Graph;
        var coloredBy = request.Run ?? (request.LastRunIn is { } runs ? RunOutcomes.FindLatestRun(runs, graph) : null);
        var outcomes = coloredBy is null
            ? new Dictionary<string, NodeOutcome>(StringComparer.Ordinal)
            : await RunOutcomes.ReadAsync(coloredBy, graph, cancellationToken).ConfigureAwait(false);

        string text;
        if (request.Format == "mermaid")
        {
            text = MermaidWriter.Write(graph, outcomes, Path.GetFileName(request.File));
        }
        else
        {
            text = GraphvizWriter.Write(graph, outcomes);
            if (request.Format == "svg")
            {
                var svg = await GraphvizAsync(request.Graphviz ?? "dot", text, console, cancellationToken).ConfigureAwait(false);
                if (svg is null)
                {
                    return ExitCodes.UsageError;
                }

                text = svg;
            }
        }

        var target = request.Output ?? Path.ChangeExtension(request.File, request.Format switch { "svg" => ".svg", "mermaid" => ".md", _ => ".gv" });
        if (target == "-")
        {
            await console.Out.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        // Unchanged content keeps its timestamp, so builds and editors watching the file see no change.
        if (!File.Exists(target) || !string.Equals(await File.ReadAllTextAsync(target, cancellationToken).ConfigureAwait(false), text, StringComparison.Ordinal))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(target));
            Directory.CreateDirectory(directory!);
            await File.WriteAllTextAsync(target, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken).ConfigureAwait(false);
        }

        var note = coloredBy is null ? string.Empty : $" (coloured by {PipelineSession.DisplayPath(Path.GetFullPath(coloredBy))})";
        await console.Out.WriteLineAsync($"rendered {target}{note}".AsMemory(), cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task<string?> GraphvizAsync(string dot, string input, CliConsole console, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(dot, ["-Tsvg"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process? process;
        try
        {
            process = Process.Start(startInfo);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            process = null;
        }

        if (process is null)
        {
            await console.WriteProblemAsync($"Graphviz '{dot}' was not found; install Graphviz (e.g. apt-get install graphviz) or use --format mermaid", cancellationToken).ConfigureAwait(false);
            return null;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            var svg = await stdout.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                var error = (await stderr.ConfigureAwait(false)).Trim().ReplaceLineEndings(" | ");
                await console.WriteProblemAsync($"Graphviz '{dot}' failed (exit code {process.ExitCode}): {error}", cancellationToken).ConfigureAwait(false);
                return null;
            }

            return svg;
        }
    }

    private sealed record RenderRequest(string File, string Format, string? Output, string? Run, string? LastRunIn, string? Graphviz);
}
