// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Attractor.Server.Benchmarks;

/// <summary>'attractor serve' as a child process, with its address and its resident memory from /proc.</summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ServerProcess> StartAsync(string workspace)
    {
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Attractor.Cli.dll"));
        foreach (var arg in new[] { "serve", "--port", "0", "--workspace", workspace })
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(startInfo)!;
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2)) ?? throw new InvalidOperationException("the server printed nothing: " + await process.StandardError.ReadToEndAsync());
        var match = AddressPattern().Match(line);
        return new ServerProcess(process, new Uri(match.Value));
    }

    /// <summary>Gets (current, peak) resident set size in MiB.</summary>
    public (double Rss, double Peak) Memory()
    {
        double current = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                current = Kib(line) / 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kib(line) / 1024;
            }
        }

        return (current, peak);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }

        _process.Dispose();
    }

    private static double Kib(string line) =>
        double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    [GeneratedRegex(@"http://[^ ]+/")]
    private static partial Regex AddressPattern();
}
