// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Tests;

/// <summary>What an in-process run pretends about its standard streams.</summary>
/// <param name="InputIsTerminal">Whether standard input is a terminal (a human can answer gates).</param>
/// <param name="OutputIsTerminal">Whether standard output is a terminal (the live view is drawn).</param>
/// <param name="Input">The text a human would type, one answer per line.</param>
internal sealed record ConsoleSetup(bool InputIsTerminal = false, bool OutputIsTerminal = false, string? Input = null)
{
    /// <summary>Gets CI's situation: nothing is a terminal.</summary>
    public static ConsoleSetup Redirected { get; } = new();
}
