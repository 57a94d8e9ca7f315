// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Tests;

/// <summary>The samples the README uses must stay clean examples: no errors and no warnings.</summary>
public sealed class SamplePipelineTests
{
    [Theory]
    [InlineData("review.dot")]
    [InlineData("hello.dot")]
    public async Task Sample_validates_without_any_diagnostic(string sample)
    {
        var path = Path.Combine(TestFiles.SamplesDirectory, sample);

        var run = await CliRun.InProcessAsync("validate", path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["1 file: 0 errors, 0 warnings"], run.StdoutLines);
    }
}
