// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Text;

namespace Attractor.Agent.Benchmarks;

/// <summary>Runs <c>rg</c> directly, as a user would at a shell, and reads at most a given number of lines.</summary>
public static class RawRipgrep
{
    /// <summary>Gets the <c>rg</c> on PATH, or throws: the comparison needs it (<c>apt-get install -y ripgrep</c>).</summary>
    public static string Executable { get; } = (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, "rg"))
        .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("ripgrep (rg) is not on PATH; install it with `apt-get install -y ripgrep`.");

    /// <summary>Runs rg with the arguments and returns the number of output lines read.</summary>
    public static async Task<int> RunAsync(IEnumerable<string> arguments, int maxLines = int.MaxValue, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory ?? string.Empty,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start rg.");
        var lines = 0;
        while (lines < maxLines && await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is not null)
        {
            lines++;
        }

        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
        return lines;
    }
}
