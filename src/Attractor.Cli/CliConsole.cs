// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli;

/// <summary>Where a command writes, and whether it may colour what it writes.</summary>
/// <param name="Out">Standard output: reports and machine-readable documents.</param>
/// <param name="Error">Standard error: usage and I/O problems.</param>
/// <param name="UseColor">Whether ANSI colours may be written to <paramref name="Out"/>.</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool UseColor)
{
    /// <summary>Reports a problem, as one line on standard error prefixed with the tool's name.</summary>
    /// <param name="message">What went wrong, naming the path or argument involved.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    public Task WriteProblemAsync(string message, CancellationToken cancellationToken) =>
        Error.WriteLineAsync(("attractor: " + message).AsMemory(), cancellationToken);
}
