// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Build.Tasks.Tests;

/// <summary>Which files become pipeline items and generator inputs (evaluation only: <c>dotnet msbuild -getItem</c>).</summary>
[Collection(SampleBuildCollection.Name)]
public sealed class PipelineItemTests(SampleBuildFixture fixture)
{
    [Fact]
    public async Task Dot_files_under_the_project_are_pipelines_except_outputs_runs_and_hidden_folders()
    {
        var project = fixture.Project("HelloPipeline");
        foreach (var stray in new[] { "bin/Debug/stale.dot", "obj/stale.dot", ".attractor/runs/Greeting-1/pipeline.dot", ".hidden/x.dot" })
        {
            var path = Path.Combine(project, stray);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "digraph Stray { start [shape=Mdiamond] exit [shape=Msquare] start -> exit }");
        }

        var items = await GetItemsAsync("HelloPipeline");

        Assert.Equal(["pipelines/greeting.dot", "pipelines/release.dot"], Identities(items, "AttractorPipeline"));
        var additional = items.GetProperty("AdditionalFiles").EnumerateArray()
            .Where(static i => i.GetProperty("SourceItemType").GetString() == "AttractorPipeline")
            .ToArray();
        Assert.Equal(["pipelines/greeting.dot", "pipelines/release.dot"], additional.Select(static i => Normalize(i.GetProperty("Identity").GetString()!)).Order(StringComparer.Ordinal));
        Assert.All(additional, static i => Assert.Equal("true", i.GetProperty("Run").GetString()));
    }

    [Fact]
    public async Task EnableDefaultAttractorPipelineItems_false_turns_the_glob_off()
    {
        var items = await GetItemsAsync("HelloPipeline", "-p:EnableDefaultAttractorPipelineItems=false");

        Assert.Empty(Identities(items, "AttractorPipeline"));
        Assert.DoesNotContain(items.GetProperty("AdditionalFiles").EnumerateArray(), static i => i.GetProperty("SourceItemType").GetString() == "AttractorPipeline");
    }

    private static string[] Identities(JsonElement items, string type) =>
        items.TryGetProperty(type, out var list)
            ? [.. list.EnumerateArray().Select(static i => Normalize(i.GetProperty("Identity").GetString()!)).Order(StringComparer.Ordinal)]
            : [];

    private static string Normalize(string path) => path.Replace('\\', '/');

    private async Task<JsonElement> GetItemsAsync(string sample, params string[] extra)
    {
        var run = await fixture.DotnetAsync(sample, ["msbuild", "-getItem:AttractorPipeline", "-getItem:AdditionalFiles", .. extra]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Output[run.Output.IndexOf('{', StringComparison.Ordinal)..];
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("Items").Clone();
    }
}
