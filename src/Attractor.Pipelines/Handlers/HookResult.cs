// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Handlers;

/// <summary>What running a tool call hook produced (attractor-spec §9.7).</summary>
/// <param name="Phase">The hook: <c>pre</c> or <c>post</c>.</param>
/// <param name="Command">The shell command that ran, or the empty string when no hook is configured.</param>
/// <param name="ExitCode">The hook's exit code (0 when it did not run; -1 when it timed out or could not start).</param>
/// <param name="Stdout">The hook's standard output.</param>
/// <param name="Stderr">The hook's standard error.</param>
/// <param name="TimedOut">Whether the hook was killed at its timeout.</param>
public sealed record HookResult(string Phase, string Command, int ExitCode, string Stdout, string Stderr, bool TimedOut)
{
    /// <summary>Gets whether a hook was configured and ran.</summary>
    public bool Ran => Command.Length > 0;

    /// <summary>Gets whether the hook succeeded (exit code 0 within the timeout), or none is configured.</summary>
    public bool Succeeded => !Ran || (ExitCode == 0 && !TimedOut);

    /// <summary>Gets whether the tool call may proceed: always for a post hook, and for a pre hook when it succeeded.</summary>
    public bool Proceed => Phase != ToolHooks.PrePhase || Succeeded;

    /// <summary>Creates the result of an unconfigured hook.</summary>
    /// <param name="phase">The hook phase.</param>
    /// <returns>A result that lets the call proceed.</returns>
    public static HookResult NotConfigured(string phase) => new(phase, string.Empty, 0, string.Empty, string.Empty, TimedOut: false);
}
