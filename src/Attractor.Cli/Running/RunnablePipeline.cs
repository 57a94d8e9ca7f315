// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Cli.Output;
using Attractor.Dot;

namespace Attractor.Cli.Running;

/// <summary>Loads the pipeline to run or resume, reporting its diagnostics exactly as <c>attractor validate</c> does.</summary>
internal static class RunnablePipeline
{
    /// <summary>
    /// Loads (parse, transform, validate) the file. Any diagnostics are printed through the validate
    /// command's <see cref="TextReportWriter"/>; a file with errors, or one that cannot be read, gives null.
    /// </summary>
    /// <param name="displayPath">The path as the user wrote it (or as derived from the run directory).</param>
    /// <param name="console">Where to report.</param>
    /// <param name="cancellationToken">Stops loading.</param>
    /// <returns>The error-free pipeline, or null when it must not run (exit code 2).</returns>
    public static async Task<PreparedPipeline?> LoadAsync(string displayPath, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(displayPath);
        ArgumentNullException.ThrowIfNull(console);

        PreparedPipeline pipeline;
        try
        {
            pipeline = await PipelineLoader.Default.LoadFileAsync(displayPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            await console.WriteProblemAsync($"cannot read '{displayPath}': {exception.Message}", cancellationToken).ConfigureAwait(false);
            return null;
        }

        // Warnings are shown too (the run goes ahead): they are the same lines validate would print.
        if (pipeline.Diagnostics.Count > 0)
        {
            var report = new ValidationReport([new FileResult(displayPath, pipeline, ReadError: null)]);
            await new TextReportWriter().WriteAsync(report, console, cancellationToken).ConfigureAwait(false);
        }

        return pipeline.HasErrors ? null : pipeline;
    }
}
