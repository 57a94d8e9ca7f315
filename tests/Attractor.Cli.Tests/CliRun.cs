// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Cli.Running;

namespace Attractor.Cli.Tests;

/// <summary>What one run of the CLI produced.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> StdoutLines => Split(Stdout);

    public IReadOnlyList<string> StderrLines => Split(Stderr);

    /// <summary>Runs the whole CLI in-process, as <c>Program</c> does, with captured writers.</summary>
    public static async Task<CliRun> InProcessAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await CliApplication.RunAsync(args, new CliConsole(stdout, stderr, UseColor: false), WithoutProviderKeys);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// Runs the CLI in-process on a console described by <paramref name="setup"/> (terminals, standard
    /// input), with optional engine services and a token standing in for Ctrl+C.
    /// </summary>
    public static async Task<CliRun> InProcessAsync(ConsoleSetup setup, string[] args, RunServices? services = null, CancellationToken cancellationToken = default)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var console = new CliConsole(stdout, stderr, UseColor: false)
        {
            In = new StringReader(setup.Input ?? string.Empty),
            IsInputTerminal = setup.InputIsTerminal,
            IsOutputTerminal = setup.OutputIsTerminal,
        };
        var exitCode = await CliApplication.RunAsync(args, console, services ?? WithoutProviderKeys, cancellationToken);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Gets the default services with no provider key, so a developer's keys never reach a test run.</summary>
    public static RunServices WithoutProviderKeys { get; } = RunServices.Default with { EnvironmentVariables = static _ => null };

    /// <summary>Gets services whose environment holds exactly <paramref name="variables"/>.</summary>
    public static RunServices WithEnvironment(IReadOnlyDictionary<string, string?> variables) =>
        RunServices.Default with { EnvironmentVariables = name => variables.TryGetValue(name, out var value) ? value : null };

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    private static string[] Split(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(static line => line.TrimEnd('\r')).ToArray();
}
