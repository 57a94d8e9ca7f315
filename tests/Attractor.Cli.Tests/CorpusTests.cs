// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.RegularExpressions;

namespace Attractor.Cli.Tests;

/// <summary>
/// <c>attractor validate</c> gives every corpus file the exit code of the verdict table in
/// <c>Corpus/README.md</c>. The table is read here, so it stays the single source of truth.
/// </summary>
public sealed partial class CorpusTests
{
    public static TheoryData<string, int> Verdicts()
    {
        var data = new TheoryData<string, int>();
        foreach (var (file, exitCode) in ReadVerdictTable())
        {
            data.Add(file, exitCode);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Verdicts))]
    public async Task Corpus_file_gets_the_exit_code_of_the_verdict_table(string file, int expectedExitCode)
    {
        var path = Path.Combine(TestFiles.CorpusDirectory, file);

        var run = await CliRun.InProcessAsync("validate", path);

        Assert.True(run.ExitCode == expectedExitCode, run.ToString());
        Assert.Empty(run.Stderr);
        Assert.All(run.StdoutLines.SkipLast(1), line => Assert.Matches(ValidateCommandTests.CanonicalLine(), line));
    }

    [Fact]
    public void Verdict_table_covers_every_corpus_file()
    {
        var listed = ReadVerdictTable().Select(static verdict => verdict.File).Order(StringComparer.Ordinal);
        var present = Directory.GetFiles(TestFiles.CorpusDirectory, "*.dot").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(present, listed);
    }

    [Fact]
    public async Task Whole_corpus_directory_exits_1_and_counts_every_file()
    {
        var count = Directory.GetFiles(TestFiles.CorpusDirectory, "*.dot").Length;

        var run = await CliRun.InProcessAsync("validate", TestFiles.CorpusDirectory);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith(count.ToString(CultureInfo.InvariantCulture) + " files: ", run.StdoutLines[^1], StringComparison.Ordinal);
    }

    internal static List<(string File, int ExitCode)> ReadVerdictTable()
    {
        var verdicts = new List<(string, int)>();
        foreach (var line in File.ReadLines(Path.Combine(TestFiles.CorpusDirectory, "README.md")))
        {
            var match = VerdictRow().Match(line);
            if (match.Success)
            {
                verdicts.Add((match.Groups["file"].Value, int.Parse(match.Groups["code"].Value, CultureInfo.InvariantCulture)));
            }
        }

        Assert.NotEmpty(verdicts);
        return verdicts;
    }

    [GeneratedRegex(@"^\|\s*`(?<file>[^`]+\.dot)`\s*\|\s*(?<code>\d+)\s*\|")]
    private static partial Regex VerdictRow();
}
