// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Generators.Tests.Infrastructure;

/// <summary>The real-world pipelines of the front-end tests, copied next to the test assembly.</summary>
internal static class Corpus
{
    public static IReadOnlyList<string> Files { get; } = Load();

    private static string[] Load()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.dot");
        Array.Sort(files, StringComparer.Ordinal);
        Assert.True(files.Length >= 20, "corpus missing from the test output");
        return files;
    }
}
