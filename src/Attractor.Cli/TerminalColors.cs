// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli;

/// <summary>Decides whether to colour output, and wraps text in ANSI colour codes.</summary>
public static class TerminalColors
{
    private const string Reset = "\u001b[0m";
    private const string RedCode = "\u001b[31m";
    private const string YellowCode = "\u001b[33m";
    private const string DimCode = "\u001b[2m";

    /// <summary>
    /// Returns whether the process should colour standard output: only when it is a terminal and
    /// <c>NO_COLOR</c> (https://no-color.org) is unset or empty, so pipes and CI logs stay plain text.
    /// </summary>
    public static bool ShouldUseColor() =>
        ShouldUseColor(Console.IsOutputRedirected, Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>Returns whether to colour output, given the facts <see cref="ShouldUseColor()"/> reads.</summary>
    /// <param name="isOutputRedirected">Whether standard output goes to a file or pipe.</param>
    /// <param name="noColor">The value of the <c>NO_COLOR</c> environment variable, or null.</param>
    public static bool ShouldUseColor(bool isOutputRedirected, string? noColor) =>
        !isOutputRedirected && string.IsNullOrEmpty(noColor);

    /// <summary>Colours text red when <paramref name="enabled"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="enabled">Whether colour is on.</param>
    public static string Red(string text, bool enabled) => enabled ? RedCode + text + Reset : text;

    /// <summary>Colours text yellow when <paramref name="enabled"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="enabled">Whether colour is on.</param>
    public static string Yellow(string text, bool enabled) => enabled ? YellowCode + text + Reset : text;

    /// <summary>Dims text when <paramref name="enabled"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="enabled">Whether colour is on.</param>
    public static string Dim(string text, bool enabled) => enabled ? DimCode + text + Reset : text;
}
