// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Attractor.Server.Tests;

public sealed partial class ServeCommandTests : IDisposable
{
    private readonly TestWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Attractor_serve_listens_runs_pipelines_from_the_workspace_and_stops_on_SIGTERM()
    {
        _workspace.Write("pipelines/simple.dot", Pipelines.Simple);
        using var process = Start("serve", "--port", "0", "--workspace", _workspace.Root);
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(ServerClient.Patience);
            Assert.NotNull(line);
            var address = AddressPattern().Match(line);
            Assert.True(address.Success, line);
            Assert.Contains(_workspace.Root, line, StringComparison.Ordinal);

            using var client = new ServerClient(new Uri(address.Value));
            var id = await client.StartAsync(new { path = "pipelines/simple.dot" });
            await client.WaitForStatusAsync(id, "succeeded");
            Assert.True(Directory.Exists(Path.Combine(_workspace.Root, ".attractor", "runs", id)));
        }
        finally
        {
            if (!process.HasExited)
            {
                using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await term.WaitForExitAsync();
            }
        }

        await process.WaitForExitAsync().WaitAsync(ServerClient.Patience);
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("stopped", await process.StandardOutput.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attractor_serve_refuses_a_remote_bind_without_allow_remote()
    {
        using var process = Start("serve", "--host", "0.0.0.0", "--port", "0", "--workspace", _workspace.Root);
        var error = await process.StandardError.ReadToEndAsync().WaitAsync(ServerClient.Patience);
        await process.WaitForExitAsync().WaitAsync(ServerClient.Patience);
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--allow-remote", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attractor_serve_with_allow_remote_prints_the_generated_token_and_requires_it()
    {
        using var process = Start("serve", "--host", "0.0.0.0", "--allow-remote", "--port", "0", "--workspace", _workspace.Root);
        try
        {
            var first = await process.StandardOutput.ReadLineAsync().WaitAsync(ServerClient.Patience);
            var second = await process.StandardOutput.ReadLineAsync().WaitAsync(ServerClient.Patience);
            var port = new Uri(AddressPattern().Match(first!).Value).Port;
            Assert.NotNull(second);
            var token = second[(second.LastIndexOf(' ') + 1)..];
            Assert.Matches("^[0-9a-f]{32}$", token);

            using var anonymous = new ServerClient(new Uri($"http://127.0.0.1:{port}/"));
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("pipelines")).Status);
            using var authorized = new ServerClient(new Uri($"http://127.0.0.1:{port}/"), token);
            Assert.Equal(HttpStatusCode.OK, (await authorized.GetAsync("pipelines")).Status);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static Process Start(params string[] args)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Attractor.Cli.dll"));
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        return Process.Start(startInfo)!;
    }

    [GeneratedRegex(@"http://[^ ]+/")]
    private static partial Regex AddressPattern();
}
