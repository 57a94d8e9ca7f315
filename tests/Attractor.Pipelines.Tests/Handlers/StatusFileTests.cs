// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Attractor.Pipelines.Tests.Handlers;

/// <summary>Appendix C: the status.json contract.</summary>
public sealed class StatusFileTests : IDisposable
{
    private readonly HandlerTestStage _stage = new();

    private string Directory => _stage.LogsRoot;

    public void Dispose() => _stage.Dispose();

    [Fact]
    public async Task Round_trip_keeps_every_field()
    {
        var outcome = new Outcome(StageStatus.PartialSuccess)
        {
            PreferredLabel = "[A] Approve",
            SuggestedNextIds = ["a", "b"],
            Notes = "done with caveats",
            FailureReason = "one test skipped",
            ContextUpdates = new Dictionary<string, object?>
            {
                ["text"] = "hello",
                ["count"] = 42,
                ["ratio"] = 0.5,
                ["flag"] = true,
                ["nothing"] = null,
                ["nested.key"] = new JsonObject { ["x"] = 1 },
                ["list"] = new List<object?> { "a", 2 },
            },
        };

        await StatusFile.WriteAsync(Directory, outcome, CancellationToken.None);
        var read = await StatusFile.TryReadAsync(Directory, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(StageStatus.PartialSuccess, read.Status);
        Assert.Equal("[A] Approve", read.PreferredLabel);
        Assert.Equal(["a", "b"], read.SuggestedNextIds);
        Assert.Equal("done with caveats", read.Notes);
        Assert.Equal("one test skipped", read.FailureReason);
        Assert.Equal("hello", read.ContextUpdates["text"]);
        Assert.Equal(42L, read.ContextUpdates["count"]);
        Assert.Equal(0.5, read.ContextUpdates["ratio"]);
        Assert.Equal(true, read.ContextUpdates["flag"]);
        Assert.Null(read.ContextUpdates["nothing"]);
        Assert.Equal("{\"x\":1}", Assert.IsAssignableFrom<JsonNode>(read.ContextUpdates["nested.key"]).ToJsonString());
        Assert.Equal("[\"a\",2]", Assert.IsAssignableFrom<JsonNode>(read.ContextUpdates["list"]).ToJsonString());
    }

    [Fact]
    public async Task File_uses_the_appendix_c_field_names_and_lower_case_outcome()
    {
        await StatusFile.WriteAsync(Directory, Outcome.Fail("boom") with { SuggestedNextIds = ["x"] }, CancellationToken.None);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Directory, StatusFile.FileName)));
        var root = document.RootElement;
        Assert.Equal("fail", root.GetProperty("outcome").GetString());
        Assert.Equal(string.Empty, root.GetProperty("preferred_label").GetString());
        Assert.Equal("x", root.GetProperty("suggested_next_ids")[0].GetString());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("context_updates").ValueKind);
        Assert.Equal(string.Empty, root.GetProperty("notes").GetString());
        Assert.Equal("boom", root.GetProperty("failure_reason").GetString());
    }

    [Theory]
    [InlineData(StageStatus.Success, "success")]
    [InlineData(StageStatus.PartialSuccess, "partial_success")]
    [InlineData(StageStatus.Retry, "retry")]
    [InlineData(StageStatus.Fail, "fail")]
    [InlineData(StageStatus.Skipped, "skipped")]
    public async Task Every_status_is_written_by_its_wire_name(StageStatus status, string wire)
    {
        await StatusFile.WriteAsync(Directory, new Outcome(status), CancellationToken.None);
        var text = await File.ReadAllTextAsync(StatusFile.PathIn(Directory));
        Assert.Contains($"\"outcome\": \"{wire}\"", text, StringComparison.Ordinal);
        Assert.Equal(status, (await StatusFile.TryReadAsync(Directory, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Absent_file_reads_as_null()
    {
        Assert.Null(await StatusFile.TryReadAsync(Directory, CancellationToken.None));
        Assert.Null(await StatusFile.TryReadAsync(Path.Combine(Directory, "no-such-stage"), CancellationToken.None));
    }

    [Fact]
    public async Task Minimal_file_written_by_an_external_tool_is_read()
    {
        await File.WriteAllTextAsync(StatusFile.PathIn(Directory), "{\"outcome\": \"SUCCESS\"}");
        var read = await StatusFile.TryReadAsync(Directory, CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal(StageStatus.Success, read.Status);
        Assert.Empty(read.SuggestedNextIds);
        Assert.Empty(read.ContextUpdates);
        Assert.Equal(string.Empty, read.PreferredLabel);
    }

    [Theory]
    [InlineData("{\"outcome\": \"success\",", "Malformed")]
    [InlineData("not json at all", "Malformed")]
    [InlineData("[1, 2]", "JSON object")]
    [InlineData("{\"notes\": \"no outcome\"}", "'outcome'")]
    [InlineData("{\"outcome\": \"great\"}", "unknown outcome 'great'")]
    public async Task Malformed_file_is_a_fail_outcome_naming_the_file_and_the_error(string content, string expected)
    {
        await File.WriteAllTextAsync(StatusFile.PathIn(Directory), content);
        var read = await StatusFile.TryReadAsync(Directory, CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal(StageStatus.Fail, read.Status);
        Assert.Contains(StatusFile.PathIn(Directory), read.FailureReason, StringComparison.Ordinal);
        Assert.Contains(expected, read.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_syntax_error_is_quoted_in_the_reason()
    {
        await File.WriteAllTextAsync(StatusFile.PathIn(Directory), "{\"outcome\": }");
        var read = await StatusFile.TryReadAsync(Directory, CancellationToken.None);
        Assert.Contains("LineNumber", read!.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_replaces_atomically_and_leaves_no_temporary_file()
    {
        await StatusFile.WriteAsync(Directory, Outcome.Fail("first"), CancellationToken.None);
        await StatusFile.WriteAsync(Directory, Outcome.Success("second"), CancellationToken.None);
        Assert.Equal([StatusFile.FileName], System.IO.Directory.GetFiles(Directory).Select(Path.GetFileName));
        var read = await StatusFile.TryReadAsync(Directory, CancellationToken.None);
        Assert.Equal("second", read!.Notes);
    }

    [Fact]
    public async Task Write_creates_a_missing_stage_directory()
    {
        var stage = Path.Combine(Directory, "new", "stage");
        await StatusFile.WriteAsync(stage, Outcome.Success(), CancellationToken.None);
        Assert.True(File.Exists(StatusFile.PathIn(stage)));
    }
}
