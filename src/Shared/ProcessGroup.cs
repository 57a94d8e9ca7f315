// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Attractor.Processes;

/// <summary>
/// Starts shell commands in their own process group (via <c>setsid</c> on Unix) and terminates the whole
/// group: SIGTERM, a grace period, then SIGKILL. Falls back to killing the process tree when no group exists.
/// </summary>
/// <remarks>
/// Compiled into both Attractor.Pipelines (tool nodes, hooks) and Attractor.Agent (the shell tool) as a linked source:
/// an internal helper of each, not public API of either.
/// </remarks>
internal static class ProcessGroup
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    private static readonly Lazy<string?> SetsidPath = new(FindSetsid);

    /// <summary>Gets the path of the <c>setsid</c> program, or null when unavailable (or on Windows).</summary>
    public static string? Setsid => SetsidPath.Value;

    /// <summary>Fills <paramref name="startInfo"/> to run <paramref name="command"/> through the shell, in a new session and process group when possible.</summary>
    /// <param name="startInfo">The start info to fill.</param>
    /// <param name="command">The shell command.</param>
    /// <param name="shell">The Unix shell: <c>/bin/sh</c> for tool nodes, <c>/bin/bash</c> for the agent (spec §4.2); <c>/bin/sh</c> when it is missing.</param>
    /// <returns><see langword="true"/> when the child will lead its own process group (PGID = PID).</returns>
    public static bool Configure(ProcessStartInfo startInfo, string command, string shell = "/bin/sh")
    {
        if (OperatingSystem.IsWindows())
        {
            startInfo.FileName = "cmd.exe";
            startInfo.ArgumentList.Add("/c");
            startInfo.ArgumentList.Add(command);
            return false;
        }

        shell = File.Exists(shell) ? shell : "/bin/sh";
        var setsid = Setsid;
        if (setsid is null)
        {
            startInfo.FileName = shell;
            startInfo.ArgumentList.Add("-c");
            startInfo.ArgumentList.Add(command);
            return false;
        }

        // The .NET child is never a process-group leader, so setsid(1) calls setsid() and execs the shell
        // without forking: the shell's PID is the new session and process group ID.
        startInfo.FileName = setsid;
        startInfo.ArgumentList.Add(shell);
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(command);
        return true;
    }

    /// <summary>
    /// Terminates the process and everything it started: SIGTERM to the group, up to <paramref name="grace"/>
    /// for the leader to exit, then SIGKILL to the group (stragglers included) and, as a last resort, the process tree.
    /// </summary>
    public static async Task TerminateAsync(Process process, bool ownGroup, TimeSpan grace)
    {
        int pid;
        try
        {
            pid = process.Id;
        }
        catch (InvalidOperationException)
        {
            return;
        }

        var useGroup = ownGroup && !OperatingSystem.IsWindows() && pid > 1 && pid != GetOwnProcessGroup();
        if (useGroup)
        {
            _ = SendToGroup(pid, SigTerm);
            using (var graceTimeout = new CancellationTokenSource(grace))
            {
                try
                {
                    await process.WaitForExitAsync(graceTimeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Grace period over; escalate below.
                }
            }

            // Always: background children may outlive the leader.
            _ = SendToGroup(pid, SigKill);
        }

        KillTreeIfRunning(process);

        using var reapTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(reapTimeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Unkillable (e.g. uninterruptible sleep); give up waiting.
        }
    }

    /// <summary>
    /// Ends what a shell that has exited left running in its process group (background jobs): SIGTERM, then
    /// SIGKILL when a member is still there after <paramref name="grace"/>. Returns at once when the group is empty.
    /// </summary>
    /// <param name="pgid">The group ID (the exited shell's PID).</param>
    /// <param name="grace">How long members may take to exit after SIGTERM.</param>
    public static async Task EndGroupAsync(int pgid, TimeSpan grace)
    {
        if (OperatingSystem.IsWindows() || pgid <= 1 || pgid == GetOwnProcessGroup() || !SendToGroup(pgid, SigTerm))
        {
            return;
        }

        // Signal 0 only probes: it fails once the last member has exited (and been reaped).
        var deadline = Stopwatch.GetTimestamp() + (long)(grace.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(20, CancellationToken.None).ConfigureAwait(false);
            if (!SendToGroup(pgid, 0))
            {
                return;
            }
        }

        _ = SendToGroup(pgid, SigKill);
    }

    /// <summary>Sends SIGKILL to the group led by <paramref name="pid"/>, ignoring a group that no longer exists.</summary>
    public static void KillGroup(int pid)
    {
        if (!OperatingSystem.IsWindows() && pid > 1 && pid != GetOwnProcessGroup())
        {
            _ = SendToGroup(pid, SigKill);
        }
    }

    private static void KillTreeIfRunning(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (Win32Exception)
        {
            // Raced with exit or not permitted.
        }
    }

    private static bool SendToGroup(int pgid, int signal)
    {
        try
        {
            return NativeMethods.Kill(-pgid, signal) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static int GetOwnProcessGroup()
    {
        try
        {
            return NativeMethods.GetProcessGroup();
        }
        catch (DllNotFoundException)
        {
            return -1;
        }
        catch (EntryPointNotFoundException)
        {
            return -1;
        }
    }

    private static string? FindSetsid()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        IEnumerable<string> directories = [.. path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries), "/usr/bin", "/bin", "/usr/sbin", "/sbin"];
        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, "setsid");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "kill")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int Kill(int pid, int signal);

        [DllImport("libc", EntryPoint = "getpgrp")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int GetProcessGroup();
    }
}
