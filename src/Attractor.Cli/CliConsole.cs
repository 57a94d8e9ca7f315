// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli;

/// <summary>Where a command writes, and whether it may colour what it writes.</summary>
/// <param name="Out">Standard output: reports and machine-readable documents.</param>
/// <param name="Error">Standard error: usage and I/O problems.</param>
/// <param name="UseColor">Whether ANSI colours may be written to <paramref name="Out"/>.</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool UseColor)
{
    /// <summary>Reports a problem that stops the command, as one line on standard error.</summary>
    /// <param name="message">What went wrong, naming the path or argument involved.</param>
    public void WriteProblem(string message) => Error.WriteLine("attractor: " + message);
}
