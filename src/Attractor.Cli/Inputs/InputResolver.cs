// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Cli.Inputs;

/// <summary>Turns the file and directory paths of a command line into the pipeline files to process.</summary>
public static class InputResolver
{
    /// <summary>The extension of pipeline files searched for in directories.</summary>
    public const string PipelineExtension = ".dot";

    /// <summary>
    /// Resolves paths: a file is taken as is (whatever its extension, since the user named it); a
    /// directory is searched recursively for <c>*.dot</c> (skipping hidden entries), in ordinal order of the relative path so
    /// output is identical on every machine. A file reached twice is processed once.
    /// </summary>
    /// <param name="paths">The paths as typed, relative to <paramref name="currentDirectory"/> or absolute.</param>
    /// <param name="currentDirectory">The directory relative paths start from.</param>
    public static InputResolution Resolve(IEnumerable<string> paths, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(currentDirectory);

        var inputs = new List<PipelineInput>();
        var problems = new List<string>();
        var seen = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

        foreach (var path in paths)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                problems.Add("an empty path was given");
                continue;
            }

            string fullPath;
            try
            {
                fullPath = Path.GetFullPath(path, currentDirectory);
            }
            catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
            {
                problems.Add($"'{path}' is not a valid path: {exception.Message}");
                continue;
            }

            if (File.Exists(fullPath))
            {
                Add(new PipelineInput(path, fullPath));
            }
            else if (Directory.Exists(fullPath))
            {
                ResolveDirectory(path, fullPath);
            }
            else
            {
                problems.Add($"'{path}' does not exist");
            }
        }

        return new InputResolution(inputs, problems);

        void Add(PipelineInput input)
        {
            if (seen.Add(input.FullPath))
            {
                inputs.Add(input);
            }
        }

        void ResolveDirectory(string displayPath, string fullPath)
        {
            List<string> relativePaths;
            try
            {
                relativePaths = FindPipelineFiles(fullPath);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                problems.Add($"cannot list directory '{displayPath}': {exception.Message}");
                return;
            }

            if (relativePaths.Count == 0)
            {
                problems.Add($"no {PipelineExtension} files found under '{displayPath}'");
                return;
            }

            foreach (var relativePath in relativePaths)
            {
                Add(new PipelineInput(Path.Join(displayPath, relativePath), Path.Join(fullPath, relativePath)));
            }
        }
    }

    private static List<string> FindPipelineFiles(string directory)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            MatchCasing = MatchCasing.CaseInsensitive,
            MatchType = MatchType.Simple,

            // Hidden entries (.git, .vs, dot-directories on Unix) are skipped, as the default does.
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,

            // Unreadable subdirectories must not pass silently: a pipeline inside would go unvalidated.
            IgnoreInaccessible = false,
        };

        var files = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*" + PipelineExtension, options))
        {
            // The pattern is a prefix match on some platforms ("*.dot" also finds "x.dotx").
            if (string.Equals(Path.GetExtension(file), PipelineExtension, StringComparison.OrdinalIgnoreCase))
            {
                files.Add(Path.GetRelativePath(directory, file));
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
