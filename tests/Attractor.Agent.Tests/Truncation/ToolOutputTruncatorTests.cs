// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Tests;

public sealed class ToolOutputTruncatorTests
{
    [Fact]
    public void Output_within_the_limit_is_unchanged()
    {
        var output = new string('x', 30_000);
        Assert.Same(output, ToolOutputTruncator.TruncateChars(output, 30_000, TruncationMode.HeadTail));
    }

    [Fact]
    public void Head_tail_keeps_both_halves_around_the_spec_marker()
    {
        var output = "abcdefghij" + new string('-', 20) + "0123456789";

        var result = ToolOutputTruncator.TruncateChars(output, 20, TruncationMode.HeadTail);

        Assert.Equal(
            "abcdefghij\n\n[WARNING: Tool output was truncated. 20 characters were removed from the middle. "
            + "The full output is available in the event stream. "
            + "If you need to see specific parts, re-run the tool with more targeted parameters.]\n\n0123456789",
            result);
    }

    [Fact]
    public void Tail_keeps_the_end_after_the_spec_marker()
    {
        var result = ToolOutputTruncator.TruncateChars("0123456789", 4, TruncationMode.Tail);

        Assert.Equal("[WARNING: Tool output was truncated. First 6 characters were removed. The full output is available in the event stream.]\n\n6789", result);
    }

    [Fact]
    public void Lines_keep_head_and_tail_around_the_omission_marker()
    {
        var output = string.Join('\n', Enumerable.Range(1, 10));

        Assert.Equal("1\n2\n[... 5 lines omitted ...]\n8\n9\n10", ToolOutputTruncator.TruncateLines(output, 5));
        Assert.Same(output, ToolOutputTruncator.TruncateLines(output, 10));
    }

    [Fact]
    public void A_10_MB_single_line_is_cut_by_characters_first()
    {
        var output = new string('a', 5_000_000) + new string('z', 5_000_000);

        var result = ToolOutputTruncator.Truncate(output, "shell");

        Assert.StartsWith(new string('a', 15_000) + "\n\n[WARNING: Tool output was truncated. 9970000 characters were removed from the middle.", result, StringComparison.Ordinal);
        Assert.EndsWith("]\n\n" + new string('z', 15_000), result, StringComparison.Ordinal);
        Assert.True(result.Length < 30_500, result.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Shell_output_is_then_limited_to_256_lines()
    {
        var output = string.Join('\n', Enumerable.Range(0, 1000).Select(i => "line" + i));

        var result = ToolOutputTruncator.Truncate(output, "shell");

        var lines = result.Split('\n');
        Assert.Equal(257, lines.Length);
        Assert.Equal("line127", lines[127]);
        Assert.Equal("[... 744 lines omitted ...]", lines[128]);
        Assert.Equal("line999", lines[^1]);
    }

    [Theory]
    [InlineData("read_file", 50_000, TruncationMode.HeadTail, null)]
    [InlineData("shell", 30_000, TruncationMode.HeadTail, 256)]
    [InlineData("grep", 20_000, TruncationMode.Tail, 200)]
    [InlineData("glob", 20_000, TruncationMode.Tail, 500)]
    [InlineData("edit_file", 10_000, TruncationMode.Tail, null)]
    [InlineData("apply_patch", 10_000, TruncationMode.Tail, null)]
    [InlineData("write_file", 1_000, TruncationMode.Tail, null)]
    [InlineData("spawn_agent", 20_000, TruncationMode.HeadTail, null)]
    public void Defaults_match_the_spec_tables(string tool, int chars, TruncationMode mode, int? lines)
    {
        Assert.Equal(chars, ToolOutputLimits.Default.GetCharLimit(tool));
        Assert.Equal(mode, ToolOutputLimits.Default.GetMode(tool));
        Assert.Equal(lines, ToolOutputLimits.Default.GetLineLimit(tool));
    }

    [Fact]
    public void Character_and_line_limits_are_overridable()
    {
        var limits = new ToolOutputLimits
        {
            CharLimits = new Dictionary<string, int> { ["shell"] = 10 },
            LineLimits = new Dictionary<string, int> { ["read_file"] = 2, ["shell"] = 0 },
        };

        Assert.Equal("a\n[... 2 lines omitted ...]\nd", ToolOutputTruncator.Truncate("a\nb\nc\nd", "read_file", limits));
        Assert.StartsWith("01234\n\n[WARNING: Tool output was truncated. 10 characters", ToolOutputTruncator.Truncate("01234567890123456789", "shell", limits), StringComparison.Ordinal);
        Assert.Null(limits.GetLineLimit("shell"));
    }

    [Fact]
    public void Context_warning_fires_above_80_percent()
    {
        Assert.Null(ContextUsage.GetWarning(320_000, 100_000));
        Assert.Equal("Context usage at ~85% of context window", ContextUsage.GetWarning(340_000, 100_000));
    }
}
