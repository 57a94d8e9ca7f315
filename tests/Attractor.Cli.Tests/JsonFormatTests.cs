// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Cli.Tests;

public sealed class JsonFormatTests
{
    [Fact]
    public async Task Json_document_has_the_documented_shape()
    {
        using var directory = new TempDirectory();
        var invalid = directory.Write("invalid.dot", TestFiles.Invalid);
        var valid = directory.Write("valid.dot", TestFiles.Valid);

        var run = await CliRun.InProcessAsync("validate", invalid, valid, "--format", "json");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Empty(run.Stderr);
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;
        Assert.Equal(["schemaVersion", "files", "diagnostics", "summary", "exitCode"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(1, root.GetProperty("exitCode").GetInt32());

        var files = root.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(2, files.Count);
        Assert.Equal(["path", "status", "errors", "warnings", "infos", "readError"], files[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(invalid, files[0].GetProperty("path").GetString());
        Assert.Equal("invalid", files[0].GetProperty("status").GetString());
        Assert.Equal(2, files[0].GetProperty("errors").GetInt32());
        Assert.Equal(JsonValueKind.Null, files[0].GetProperty("readError").ValueKind);
        Assert.Equal("valid", files[1].GetProperty("status").GetString());

        var diagnostics = root.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.Equal(2, diagnostics.Count);
        var first = diagnostics[0];
        Assert.Equal(
            ["id", "rule", "severity", "message", "fix", "file", "span", "nodeId", "edge", "helpLink"],
            first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ATR2001", first.GetProperty("id").GetString());
        Assert.Equal("start_node", first.GetProperty("rule").GetString());
        Assert.Equal("error", first.GetProperty("severity").GetString());
        Assert.Equal(invalid, first.GetProperty("file").GetString());
        Assert.Equal("docs/diagnostics.md#atr2001", first.GetProperty("helpLink").GetString());
        var span = first.GetProperty("span");
        Assert.Equal(["startLine", "startColumn", "endLine", "endColumn", "start", "length"], span.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, span.GetProperty("startLine").GetInt32());
        Assert.Equal(9, span.GetProperty("startColumn").GetInt32());
        Assert.Equal(8, span.GetProperty("start").GetInt32());
        Assert.Equal("Invalid".Length, span.GetProperty("length").GetInt32());

        var summary = root.GetProperty("summary");
        Assert.Equal(["files", "errors", "warnings", "infos", "unreadable"], summary.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, summary.GetProperty("files").GetInt32());
        Assert.Equal(2, summary.GetProperty("errors").GetInt32());
    }

    [Fact]
    public async Task Json_diagnostics_carry_node_and_edge_when_known()
    {
        var path = Path.Combine(TestFiles.CorpusDirectory, "wcraigjones__attractor__02-validation-06-start-incoming__pipeline.dot");

        var run = await CliRun.InProcessAsync("validate", path, "--format", "json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var document = JsonDocument.Parse(run.Stdout);
        var diagnostic = document.RootElement.GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "ATR2005");
        var edge = diagnostic.GetProperty("edge");
        Assert.Equal("work", edge.GetProperty("from").GetString());
        Assert.Equal("start", edge.GetProperty("to").GetString());
        Assert.NotEqual(JsonValueKind.Null, diagnostic.GetProperty("fix").ValueKind);
    }

    [Fact]
    public async Task Json_is_written_without_needless_escapes()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("invalid.dot", TestFiles.Invalid);

        var run = await CliRun.InProcessAsync("validate", path, "--format", "json");

        Assert.DoesNotContain("\\u0027", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("'Invalid'", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_pipelines_give_exit_code_0_in_the_document()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("valid.dot", TestFiles.Valid);

        var run = await CliRun.InProcessAsync("validate", "--format", "json", path);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.Equal(0, document.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Empty(document.RootElement.GetProperty("diagnostics").EnumerateArray());
    }

    [Fact]
    public async Task Unreadable_files_are_listed_with_their_read_error()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var directory = new TempDirectory();
        var unreadable = ValidateCommandTests.UnreadableFile(directory);

        var run = await CliRun.InProcessAsync("validate", "--format", "json", unreadable);

        Assert.True(run.ExitCode == 2, run.ToString());
        using var document = JsonDocument.Parse(run.Stdout);
        var file = Assert.Single(document.RootElement.GetProperty("files").EnumerateArray());
        Assert.Equal("unreadable", file.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(file.GetProperty("readError").GetString()));
        Assert.Equal(1, document.RootElement.GetProperty("summary").GetProperty("unreadable").GetInt32());
        Assert.Equal(2, document.RootElement.GetProperty("exitCode").GetInt32());
        Assert.Single(run.StderrLines);
    }
}
