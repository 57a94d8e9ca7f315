// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Tests;

/// <summary>The sample the README runs must stay a clean example: no errors and no warnings.</summary>
public sealed class SamplePipelineTests
{
    [Fact]
    public async Task Review_sample_validates_without_any_diagnostic()
    {
        var path = Path.Combine(TestFiles.SamplesDirectory, "review.dot");

        var run = await CliRun.InProcessAsync("validate", path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["1 file: 0 errors, 0 warnings"], run.StdoutLines);
    }
}
