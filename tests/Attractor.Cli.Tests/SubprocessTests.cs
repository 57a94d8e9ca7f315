// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Tests;

/// <summary>Runs the built tool as a real process, as users and CI do: exit codes, streams, no colour when piped.</summary>
public sealed class SubprocessTests
{
    [Fact]
    public async Task Validating_the_corpus_in_a_child_process_exits_1_with_canonical_lines()
    {
        var run = await RunToolAsync("validate", TestFiles.CorpusDirectory);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Empty(run.Stderr);
        Assert.DoesNotContain('\u001b', run.Stdout);
        Assert.All(run.StdoutLines.SkipLast(1), line => Assert.Matches(ValidateCommandTests.CanonicalLine(), line));
        Assert.Matches(@"^\d+ files: \d+ errors, \d+ warnings$", run.StdoutLines[^1]);
    }

    [Fact]
    public async Task Valid_file_in_a_child_process_exits_0()
    {
        var run = await RunToolAsync("validate", Path.Combine(TestFiles.SamplesDirectory, "review.dot"));

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task Missing_file_in_a_child_process_exits_2_with_one_line_on_stderr()
    {
        var run = await RunToolAsync("validate", "does-not-exist.dot");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.Stdout);
        Assert.Equal(["attractor: 'does-not-exist.dot' does not exist"], run.StderrLines);
    }

    private static Task<CliRun> RunToolAsync(params string[] args) => CliProcess.RunAsync(workingDirectory: null, args);
}
