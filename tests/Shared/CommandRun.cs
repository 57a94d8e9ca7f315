// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;

namespace Attractor.TestSupport;

/// <summary>The exit code and combined output of one command (a <c>dotnet build</c>, <c>pack</c>, <c>run</c>...).</summary>
public sealed partial record CommandRun(int ExitCode, string Output)
{
    /// <summary>
    /// Gets every distinct diagnostic MSBuild printed, as <c>severity ID file(line,col)</c> with the file
    /// relative to <paramref name="projectDirectory"/> (MSBuild repeats each one in its summary).
    /// </summary>
    public IReadOnlyList<string> Diagnostics(string projectDirectory) =>
        [.. DiagnosticPattern().Matches(Output)
            .Select(m => $"{m.Groups["severity"].Value} {m.Groups["code"].Value} {Path.GetRelativePath(projectDirectory, m.Groups["file"].Value).Replace('\\', '/')}({m.Groups["line"].Value},{m.Groups["column"].Value})")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}{Output}";

    [GeneratedRegex(@"^\s*(?<file>/[^(\r\n]+)\((?<line>\d+),(?<column>\d+)\): (?<severity>error|warning) (?<code>[A-Z]+\d+):", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex DiagnosticPattern();
}
