// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends.Harness;

/// <summary>Finds a coding CLI's executable: the configured path, the given folders, the install script's cache folder, then <c>PATH</c>.</summary>
internal static class CliLocator
{
    /// <summary>The environment variable naming the install script's cache folder.</summary>
    public const string CacheDirectoryVariable = "ATTRACTOR_CODING_CLIS_DIR";

    public static IReadOnlyList<string> Candidates(string executableName, HarnessBackendOptions options)
    {
        if (options.ExecutablePath is { } configured)
        {
            return [Path.GetFullPath(configured)];
        }

        var directories = new List<string>(options.SearchDirectories);
        if (Environment.GetEnvironmentVariable(CacheDirectoryVariable) is { Length: > 0 } cache)
        {
            directories.Add(Path.Combine(cache, "node_modules", ".bin"));
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0)
        {
            directories.Add(Path.Combine(home, ".cache", "attractor", "coding-clis", "node_modules", ".bin"));
        }

        directories.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        var names = OperatingSystem.IsWindows() ? new[] { executableName + ".cmd", executableName + ".exe", executableName } : [executableName];
        return [.. directories.SelectMany(directory => names.Select(name => Path.Combine(directory, name)))];
    }

    public static string? Find(IReadOnlyList<string> candidates) => candidates.FirstOrDefault(File.Exists);
}
