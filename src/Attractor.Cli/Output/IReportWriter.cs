// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Output;

/// <summary>Writes a <see cref="ValidationReport"/> to standard output in one <see cref="OutputFormat"/>.</summary>
public interface IReportWriter
{
    /// <summary>Writes the report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="console">Where to write, and whether colour is allowed.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    Task WriteAsync(ValidationReport report, CliConsole console, CancellationToken cancellationToken);
}
