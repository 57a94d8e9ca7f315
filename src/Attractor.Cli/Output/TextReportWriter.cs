// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;
using Attractor.Dot;

namespace Attractor.Cli.Output;

/// <summary>
/// Writes one diagnostic per line in MSBuild's canonical form (<c>path(line,col): error ATR2001:
/// message [rule]</c>), which IDEs, CI logs and problem matchers recognise, then one summary line.
/// </summary>
public sealed class TextReportWriter : IReportWriter
{
    /// <inheritdoc />
    public async Task WriteAsync(ValidationReport report, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(console);

        foreach (var file in report.Files)
        {
            foreach (var diagnostic in file.Diagnostics)
            {
                var line = Colorize(diagnostic.ToString(), diagnostic.Severity, console.UseColor);
                await console.Out.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }

        var summarySeverity = report.ErrorCount > 0 || report.UnreadableCount > 0 ? DiagnosticSeverity.Error
            : report.WarningCount > 0 ? DiagnosticSeverity.Warning
            : DiagnosticSeverity.Info;
        var summary = Colorize(FormatSummary(report), summarySeverity, console.UseColor);
        await console.Out.WriteLineAsync(summary.AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Formats the summary line, e.g. <c>3 files: 1 error, 4 warnings</c>; info diagnostics and
    /// unreadable files are mentioned only when there are some.
    /// </summary>
    /// <param name="report">The report to summarise.</param>
    public static string FormatSummary(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);

        var builder = new StringBuilder();
        builder.Append(Count(report.Files.Count, "file", "files")).Append(": ")
            .Append(Count(report.ErrorCount, "error", "errors")).Append(", ")
            .Append(Count(report.WarningCount, "warning", "warnings"));
        if (report.InfoCount > 0)
        {
            builder.Append(", ").Append(Count(report.InfoCount, "info", "info"));
        }

        if (report.UnreadableCount > 0)
        {
            builder.Append(", ").Append(Count(report.UnreadableCount, "unreadable file", "unreadable files"));
        }

        return builder.ToString();
    }

    private static string Count(int count, string singular, string plural) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural);

    private static string Colorize(string text, DiagnosticSeverity severity, bool useColor) => severity switch
    {
        DiagnosticSeverity.Error => TerminalColors.Red(text, useColor),
        DiagnosticSeverity.Warning => TerminalColors.Yellow(text, useColor),
        _ => text,
    };
}
