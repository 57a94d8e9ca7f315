// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Attractor.Backends.Tests.Harness.RealCli;

/// <summary>
/// Installs the three real CLIs once per test run with build/install-coding-clis.sh (idempotent: a no-op when the
/// pinned versions are already in the cache folder). A failed install fails the tests with the script's output;
/// they are never skipped.
/// </summary>
public sealed class CodingCliInstallation
{
    private readonly Lazy<Task<string>> _binDirectory = new(InstallAsync);

    /// <summary>Gets the folder holding claude, codex and gemini.</summary>
    public Task<string> BinDirectoryAsync() => _binDirectory.Value;

    private static async Task<string> InstallAsync()
    {
        var script = Path.Combine(RepoRoot(), "build", "install-coding-clis.sh");
        var startInfo = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add(script);
        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("build/install-coding-clis.sh failed (exit " + process.ExitCode + "); the real-CLI tests need node >= 20, npm and the npm registry:\n" + await stderr + output);
        }

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines[^1];
    }

    private static string RepoRoot([CallerFilePath] string sourceFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(sourceFile)!, "..", "..", "..", ".."));
}

/// <summary>The real-CLI tests share one installation and run one at a time (each CLI is a heavy process).</summary>
[CollectionDefinition(Name)]
public sealed class RealCliCollection : ICollectionFixture<CodingCliInstallation>
{
    public const string Name = "Real coding CLIs";
}
