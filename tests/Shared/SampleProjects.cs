// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.TestSupport;

/// <summary>The sample projects under <c>sample-projects/</c>, as the build integration tests use them.</summary>
public static class SampleProjects
{
    /// <summary>
    /// Gets what building BrokenPipelines must report, as <c>severity ID file(line,col)</c> — the same
    /// whether MSBuild runs in a <c>dotnet build</c> subprocess or in the test process.
    /// </summary>
    public static IReadOnlyList<string> BrokenPipelinesDiagnostics { get; } =
    [
        "error ATR1003 pipelines/unterminated.dot(5,18)",
        "error ATR1010 pipelines/unterminated.dot(5,10)",
        "error ATR2001 pipelines/no_start.dot(2,9)",
        "warning ATR2010 pipelines/warnings.dot(5,31)",
    ];

    /// <summary>Copies a sample's sources (not its build output or run directories) to a scratch folder.</summary>
    /// <param name="from">The sample's directory.</param>
    /// <param name="to">The destination directory.</param>
    public static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var first = relative.Split(Path.DirectorySeparatorChar)[0];
            if (first is "bin" or "obj" or ".attractor" or "Generated")
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
