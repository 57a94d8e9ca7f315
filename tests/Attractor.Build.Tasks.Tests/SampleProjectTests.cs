// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Build.Tasks.Tests;

/// <summary>Real <c>dotnet build</c> / <c>dotnet msbuild</c> runs of the sample projects.</summary>
[Collection(SampleBuildCollection.Name)]
public sealed class SampleProjectTests(SampleBuildFixture fixture)
{
    private static readonly string[] BrokenDiagnostics =
    [
        "error ATR1003 pipelines/unterminated.dot(5,18)",
        "error ATR1010 pipelines/unterminated.dot(5,10)",
        "error ATR2001 pipelines/no_start.dot(2,9)",
        "warning ATR2010 pipelines/warnings.dot(5,31)",
    ];

    [Fact]
    public async Task BrokenPipelines_build_fails_with_exact_diagnostics()
    {
        var run = await fixture.DotnetAsync("BrokenPipelines", "build");

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Equal(BrokenDiagnostics, run.Diagnostics(fixture.Project("BrokenPipelines")));
    }

    [Fact]
    public async Task ValidatePipelines_reports_the_same_diagnostics_without_compiling()
    {
        var run = await fixture.DotnetAsync("BrokenPipelines", "msbuild", "-restore", "-t:ValidatePipelines", "-v:n");

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Equal(BrokenDiagnostics, run.Diagnostics(fixture.Project("BrokenPipelines")));
        // The compiler's copies of these diagnostics carry help links; the CLI's do not: nothing was compiled.
        Assert.DoesNotContain("(docs/diagnostics.md#", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("BrokenPipelines -> ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidatePipelines_passes_on_a_valid_project()
    {
        var run = await fixture.DotnetAsync("PipelineBuildStep", "msbuild", "-restore", "-t:ValidatePipelines");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("1 file: 0 errors, 0 warnings", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunPipeline_runs_one_pipeline_and_writes_its_run_directory()
    {
        var logs = Path.Combine(fixture.Root, "runs", "greeting-" + Guid.NewGuid().ToString("N"));

        var run = await fixture.DotnetAsync("HelloPipeline", "msbuild", "-restore", "-t:RunPipeline", "-p:Pipeline=pipelines/greeting.dot", "-p:PipelineAutoApprove=true", "-p:PipelineLogsRoot=" + logs);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(Path.Combine(logs, "checkpoint.json")), run.ToString());
        Assert.Contains("stage started  greet (tool)", run.Output, StringComparison.Ordinal);
        Assert.Contains("run succeeded", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunPipeline_runs_custom_node_types_through_the_compiled_project()
    {
        var logs = Path.Combine(fixture.Root, "runs", "all-" + Guid.NewGuid().ToString("N"));

        // No -p:Pipeline: every item with Run="true" (greeting.dot and release.dot), one directory each.
        var run = await fixture.DotnetAsync("HelloPipeline", "msbuild", "-restore", "-t:RunPipeline", "-p:PipelineAutoApprove=true", "-p:PipelineLogsRoot=" + logs);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(Path.Combine(logs, "greeting", "checkpoint.json")), run.ToString());
        var stamp = Path.Combine(logs, "release", "stamp", "stamp.txt");
        Assert.True(File.Exists(stamp), run.ToString());
        Assert.Equal("stamp of Release stamped by HelloPipeline", File.ReadAllText(stamp).Trim());
    }

    [Fact]
    public async Task A_custom_node_type_without_its_handler_is_an_error_naming_it()
    {
        // The same pipeline, but outside the project: no compiled runner implements release.stamp.
        var outside = Path.Combine(fixture.Root, "outside", "release-copy.dot");
        Directory.CreateDirectory(Path.GetDirectoryName(outside)!);
        File.Copy(Path.Combine(fixture.Project("HelloPipeline"), "pipelines", "release.dot"), outside, overwrite: true);
        var logs = Path.Combine(fixture.Root, "runs", "missing-" + Guid.NewGuid().ToString("N"));

        var run = await fixture.DotnetAsync("HelloPipeline", "msbuild", "-restore", "-t:RunPipeline", "-p:Pipeline=" + outside, "-p:PipelineLogsRoot=" + logs);

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains($"{outside} : error ATR5002: node 'stamp' has type 'release.stamp', which has no handler", run.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(logs), "nothing may run");
    }

    [Fact]
    public async Task A_failing_pipeline_is_an_error_at_its_file()
    {
        var pipeline = Path.Combine(fixture.Root, "outside", "fails.dot");
        Directory.CreateDirectory(Path.GetDirectoryName(pipeline)!);
        File.WriteAllText(pipeline, """
            digraph Fails {
                start [shape=Mdiamond]
                exit [shape=Msquare]
                boom [shape=parallelogram, tool_command="echo broken >&2; exit 3"]
                start -> boom -> exit
            }
            """);
        var logs = Path.Combine(fixture.Root, "runs", "fails-" + Guid.NewGuid().ToString("N"));

        var run = await fixture.DotnetAsync("PipelineBuildStep", "msbuild", "-restore", "-t:RunPipeline", "-p:Pipeline=" + pipeline, "-p:PipelineLogsRoot=" + logs);

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains($"{pipeline} : error ATR5001: Pipeline failed: ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PipelineBackend_is_refused_while_the_cli_has_no_backend_option()
    {
        var run = await fixture.DotnetAsync("HelloPipeline", "msbuild", "-restore", "-t:RunPipeline", "-p:Pipeline=pipelines/greeting.dot", "-p:PipelineBackend=anthropic");

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains("error ATR5003: PipelineBackend 'anthropic' cannot be used", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnBuild_generates_a_source_file_the_same_build_compiles_and_is_incremental()
    {
        var project = fixture.Project("PipelineBuildStep");

        var first = await fixture.DotnetAsync("PipelineBuildStep", "build");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("run succeeded", first.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(project, "Generated", "BuildInfo.g.cs")), first.ToString());
        var app = await fixture.DotnetAsync("PipelineBuildStep", "run", "--no-build");
        Assert.Contains("Hello from a pipeline that ran during the build", app.Output, StringComparison.Ordinal);

        var second = await fixture.DotnetAsync("PipelineBuildStep", "build");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.DoesNotContain("run succeeded", second.Output, StringComparison.Ordinal);
    }
}
