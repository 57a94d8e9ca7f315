// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.RegularExpressions;

namespace Attractor.Build.Tasks;

/// <summary>
/// Classifies the lines the attractor CLI prints (docs/cli.md). Only the CLI's own diagnostic format is
/// read as a diagnostic: MSBuild's general canonical-error parsing would also turn a progress line that
/// quotes a tool's <c>x.cs(1,2): error CS0001</c> output into a build error, even when the stage retries.
/// </summary>
public static partial class CliOutputParser
{
    private const string ProblemPrefix = "attractor: ";
    private const string NotePrefix = "note: ";
    private const string FailurePrefix = "failure: ";

    /// <summary>Classifies one line.</summary>
    /// <param name="line">The line, without its line break.</param>
    /// <returns>The line's kind and parts.</returns>
    public static CliLine Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);

        if (line.StartsWith(ProblemPrefix, StringComparison.Ordinal))
        {
            var text = line[ProblemPrefix.Length..];
            return text.StartsWith(NotePrefix, StringComparison.Ordinal)
                ? new CliLine(CliLineKind.Note, text)
                : new CliLine(CliLineKind.Problem, text);
        }

        if (line.StartsWith(FailurePrefix, StringComparison.Ordinal))
        {
            return new CliLine(CliLineKind.Failure, line[FailurePrefix.Length..]);
        }

        var match = DiagnosticPattern().Match(line);
        if (match.Success)
        {
            return new CliLine(CliLineKind.Diagnostic, match.Groups["message"].Value)
            {
                File = match.Groups["file"].Value,
                Line = match.Groups["line"].Success ? int.Parse(match.Groups["line"].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0,
                Column = match.Groups["column"].Success ? int.Parse(match.Groups["column"].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0,
                Severity = match.Groups["severity"].Value,
                Code = match.Groups["code"].Value,
            };
        }

        return new CliLine(CliLineKind.Progress, line);
    }

    // <file>(<line>,<column>): <severity> ATR<4 digits>: <message>, the position being absent when unknown
    // (DotDiagnostic.ToString). Progress lines start with "[mm:ss.ff]" or a lower-case word, never with this.
    [GeneratedRegex(@"^(?<file>[^\s(][^(]*?)(?:\((?<line>\d{1,9}),(?<column>\d{1,9})\))?: (?<severity>error|warning|info) (?<code>ATR\d{4}): (?<message>.*)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DiagnosticPattern();
}
