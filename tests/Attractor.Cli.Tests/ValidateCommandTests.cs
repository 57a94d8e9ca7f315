// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace Attractor.Cli.Tests;

public sealed partial class ValidateCommandTests
{
    [Fact]
    public async Task Valid_pipeline_exits_0_with_only_a_summary()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("valid.dot", TestFiles.Valid);

        var run = await CliRun.InProcessAsync("validate", path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["1 file: 0 errors, 0 warnings"], run.StdoutLines);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public async Task Errors_exit_1_with_one_canonical_line_per_diagnostic()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("invalid.dot", TestFiles.Invalid);

        var run = await CliRun.InProcessAsync("validate", path);

        Assert.True(run.ExitCode == 1, run.ToString());
        var lines = run.StdoutLines;
        Assert.Equal("1 file: 2 errors, 0 warnings", lines[^1]);
        Assert.Equal(2, lines.Count - 1);
        foreach (var line in lines.Take(lines.Count - 1))
        {
            var match = CanonicalLine().Match(line);
            Assert.True(match.Success, line);
            Assert.Equal(path, match.Groups["path"].Value);
            Assert.Equal("error", match.Groups["severity"].Value);
        }

        Assert.StartsWith(path + "(1,9): error ATR2001: ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(" [start_node]", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.Contains(" error ATR2002: ", StringComparison.Ordinal) && line.EndsWith(" [terminal_node]", StringComparison.Ordinal));
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public async Task Warnings_alone_exit_0()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("warns.dot", TestFiles.WarningsOnly);

        var run = await CliRun.InProcessAsync("validate", path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"^.+\(3,\d+\): warning ATR1012: .+ \[missing_comma\]$", run.StdoutLines[0]);
        Assert.Equal("1 file: 0 errors, 1 warning", run.StdoutLines[^1]);
    }

    [Fact]
    public async Task Paths_are_reported_as_given_relative_or_absolute()
    {
        using var directory = new TempDirectory();
        directory.Write("invalid.dot", TestFiles.Invalid);
        var relative = Path.Join(directory.RelativePath, "invalid.dot");
        Assert.False(Path.IsPathRooted(relative));

        var run = await CliRun.InProcessAsync("validate", relative);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith(relative + "(", run.StdoutLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Directories_are_searched_recursively_in_ordinal_order()
    {
        using var directory = new TempDirectory();
        directory.Write("b.dot", TestFiles.Invalid);
        directory.Write("a/z.dot", TestFiles.Invalid);
        directory.Write("a/B.dot", TestFiles.Invalid);
        directory.Write("a/deep/er/x.dot", TestFiles.Invalid);
        directory.Write("C.dot", TestFiles.Invalid);
        directory.Write("notes.txt", "not a pipeline");
        directory.Write("pipeline.dotx", "not a pipeline either");
        directory.Write(".hidden/skipped.dot", TestFiles.Invalid);

        var run = await CliRun.InProcessAsync("validate", directory.RelativePath);

        Assert.True(run.ExitCode == 1, run.ToString());
        var files = run.StdoutLines.SkipLast(1).Select(line => line[..line.IndexOf('(', StringComparison.Ordinal)]).Distinct().ToList();
        string[] expected = ["C.dot", "a/B.dot", "a/deep/er/x.dot", "a/z.dot", "b.dot"];
        Assert.Equal(expected.Select(file => Path.Join(directory.RelativePath, file.Replace('/', Path.DirectorySeparatorChar))), files);
        Assert.Equal("5 files: 10 errors, 0 warnings", run.StdoutLines[^1]);
    }

    [Fact]
    public async Task Several_paths_are_processed_in_order_and_a_file_named_twice_once()
    {
        using var directory = new TempDirectory();
        var second = directory.Write("sub/second.dot", TestFiles.Invalid);
        var first = directory.Write("first.dot", TestFiles.WarningsOnly);

        var run = await CliRun.InProcessAsync("validate", first, Path.Combine(directory.FullPath, "sub"), second);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith(first + "(", run.StdoutLines[0], StringComparison.Ordinal);
        Assert.StartsWith(second + "(", run.StdoutLines[1], StringComparison.Ordinal);
        Assert.Equal("2 files: 2 errors, 1 warning", run.StdoutLines[^1]);
    }

    [Fact]
    public async Task Missing_file_exits_2_with_one_line_naming_it_and_no_stack_trace()
    {
        var missing = Path.Join("no-such-dir", "missing.dot");

        var run = await CliRun.InProcessAsync("validate", missing);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.Stdout);
        var line = Assert.Single(run.StderrLines);
        Assert.Equal($"attractor: '{missing}' does not exist", line);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_path_among_good_ones_exits_2_and_validates_nothing()
    {
        using var directory = new TempDirectory();
        var good = directory.Write("valid.dot", TestFiles.Valid);
        var missing = Path.Combine(directory.FullPath, "gone");

        var run = await CliRun.InProcessAsync("validate", good, missing);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.Stdout);
        Assert.Equal([$"attractor: '{missing}' does not exist"], run.StderrLines);
    }

    [Fact]
    public async Task Directory_without_pipelines_exits_2()
    {
        using var directory = new TempDirectory();
        directory.Write("readme.txt", "nothing here");

        var run = await CliRun.InProcessAsync("validate", directory.FullPath);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal([$"attractor: no .dot files found under '{directory.FullPath}'"], run.StderrLines);
    }

    [Fact]
    public async Task Unreadable_file_exits_2_naming_it_without_a_stack_trace_and_other_files_are_still_reported()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var directory = new TempDirectory();
        var invalid = directory.Write("invalid.dot", TestFiles.Invalid);
        var unreadable = UnreadableFile(directory);

        var run = await CliRun.InProcessAsync("validate", invalid, unreadable);

        Assert.True(run.ExitCode == 2, run.ToString());
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith($"attractor: cannot read '{unreadable}': ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.StartsWith(invalid + "(", run.StdoutLines[0], StringComparison.Ordinal);
        Assert.Equal("2 files: 2 errors, 0 warnings, 1 unreadable file", run.StdoutLines[^1]);
    }

    [Fact]
    public async Task No_arguments_is_a_usage_error()
    {
        var run = await CliRun.InProcessAsync("validate");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("attractor --help", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "xml", "x.dot")]
    [InlineData("--no-such-option", "x.dot")]
    public async Task Bad_options_are_usage_errors(params string[] args)
    {
        var run = await CliRun.InProcessAsync(["validate", .. args]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.Stdout);
        Assert.StartsWith("attractor: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Colour_marks_errors_red_and_warnings_yellow_only_when_enabled()
    {
        using var directory = new TempDirectory();
        var invalid = directory.Write("invalid.dot", TestFiles.Invalid);
        var warns = directory.Write("warns.dot", TestFiles.WarningsOnly);
        string[] args = ["validate", invalid, warns];

        using var coloured = new StringWriter();
        var exitCode = await CliApplication.RunAsync(args, coloured, TextWriter.Null, useColor: true);
        var plain = await CliRun.InProcessAsync(args);

        Assert.Equal(1, exitCode);
        var lines = coloured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\u001b[31m", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.StartsWith("\u001b[33m", StringComparison.Ordinal) && line.Contains("warning", StringComparison.Ordinal));
        Assert.DoesNotContain('\u001b', plain.Stdout);
        Assert.Equal(plain.Stdout, coloured.ToString().Replace("\u001b[31m", string.Empty, StringComparison.Ordinal).Replace("\u001b[33m", string.Empty, StringComparison.Ordinal).Replace("\u001b[0m", string.Empty, StringComparison.Ordinal));
    }

    [UnsupportedOSPlatform("windows")]
    internal static string UnreadableFile(TempDirectory directory)
    {
        var path = directory.Write("unreadable.dot", TestFiles.Valid);
        File.SetUnixFileMode(path, UnixFileMode.None);
        try
        {
            using (File.OpenRead(path))
            {
            }

            // Still readable: running as root, which ignores permissions. Reading this process's
            // memory at offset 0 fails with EIO for every user.
            return "/proc/self/mem";
        }
        catch (UnauthorizedAccessException)
        {
            return path;
        }
    }

    [GeneratedRegex(@"^(?<path>.+)\((?<line>\d+),(?<column>\d+)\): (?<severity>error|warning|info) (?<id>ATR\d{4}): (?<message>.+) \[(?<rule>[a-z_]+)\]$")]
    internal static partial Regex CanonicalLine();
}
