// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Tests;

/// <summary>Runs real git commands in a test directory.</summary>
internal static class GitRepository
{
    public static async Task RunAsync(string directory, string arguments)
    {
        var environment = new LocalExecutionEnvironment(directory);
        var result = await environment.ExecCommandAsync("git -c user.name=test -c user.email=test@example.com -c commit.gpgsign=false " + arguments, TimeSpan.FromMinutes(1), null, null, CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"git {arguments} failed: {result.Stderr}");
    }
}
