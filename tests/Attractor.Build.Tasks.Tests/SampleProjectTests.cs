// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Build.Tasks.Tests;

/// <summary>Real <c>dotnet build</c> / <c>dotnet msbuild</c> runs of the sample projects.</summary>
[Collection(SampleBuildCollection.Name)]
public sealed class SampleProjectTests(SampleBuildFixture fixture)
{
    [Fact]
    public async Task BrokenPipelines_build_fails_with_exact_diagnostics()
    {
        var run = await fixture.DotnetAsync("BrokenPipelines", "build");

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Equal(SampleProjects.BrokenPipelinesDiagnostics, run.Diagnostics(fixture.Project("BrokenPipelines")));
    }

    [Fact]
    public async Task Editorconfig_sections_set_severities_in_the_build_and_an_edit_takes_effect()
    {
        // A copy of BrokenPipelines under its own name (so its obj/ is its own) with .editorconfig files
        // in the project folder and in pipelines/, which holds no C# file (the compiler's own discovery
        // would not look there).
        var project = fixture.Project("ConfiguredSeverities");
        SampleProjects.Copy(fixture.Project("BrokenPipelines"), project);
        File.Move(Path.Combine(project, "BrokenPipelines.csproj"), Path.Combine(project, "ConfiguredSeverities.csproj"));
        File.WriteAllText(Path.Combine(project, ".editorconfig"), "[*.dot]\ndotnet_diagnostic.ATR2010.severity = error\n");
        File.WriteAllText(Path.Combine(project, "pipelines", ".editorconfig"), "[no_start.dot]\ndotnet_diagnostic.ATR2001.severity = none\n");

        var run = await fixture.DotnetAsync("ConfiguredSeverities", "build");

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Equal(
            [
                "error ATR1003 pipelines/unterminated.dot(5,18)",
                "error ATR1010 pipelines/unterminated.dot(5,10)",
                "error ATR2010 pipelines/warnings.dot(5,31)",
            ],
            run.Diagnostics(project));

        // The .editorconfig files are compiler inputs: editing one compiles again with the new severity.
        File.WriteAllText(Path.Combine(project, "pipelines", ".editorconfig"), "[no_start.dot]\ndotnet_diagnostic.ATR2001.severity = warning\n");
        var edited = await fixture.DotnetAsync("ConfiguredSeverities", "build", "--no-restore");

        Assert.Contains("warning ATR2001 pipelines/no_start.dot(2,9)", edited.Diagnostics(project));
        Assert.Equal(4, edited.Diagnostics(project).Count);
    }

    [Fact]
    public async Task ValidatePipelines_reports_the_same_diagnostics_without_compiling()
    {
        var run = await fixture.DotnetAsync("BrokenPipelines", "msbuild", "-restore", "-t:ValidatePipelines", "-v:n");

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Equal(SampleProjects.BrokenPipelinesDiagnostics, run.Diagnostics(fixture.Project("BrokenPipelines")));
        // The compiler's copies of these diagnostics carry help links; the CLI's do not: nothing was compiled.
        Assert.DoesNotContain("(docs/diagnostics.md#", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("BrokenPipelines -> ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidatePipelines_passes_on_a_valid_project()
    {
        var run = await fixture.DotnetAsync("PipelineBuildStep", "msbuild", "-restore", "-t:ValidatePipelines");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("2 files: 0 errors", run.Output, StringComparison.Ordinal);

        // verify.dot's custom type is implemented by the project: no type_known (ATR2009) warning.
        Assert.DoesNotContain("warning ATR", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunPipeline_runs_one_pipeline_and_writes_its_run_directory()
    {
        var logs = Path.Combine(fixture.Root, "runs", "greeting-" + Guid.NewGuid().ToString("N"));

        var run = await fixture.DotnetAsync("HelloPipeline", "msbuild", "-restore", "-t:RunPipeline", "-p:Pipeline=pipelines/greeting.dot", "-p:PipelineAutoApprove=true", "-p:PipelineLogsRoot=" + logs, "-p:PipelineContext=\"ticket=ABC-1;owner=sam\"");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(Path.Combine(logs, "checkpoint.json")), run.ToString());
        var checkpoint = File.ReadAllText(Path.Combine(logs, "checkpoint.json"));
        Assert.Contains("\"ticket\": \"ABC-1\"", checkpoint, StringComparison.Ordinal);
        Assert.Contains("\"owner\": \"sam\"", checkpoint, StringComparison.Ordinal);
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
        // At the node that failed: line 4, column 5.
        Assert.Contains($"{pipeline}(4,5): error ATR5001: Pipeline failed: ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_build_without_RunOnBuild_pipelines_needs_neither_the_cli_nor_the_tasks()
    {
        var missing = Path.Combine(fixture.Root, "not-installed");

        var run = await fixture.DotnetAsync("HelloPipeline", "build", "-p:AttractorCliPath=" + Path.Combine(missing, "Attractor.Cli.dll"), "-p:AttractorTasksAssembly=" + Path.Combine(missing, "Attractor.Build.Tasks.dll"));

        Assert.True(run.ExitCode == 0, run.ToString());
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

        // RunOnBuild="AfterBuild": verify.dot ran through the compiled project, whose handler saw BuildInfo.
        var report = Path.Combine(fixture.Artifacts, "obj", "PipelineBuildStep", "debug", "attractor", "runs", "verify", "check", "check.txt");
        Assert.True(File.Exists(report), first.ToString());
        Assert.Equal("checked: Hello from a pipeline that ran during the build", File.ReadAllText(report).Trim());
        Assert.DoesNotContain("ATR2009", first.Output, StringComparison.Ordinal);

        var second = await fixture.DotnetAsync("PipelineBuildStep", "build");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.DoesNotContain("run succeeded", second.Output, StringComparison.Ordinal);

        // Editing the pipeline runs it again, and the project is compiled and verified again.
        File.SetLastWriteTimeUtc(Path.Combine(project, "pipelines", "build-info.dot"), DateTime.UtcNow);
        var third = await fixture.DotnetAsync("PipelineBuildStep", "build");
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Contains("running Build info;", third.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderPipelines_writes_mermaid_coloured_by_the_latest_run()
    {
        var runs = Path.Combine(fixture.Root, "render-runs-" + Guid.NewGuid().ToString("N"));
        var ran = await fixture.DotnetAsync("HelloPipeline", "msbuild", "-restore", "-t:RunPipeline", "-p:Pipeline=pipelines/greeting.dot", "-p:PipelineAutoApprove=true", "-p:PipelineLogsRoot=" + Path.Combine(runs, "Greeting-1"));
        Assert.True(ran.ExitCode == 0, ran.ToString());

        var run = await fixture.DotnetAsync("HelloPipeline", "msbuild", "-t:RenderPipelines", "-p:RenderPipelinesFormat=mermaid", "-p:RenderPipelinesRunsDirectory=" + runs);

        Assert.True(run.ExitCode == 0, run.ToString());
        var markdown = File.ReadAllText(Path.Combine(fixture.Project("HelloPipeline"), "pipelines", "greeting.md"));
        Assert.Contains("flowchart TD", markdown, StringComparison.Ordinal);
        Assert.Contains("n6{{\"Publish this greeting?\"}}", markdown, StringComparison.Ordinal);

        // Everything but the "Complain" branch (n5) and the exit node ran and succeeded.
        Assert.Contains("class n0,n2,n3,n4,n6,n7 success", markdown, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(fixture.Project("HelloPipeline"), "pipelines", "release.md")), run.ToString());
    }

    [Fact]
    public async Task RenderPipelines_svg_goes_through_the_configured_graphviz()
    {
        // A stand-in for Graphviz that proves the DOT reached it and its SVG was written next to the pipeline.
        var fake = Path.Combine(fixture.Root, "fake-dot-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(fake, "#!/bin/sh\n[ \"$1\" = -Tsvg ] || exit 9\nprintf '<svg><!-- %s --></svg>\\n' \"$(grep -c -- '->' )\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var run = await fixture.DotnetAsync("PipelineBuildStep", "msbuild", "-t:RenderPipelines", "-p:RenderPipelinesFormat=svg", "-p:GraphvizDot=" + fake);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("<svg><!-- 2 --></svg>", File.ReadAllText(Path.Combine(fixture.Project("PipelineBuildStep"), "pipelines", "build-info.svg")).Trim());
    }

    [Fact]
    public async Task RenderPipelines_svg_without_graphviz_is_an_error()
    {
        var missing = Path.Combine(fixture.Root, "no-such-dot");

        var run = await fixture.DotnetAsync("PipelineBuildStep", "msbuild", "-t:RenderPipelines", "-p:RenderPipelinesFormat=svg", "-p:GraphvizDot=" + missing);

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains("error ATR5008: RenderPipelinesFormat=svg needs Graphviz", run.Output, StringComparison.Ordinal);
    }
}
