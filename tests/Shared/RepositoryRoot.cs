// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.TestSupport;

/// <summary>Finds the repository the tests were built from, for tests that copy samples or pack projects.</summary>
public static class RepositoryRoot
{
    /// <summary>Gets the directory holding <c>Attractor.Build.sln</c>.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Attractor.Build.sln")))
            {
                return directory.FullName;
            }
        }

        // Built with an artifacts path outside the repository: the source file's location still knows.
        return System.IO.Path.GetFullPath(System.IO.Path.Combine(SourceDirectory(), "..", ".."));
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => System.IO.Path.GetDirectoryName(path)!;
}
