// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli;

/// <summary>Where a command writes, and whether it may colour what it writes.</summary>
/// <param name="Out">Standard output: reports, progress and machine-readable documents.</param>
/// <param name="Error">Standard error: usage and I/O problems, notes.</param>
/// <param name="UseColor">Whether ANSI colours may be written to <paramref name="Out"/>.</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool UseColor)
{
    /// <summary>Gets standard input, read by interactive human gates; empty unless set.</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Gets a value indicating whether standard input is a terminal, so a human can answer gates.</summary>
    public bool IsInputTerminal { get; init; }

    /// <summary>
    /// Gets a value indicating whether standard output is a terminal that can redraw: <c>run</c> then draws a
    /// live view instead of one plain line per event.
    /// </summary>
    public bool IsOutputTerminal { get; init; }

    /// <summary>Reports a problem, as one line on standard error prefixed with the tool's name.</summary>
    /// <param name="message">What went wrong, naming the path or argument involved.</param>
    /// <param name="cancellationToken">Stops writing.</param>
    public Task WriteProblemAsync(string message, CancellationToken cancellationToken) =>
        Error.WriteLineAsync(("attractor: " + message).AsMemory(), cancellationToken);

    /// <summary>Creates the console of the current process, detecting terminals and colour support.</summary>
    public static CliConsole ForProcess() =>
        new(Console.Out, Console.Error, TerminalColors.ShouldUseColor())
        {
            In = Console.In,
            IsInputTerminal = !Console.IsInputRedirected,
            // TERM=dumb (Emacs shells, some CI runners with a pty) cannot move the cursor: plain lines there.
            IsOutputTerminal = !Console.IsOutputRedirected && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal),
        };
}
