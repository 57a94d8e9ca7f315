// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Build.Tasks.Tests;

public sealed class CliOutputParserTests
{
    [Fact]
    public void Diagnostic_with_position_keeps_file_line_column_severity_and_code()
    {
        var line = CliOutputParser.Parse("pipelines/review.dot(12,5): error ATR2001: Graph 'x' has no start node. [start_node]");

        Assert.Equal(CliLineKind.Diagnostic, line.Kind);
        Assert.Equal("pipelines/review.dot", line.File);
        Assert.Equal(12, line.Line);
        Assert.Equal(5, line.Column);
        Assert.Equal("error", line.Severity);
        Assert.Equal("ATR2001", line.Code);
        Assert.Equal("Graph 'x' has no start node. [start_node]", line.Text);
    }

    [Theory]
    [InlineData("a b/x.dot: warning ATR2009: text", "a b/x.dot", "warning", "ATR2009")]
    [InlineData("/abs/x.dot(1,1): info ATR2022: text", "/abs/x.dot", "info", "ATR2022")]
    public void Diagnostic_variants(string text, string file, string severity, string code)
    {
        var line = CliOutputParser.Parse(text);

        Assert.Equal(CliLineKind.Diagnostic, line.Kind);
        Assert.Equal(file, line.File);
        Assert.Equal(severity, line.Severity);
        Assert.Equal(code, line.Code);
    }

    [Fact]
    public void Diagnostic_without_position_has_line_zero()
    {
        var line = CliOutputParser.Parse("x.dot: error ATR1001: text");

        Assert.Equal((0, 0), (line.Line, line.Column));
    }

    [Theory]
    [InlineData("[00:01.00] stage failed  build: exit code 1 | src/a.cs(1,2): error CS0001: boom")]
    [InlineData("[00:00.10] stage started  greet (tool)")]
    [InlineData("running Hello; logs: .attractor/runs/Hello-1")]
    [InlineData("2 files: 1 error, 0 warnings")]
    [InlineData("src/a.cs(1,2): error CS0001: a tool's own error is not the CLI's diagnostic")]
    [InlineData("")]
    public void Other_lines_are_progress(string text)
    {
        var line = CliOutputParser.Parse(text);

        Assert.Equal(CliLineKind.Progress, line.Kind);
        Assert.Equal(text, line.Text);
    }

    [Fact]
    public void Problem_note_and_failure_lines_are_recognised_by_prefix()
    {
        Assert.Equal(new CliLine(CliLineKind.Problem, "'x.dot' does not exist"), CliOutputParser.Parse("attractor: 'x.dot' does not exist"));
        Assert.Equal(new CliLine(CliLineKind.Note, "note: no LLM backend"), CliOutputParser.Parse("attractor: note: no LLM backend"));
        Assert.Equal(new CliLine(CliLineKind.Failure, "stage 'build' failed"), CliOutputParser.Parse("failure: stage 'build' failed"));
    }
}
