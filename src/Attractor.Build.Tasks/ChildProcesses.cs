// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;

namespace Attractor.Build.Tasks;

/// <summary>
/// Finds the direct children of a process whose command line contains a given text, on Linux
/// (<c>/proc/&lt;pid&gt;/stat</c> and <c>cmdline</c>); nothing elsewhere. The text keeps a task that runs
/// inside a shared MSBuild node from signalling processes other tasks started.
/// </summary>
internal static class ChildProcesses
{
    public static IReadOnlyList<Process> Of(int parentId, string commandLineContains)
    {
        var children = new List<Process>();
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc"))
        {
            return children;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }

            try
            {
                // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) && parent == parentId
                    && File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(commandLineContains, StringComparison.Ordinal))
                {
                    children.Add(Process.GetProcessById(id));
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // The process ended while we looked.
            }
        }

        return children;
    }
}
