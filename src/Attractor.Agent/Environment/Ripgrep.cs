// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Text;

namespace Attractor.Agent;

/// <summary>Runs ripgrep (no shell involved, so patterns need no quoting) and caps its output at the requested number of matches.</summary>
internal static class Ripgrep
{
    private static readonly Lazy<string?> Location = new(Find);

    /// <summary>Gets the full path of <c>rg</c> on <c>PATH</c>, or null when it is not installed.</summary>
    public static string? Path => Location.Value;

    public static async Task<string> SearchAsync(string executable, string pattern, string path, GrepOptions options, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in new[] { "--line-number", "--no-heading", "--with-filename", "--color", "never", "--no-messages", "--sort", "path" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (options.CaseInsensitive)
        {
            startInfo.ArgumentList.Add("--ignore-case");
        }

        if (!string.IsNullOrEmpty(options.GlobFilter))
        {
            startInfo.ArgumentList.Add("--glob");
            startInfo.ArgumentList.Add(options.GlobFilter);
        }

        startInfo.ArgumentList.Add("--regexp");
        startInfo.ArgumentList.Add(pattern);
        startInfo.ArgumentList.Add(path);

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start ripgrep.");
        var stderrTask = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = new StringBuilder();
        var count = 0;
        try
        {
            string? line;
            while (count < options.MaxResults && (line = await process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false)) is not null)
            {
                output.Append(line).Append('\n');
                count++;
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                // Enough matches (or cancelled): stop ripgrep instead of reading the rest.
                process.Kill();
            }
        }

        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        var stderr = await stderrTask.ConfigureAwait(false);
        if (count < options.MaxResults && process.ExitCode == 2 && output.Length == 0)
        {
            throw new ArgumentException($"Invalid search: {stderr.Trim()}", nameof(pattern));
        }

        return output.ToString();
    }

    private static string? Find()
    {
        var name = OperatingSystem.IsWindows() ? "rg.exe" : "rg";
        var path = System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
