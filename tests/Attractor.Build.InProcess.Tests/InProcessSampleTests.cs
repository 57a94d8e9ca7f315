// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using Microsoft.Build.Execution;
using Microsoft.Build.Framework;

namespace Attractor.Build.InProcess.Tests;

/// <summary>The sample projects built by MSBuild in this process (Microsoft.Build.Locator), not by <c>dotnet build</c>.</summary>
[Collection(InProcessBuildCollection.Name)]
public sealed class InProcessSampleTests(InProcessBuildFixture fixture)
{
    [Fact]
    public void BrokenPipelines_build_fails_with_exact_diagnostics()
    {
        var build = fixture.Build("BrokenPipelines", ["Build"]);

        Assert.False(build.Succeeded, build.ToString());
        Assert.Equal(SampleProjects.BrokenPipelinesDiagnostics, build.Diagnostics(fixture.Project("BrokenPipelines")));

        // The generator reported them through the compiler.
        Assert.All(build.Log.Diagnostics, d => Assert.Equal("Csc", d.Sender));
    }

    [Fact]
    public void HelloPipeline_builds_without_warnings_and_contains_the_generated_runners()
    {
        var build = fixture.InitialBuild;

        Assert.True(build.Succeeded, build.ToString());
        Assert.Empty(build.Log.Diagnostics);

        var assembly = Assert.Single(build.Result.ResultsByTarget["Build"].Items).ItemSpec;
        Assert.Equal("HelloPipeline.dll", Path.GetFileName(assembly));
        var types = TypeNames(assembly);
        Assert.Contains("HelloPipeline.Pipelines.GreetingPipeline", types);
        Assert.Contains("HelloPipeline.Pipelines.ReleasePipeline", types);
    }

    [Fact]
    public void ValidatePipelines_reports_the_diagnostics_without_compiling()
    {
        var build = fixture.Build("BrokenPipelines", ["ValidatePipelines"]);

        Assert.False(build.Succeeded, build.ToString());
        Assert.Equal(TargetResultCode.Failure, build.Result.ResultsByTarget["ValidatePipelines"].ResultCode);
        Assert.Equal(SampleProjects.BrokenPipelinesDiagnostics, build.Diagnostics(fixture.Project("BrokenPipelines")));

        // Reported by the task that runs the CLI: nothing was compiled.
        Assert.All(build.Log.Diagnostics, d => Assert.Equal("ValidatePipelines", d.Sender));
    }

    [Fact]
    public void ValidatePipelines_passes_on_a_valid_project()
    {
        var build = fixture.Build("HelloPipeline", ["ValidatePipelines"]);

        Assert.True(build.Succeeded, build.ToString());
        Assert.Equal(TargetResultCode.Success, build.Result.ResultsByTarget["ValidatePipelines"].ResultCode);
        Assert.Empty(build.Log.Diagnostics);
        Assert.Contains("2 files: 0 errors", build.Log.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void RunPipeline_simulated_and_auto_approved_writes_a_checkpoint_at_the_exit_node()
    {
        var logs = Path.Combine(fixture.Root, "runs", "greeting-" + Guid.NewGuid().ToString("N"));

        var build = fixture.Build("HelloPipeline", ["RunPipeline"], new Dictionary<string, string>
        {
            ["Pipeline"] = "pipelines/greeting.dot",
            ["PipelineSimulate"] = "true",
            ["PipelineAutoApprove"] = "true",
            ["PipelineLogsRoot"] = logs,
        });

        Assert.True(build.Succeeded, build.ToString());
        Assert.Equal(TargetResultCode.Success, build.Result.ResultsByTarget["RunPipeline"].ResultCode);
        Assert.True(Directory.Exists(logs), build.ToString());
        var checkpoint = Path.Combine(logs, "checkpoint.json");
        Assert.True(File.Exists(checkpoint), build.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(checkpoint));
        var completed = json.RootElement.GetProperty("completed_nodes").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("publish", completed);
        Assert.Equal("exit", json.RootElement.GetProperty("current_node").GetString());
    }

    [Fact]
    public void RunOnBuild_generates_a_source_file_the_same_build_compiles_and_the_next_build_skips_it()
    {
        var project = fixture.Project("PipelineBuildStep");
        var generated = Path.Combine(project, "Generated", "BuildInfo.g.cs");
        Assert.False(File.Exists(generated));

        var first = fixture.Build("PipelineBuildStep", ["Build"]);

        Assert.True(first.Succeeded, first.ToString());
        Assert.Empty(first.Log.Diagnostics);

        // build-info.dot (RunOnBuild="true") ran before the compiler and wrote the source file ...
        Assert.True(File.Exists(generated), first.ToString());
        Assert.Contains("internal static class BuildInfo", File.ReadAllText(generated), StringComparison.Ordinal);

        // ... which this same build compiled: the constant is in the assembly, with the pipeline's text.
        var assembly = Assert.Single(first.Result.ResultsByTarget["Build"].Items).ItemSpec;
        Assert.Equal("PipelineBuildStep.dll", Path.GetFileName(assembly));
        Assert.Equal("Hello from a pipeline that ran during the build", StringConstant(assembly, "PipelineBuildStep.BuildInfo", "Greeting"));

        // verify.dot (RunOnBuild="AfterBuild") ran through the compiled project's handler, which saw BuildInfo.
        Assert.Equal(2, first.Log.TasksStarted.Count(t => t == "RunPipeline"));
        var report = Path.Combine(fixture.Artifacts, "obj", "PipelineBuildStep", "debug", "attractor", "runs", "verify", "check", "check.txt");
        Assert.True(File.Exists(report), first.ToString());
        Assert.Equal("checked: Hello from a pipeline that ran during the build", File.ReadAllText(report).Trim());

        var written = File.GetLastWriteTimeUtc(generated);
        var second = fixture.Build("PipelineBuildStep", ["Build"]);

        // Incremental: both pipeline targets are skipped as up to date and no pipeline runs.
        Assert.True(second.Succeeded, second.ToString());
        Assert.Empty(second.Log.Diagnostics);
        Assert.DoesNotContain("RunPipeline", second.Log.TasksStarted);
        Assert.Contains(("_AttractorRunOnBuild", TargetSkipReason.OutputsUpToDate), second.Log.TargetsSkipped);
        Assert.Contains(("_AttractorRunAfterBuild", TargetSkipReason.OutputsUpToDate), second.Log.TargetsSkipped);
        Assert.Equal(written, File.GetLastWriteTimeUtc(generated));
    }

    /// <summary>Reads a <c>const string</c> field's value from metadata, without loading the assembly.</summary>
    private static string? StringConstant(string assemblyPath, string typeName, string fieldName)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var type = reader.TypeDefinitions
            .Select(reader.GetTypeDefinition)
            .Single(t => $"{reader.GetString(t.Namespace)}.{reader.GetString(t.Name)}" == typeName);
        var field = type.GetFields()
            .Select(reader.GetFieldDefinition)
            .Single(f => reader.GetString(f.Name) == fieldName);
        var constant = reader.GetConstant(field.GetDefaultValue());
        return reader.GetBlobReader(constant.Value).ReadConstant(constant.TypeCode) as string;
    }

    private static List<string> TypeNames(string assemblyPath)
    {
        // Read from metadata: the sample assembly is never loaded into the test process.
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return [.. reader.TypeDefinitions
            .Select(reader.GetTypeDefinition)
            .Select(t => $"{reader.GetString(t.Namespace)}.{reader.GetString(t.Name)}")];
    }
}
