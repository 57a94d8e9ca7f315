// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;

namespace Attractor.Build.Tasks;

/// <summary>
/// Process-tree look-ups on Linux (<c>/proc/&lt;pid&gt;/stat</c> and <c>cmdline</c>); empty elsewhere.
/// </summary>
internal static class ChildProcesses
{
    /// <summary>
    /// Finds the direct children of a process whose command line contains a given text. The text keeps a
    /// task that runs inside a shared MSBuild node from signalling processes other tasks started.
    /// </summary>
    public static IReadOnlyList<Process> Of(int parentId, string commandLineContains)
    {
        var children = new List<Process>();
        foreach (var (id, parent) in ParentIds())
        {
            try
            {
                if (parent == parentId && File.ReadAllText($"/proc/{id}/cmdline").Contains(commandLineContains, StringComparison.Ordinal))
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

    /// <summary>Gets the IDs of every process below <paramref name="rootId"/> (children, their children, ...).</summary>
    public static IReadOnlyList<int> DescendantsOf(int rootId)
    {
        var byParent = ParentIds().ToLookup(static p => p.Parent, static p => p.Id);
        var found = new List<int>();
        var pending = new Stack<int>([rootId]);
        while (pending.Count > 0)
        {
            foreach (var child in byParent[pending.Pop()])
            {
                found.Add(child);
                pending.Push(child);
            }
        }

        return found;
    }

    private static List<(int Id, int Parent)> ParentIds()
    {
        var result = new List<(int, int)>();
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc"))
        {
            return result;
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
                if (fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent))
                {
                    result.Add((id, parent));
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // The process ended while we looked.
            }
        }

        return result;
    }
}
