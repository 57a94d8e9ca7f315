// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;

namespace Attractor.Cli.Output;

/// <summary>The outcome of one <c>attractor validate</c> run over all its files.</summary>
/// <param name="Files">Every input file, in the order processed.</param>
public sealed record ValidationReport(IReadOnlyList<FileResult> Files)
{
    /// <summary>Gets the number of error diagnostics over all files.</summary>
    public int ErrorCount => Sum(DiagnosticSeverity.Error);

    /// <summary>Gets the number of warning diagnostics over all files.</summary>
    public int WarningCount => Sum(DiagnosticSeverity.Warning);

    /// <summary>Gets the number of info diagnostics over all files.</summary>
    public int InfoCount => Sum(DiagnosticSeverity.Info);

    /// <summary>Gets the number of files that could not be read.</summary>
    public int UnreadableCount => Files.Count(static file => file.IsUnreadable);

    /// <summary>
    /// Gets the exit code: <see cref="ExitCodes.UsageError"/> when a file could not be read (its
    /// verdict is unknown), else <see cref="ExitCodes.ValidationFailed"/> when any diagnostic is an
    /// error, else <see cref="ExitCodes.Success"/>; warnings never fail a run.
    /// </summary>
    public int ExitCode =>
        UnreadableCount > 0 ? ExitCodes.UsageError
        : ErrorCount > 0 ? ExitCodes.ValidationFailed
        : ExitCodes.Success;

    private int Sum(DiagnosticSeverity severity) => Files.Sum(file => file.Count(severity));
}
