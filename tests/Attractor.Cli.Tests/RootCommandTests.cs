// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Tests;

public sealed class RootCommandTests
{
    [Fact]
    public async Task Version_prints_the_version_and_exits_0()
    {
        var run = await CliRun.InProcessAsync("--version");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"^\d+\.\d+\.\d+", Assert.Single(run.StdoutLines));
    }

    [Fact]
    public async Task Help_lists_every_command_and_exits_0()
    {
        var run = await CliRun.InProcessAsync("--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("validate", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("run", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("resume", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_help_documents_the_format_option()
    {
        var run = await CliRun.InProcessAsync("validate", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("--format", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("file-or-dir", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_command_is_a_usage_error()
    {
        var run = await CliRun.InProcessAsync();

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.Stdout);
        Assert.Contains("attractor --help", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_command_is_a_usage_error()
    {
        var run = await CliRun.InProcessAsync("frobnicate");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("frobnicate", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, null, true)]
    [InlineData(false, "", true)]
    [InlineData(false, "1", false)]
    [InlineData(true, null, false)]
    [InlineData(true, "1", false)]
    public void Colour_only_on_a_terminal_without_NO_COLOR(bool redirected, string? noColor, bool expected) =>
        Assert.Equal(expected, TerminalColors.ShouldUseColor(redirected, noColor));
}
