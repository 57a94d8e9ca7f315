// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.CommandLine;
using Attractor.Cli.Inputs;
using Attractor.Cli.Output;
using Attractor.Dot;

namespace Attractor.Cli.Commands;

/// <summary>
/// <c>attractor validate &lt;file-or-dir&gt;... [--format text|json]</c>: parses, transforms and lints
/// pipelines without running them, and exits 0 (no errors), 1 (errors) or 2 (usage or I/O problem).
/// </summary>
public static class ValidateCommand
{
    /// <summary>The command's name.</summary>
    public const string Name = "validate";

    /// <summary>Creates the command.</summary>
    /// <param name="console">Where the command writes.</param>
    /// <param name="loader">The loader; <see cref="PipelineLoader.Default"/> when null.</param>
    public static Command Create(CliConsole console, PipelineLoader? loader = null)
    {
        ArgumentNullException.ThrowIfNull(console);

        var paths = new Argument<string[]>("file-or-dir")
        {
            Description = "Pipeline files, or directories searched recursively for *.dot files.",
            Arity = ArgumentArity.OneOrMore,
        };

        var format = new Option<string>("--format")
        {
            Description = "Output format: 'text' (one diagnostic per line, MSBuild style) or 'json'.",
            DefaultValueFactory = static _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");

        var command = new Command(Name, "Check pipelines for syntax and lint problems without running them.")
        {
            paths,
            format,
        };

        command.SetAction((parseResult, cancellationToken) =>
        {
            var outputFormat = string.Equals(parseResult.GetValue(format), "json", StringComparison.Ordinal) ? OutputFormat.Json : OutputFormat.Text;
            return RunAsync(parseResult.GetValue(paths) ?? [], outputFormat, console, loader ?? PipelineLoader.Default, cancellationToken);
        });

        return command;
    }

    /// <summary>Validates the pipelines at the given paths and writes a report.</summary>
    /// <param name="paths">Files or directories, as typed.</param>
    /// <param name="format">The report format.</param>
    /// <param name="console">Where to write.</param>
    /// <param name="loader">Loads each pipeline.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>An <see cref="ExitCodes"/> value.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> paths, OutputFormat format, CliConsole console, PipelineLoader loader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(loader);

        // A mistyped path is reported before anything is validated: a partial report would
        // look like a verdict on everything the user asked for.
        var resolution = InputResolver.Resolve(paths, Environment.CurrentDirectory);
        if (resolution.Problems.Count > 0)
        {
            foreach (var problem in resolution.Problems)
            {
                await console.WriteProblemAsync(problem, cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.UsageError;
        }

        var results = new List<FileResult>(resolution.Inputs.Count);
        foreach (var input in resolution.Inputs)
        {
            results.Add(await LoadAsync(input, console, loader, cancellationToken).ConfigureAwait(false));
        }

        var report = new ValidationReport(results);
        IReportWriter writer = format == OutputFormat.Json ? new JsonReportWriter() : new TextReportWriter();
        await writer.WriteAsync(report, console, cancellationToken).ConfigureAwait(false);
        return report.ExitCode;
    }

    private static async Task<FileResult> LoadAsync(PipelineInput input, CliConsole console, PipelineLoader loader, CancellationToken cancellationToken)
    {
        try
        {
            // Opened by the path as given (relative to the current directory, like FullPath), so
            // diagnostics name the file the way the user wrote it.
            var pipeline = await loader.LoadFileAsync(input.DisplayPath, cancellationToken).ConfigureAwait(false);
            return new FileResult(input.DisplayPath, pipeline, ReadError: null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            await console.WriteProblemAsync($"cannot read '{input.DisplayPath}': {exception.Message}", cancellationToken).ConfigureAwait(false);
            return new FileResult(input.DisplayPath, Pipeline: null, exception.Message);
        }
    }
}
