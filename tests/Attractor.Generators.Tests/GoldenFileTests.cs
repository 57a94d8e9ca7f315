// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Attractor.Generators.Tests;

/// <summary>
/// The generated code, compared with the files in <c>Golden/</c>. After an intended change of the
/// output, run the tests once with <c>UPDATE_GOLDEN=1</c> to rewrite the expected files in the source
/// tree, and review the diff. The generator version is scrubbed so a version bump changes nothing.
/// </summary>
public sealed partial class GoldenFileTests
{
    private const string UpdateVariable = "UPDATE_GOLDEN";

    [Theory]
    [InlineData("code_review.dot", "pipelines/code_review.dot", "pipelines_code_review.dot.g.cs")]
    [InlineData("naming.dot", "naming.dot", "naming.dot.g.cs")]
    public void Generated_code_matches_the_golden_file(string input, string relativePath, string hintName)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", input));
        var run = GeneratorHarness.Run(GeneratorHarness.Dot(relativePath, text));

        var actual = Scrub(Assert.Single(run.Sources, s => s.Key == hintName).Value);
        var expectedName = hintName + ".txt";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), "Golden", expectedName), actual);
            return;
        }

        // The generator writes \n everywhere; a checkout may have turned the file's line ends into \r\n.
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", expectedName)).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal(expected, actual);
    }

    private static string Scrub(string source) => VersionPattern().Replace(source, "\"Attractor.Generators\", \"VERSION\"");

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    [GeneratedRegex("\"Attractor\\.Generators\", \"[0-9.]+\"")]
    private static partial Regex VersionPattern();
}
