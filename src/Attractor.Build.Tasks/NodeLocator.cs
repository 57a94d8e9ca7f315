// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;

namespace Attractor.Build.Tasks;

/// <summary>
/// Finds where a node is declared in a pipeline file, so a failed run's error points at the node that
/// failed. A textual search (the tasks do not reference the parser, see docs/msbuild.md): the first line
/// with the ID, bare or quoted, followed by an attribute list.
/// </summary>
internal static class NodeLocator
{
    /// <returns>The 1-based line and column, or (0, 0) when the file cannot be read or has no such line.</returns>
    public static (int Line, int Column) Find(string file, string nodeId)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (0, 0);
        }

        var id = Regex.Escape(nodeId);
        var declaration = new Regex($@"(?<![\w.""])(?:{id}|""{id}"")\s*\[", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        for (var index = 0; index < lines.Length; index++)
        {
            var match = declaration.Match(lines[index]);
            if (match.Success)
            {
                return (index + 1, match.Index + 1);
            }
        }

        return (0, 0);
    }
}
