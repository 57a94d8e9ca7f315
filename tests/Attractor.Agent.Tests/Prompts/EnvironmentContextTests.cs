// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Tests;

/// <summary>The environment context block and git snapshot, captured through a real environment (spec §6.3–6.4).</summary>
public sealed class EnvironmentContextTests : IDisposable
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2031, 4, 9, 12, 0, 0, TimeSpan.Zero));
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Outside_a_repository_the_block_says_so_and_has_the_runtime_fields()
    {
        var environment = new LocalExecutionEnvironment(_temp.Path);

        var context = await EnvironmentContext.CaptureAsync(environment, "Model X", Clock, CancellationToken.None);
        var block = context.Render();

        Assert.Null(context.Git);
        Assert.StartsWith("<environment>\n", block, StringComparison.Ordinal);
        Assert.EndsWith("</environment>", block, StringComparison.Ordinal);
        Assert.Contains($"Working directory: {environment.WorkingDirectory}\n", block, StringComparison.Ordinal);
        Assert.Contains("Is git repository: false\n", block, StringComparison.Ordinal);
        Assert.DoesNotContain("Git branch", block, StringComparison.Ordinal);
        Assert.Contains($"Platform: {environment.Platform}\n", block, StringComparison.Ordinal);
        Assert.Contains($"OS version: {environment.OSVersion}\n", block, StringComparison.Ordinal);
        Assert.Contains("Today's date: 2031-04-09\n", block, StringComparison.Ordinal);
        Assert.Contains("Model: Model X\n", block, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_repository_the_block_has_branch_status_counts_and_recent_commits()
    {
        await GitRepository.RunAsync(_temp.Path, "init -q -b feature-x");
        _temp.Write("tracked.txt", "one");
        await GitRepository.RunAsync(_temp.Path, "add tracked.txt");
        await GitRepository.RunAsync(_temp.Path, "commit -q -m \"first commit\"");
        _temp.Write("tracked.txt", "two");
        _temp.Write("new-a.txt", "a");
        _temp.Write("new-b.txt", "b");
        var sub = Directory.CreateDirectory(Path.Combine(_temp.Path, "sub")).FullName;

        var context = await EnvironmentContext.CaptureAsync(new LocalExecutionEnvironment(sub), "Model X", Clock, CancellationToken.None);
        var block = context.Render();

        Assert.NotNull(context.Git);
        Assert.Equal(Path.GetFullPath(_temp.Path), context.Git.Root);
        Assert.Contains("Is git repository: true\n", block, StringComparison.Ordinal);
        Assert.Contains("Git branch: feature-x\n", block, StringComparison.Ordinal);
        Assert.Contains("Git status: 1 modified, 2 untracked\n", block, StringComparison.Ordinal);
        Assert.Matches(@"Recent commits:\n  [0-9a-f]+ first commit\n", block);
    }

    [Fact]
    public async Task A_repository_without_commits_has_a_branch_and_no_recent_commits()
    {
        await GitRepository.RunAsync(_temp.Path, "init -q -b trunk");

        var context = await EnvironmentContext.CaptureAsync(new LocalExecutionEnvironment(_temp.Path), "Model X", Clock, CancellationToken.None);

        Assert.NotNull(context.Git);
        Assert.Equal("trunk", context.Git.Branch);
        Assert.Empty(context.Git.RecentCommits);
        Assert.DoesNotContain("Recent commits", context.Render(), StringComparison.Ordinal);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
