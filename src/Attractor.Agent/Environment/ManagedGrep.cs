// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using System.Text.RegularExpressions;

namespace Attractor.Agent;

/// <summary>The .NET regex search used when ripgrep is not installed; prints matches the way <c>rg -n --no-heading</c> does.</summary>
internal static class ManagedGrep
{
    public static string Search(string pattern, string path, GrepOptions options, CancellationToken cancellationToken)
    {
        Regex regex;
        try
        {
            var regexOptions = RegexOptions.CultureInvariant | (options.CaseInsensitive ? RegexOptions.IgnoreCase : RegexOptions.None);
            regex = new Regex(pattern, regexOptions, TimeSpan.FromSeconds(2));
        }
        catch (ArgumentException exception)
        {
            throw new ArgumentException($"Invalid regex '{pattern}': {exception.Message}", nameof(pattern), exception);
        }

        var filter = string.IsNullOrEmpty(options.GlobFilter) ? null : GlobPattern.Compile(options.GlobFilter);
        var filterOnPath = options.GlobFilter?.Contains('/', StringComparison.Ordinal) == true;
        IEnumerable<FileInfo> files = File.Exists(path) ? [new FileInfo(path)] : FileWalker.Files(path, cancellationToken).OrderBy(f => f.FullName, StringComparer.Ordinal);
        var output = new StringBuilder();
        var count = 0;
        foreach (var file in files)
        {
            var candidate = filterOnPath ? Path.GetRelativePath(path, file.FullName).Replace('\\', '/') : file.Name;
            if (filter is not null && !filter.IsMatch(candidate))
            {
                continue;
            }

            foreach (var (number, line) in Lines(file))
            {
                if (count >= options.MaxResults)
                {
                    return output.ToString();
                }

                if (regex.IsMatch(line))
                {
                    output.Append(file.FullName).Append(':').Append(number).Append(':').Append(line).Append('\n');
                    count++;
                }
            }
        }

        return output.ToString();
    }

    private static IEnumerable<(int Number, string Line)> Lines(FileInfo file)
    {
        string text;
        try
        {
            var bytes = File.ReadAllBytes(file.FullName);
            if (Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, 8192)) >= 0)
            {
                // Binary files are skipped, as ripgrep does by default.
                yield break;
            }

            text = Encoding.UTF8.GetString(bytes);
        }
        catch (IOException)
        {
            yield break;
        }
        catch (UnauthorizedAccessException)
        {
            yield break;
        }

        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (number > 1 || line.Length > 0 || text.Length > 0)
            {
                yield return (number, line.TrimEnd('\r'));
            }
        }
    }
}
