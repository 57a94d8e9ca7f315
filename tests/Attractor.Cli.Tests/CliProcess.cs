// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Attractor.Cli.Tests;

/// <summary>The built tool running as a real child process (<c>dotnet Attractor.Cli.dll ...</c>), its output captured.</summary>
internal sealed class CliProcess : IDisposable
{
    public const int SigInt = 2;
    public const int SigKill = 9;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _reading;

    private CliProcess(Process process)
    {
        Process = process;
        _reading = Task.WhenAll(CopyAsync(process.StandardOutput, _stdout), CopyAsync(process.StandardError, _stderr));
    }

    public Process Process { get; }

    public static string ToolPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Attractor.Cli.dll");
            Assert.True(File.Exists(path), "The CLI was not copied next to the tests: " + path);
            return path;
        }
    }

    /// <summary>The variables the tool reads provider keys from; removed unless a test sets them, so a developer's keys never reach a test run.</summary>
    public static IReadOnlyList<string> ProviderVariables { get; } =
        ["OPENAI_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "GEMINI_API_KEY", "GOOGLE_API_KEY", "GEMINI_BASE_URL"];

    /// <summary>Starts the tool; standard input is redirected (and closed), as in CI.</summary>
    public static CliProcess Start(string? workingDirectory, params string[] args) => Start(null, workingDirectory, args);

    /// <summary>Starts the tool with extra environment variables (a null value removes one).</summary>
    public static CliProcess Start(IReadOnlyDictionary<string, string?>? environment, string? workingDirectory, params string[] args)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        startInfo.ArgumentList.Add(ToolPath);
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment.Remove("NO_COLOR");
        foreach (var variable in ProviderVariables)
        {
            startInfo.Environment.Remove(variable);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[name] = value;
        }

        var process = Process.Start(startInfo)!;
        process.StandardInput.Close();
        return new CliProcess(process);
    }

    /// <summary>Runs the tool to completion.</summary>
    public static async Task<CliRun> RunAsync(string? workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        return await process.WaitAsync();
    }

    /// <summary>Runs the tool to completion with extra environment variables.</summary>
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> environment, string? workingDirectory, params string[] args)
    {
        using var process = Start(environment, workingDirectory, args);
        return await process.WaitAsync();
    }

    /// <summary>Gets what the tool has written to standard output so far.</summary>
    public string StdoutSoFar
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Waits for the tool to exit (killing it after two minutes) and returns what it did.</summary>
    public async Task<CliRun> WaitAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await Process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Process.Kill(entireProcessTree: true);
            throw;
        }

        await _reading;
        return new CliRun(Process.ExitCode, _stdout.ToString(), _stderr.ToString());
    }

    /// <summary>Sends a signal to a process, or with a negative ID to a process group; returns whether it was delivered.</summary>
    public static bool Signal(int pid, int signal) => NativeMethods.Kill(pid, signal) == 0;

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        Process.Dispose();
    }

    private static async Task CopyAsync(StreamReader reader, StringBuilder target)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (target)
            {
                target.Append(buffer, 0, read);
            }
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int Kill(int pid, int signal);
    }
}
