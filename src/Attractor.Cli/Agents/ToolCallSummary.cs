// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;

namespace Attractor.Cli.Agents;

/// <summary>
/// Short, one-line descriptions of tool calls for the agent's output: what a call works on (a path, a command,
/// a pattern) and how it ended (the first line of its output). The full output stays in the session's events.
/// </summary>
internal static class ToolCallSummary
{
    /// <summary>The longest subject or result shown; longer ones end with an ellipsis.</summary>
    public const int MaxLength = 100;

    private static readonly string[] PatchFileMarkers = ["*** Add File: ", "*** Update File: ", "*** Delete File: ", "*** Move to: "];

    /// <summary>Describes a call by its arguments, e.g. <c>src/a.cs</c> for a file tool or the command for <c>shell</c>.</summary>
    /// <param name="rawArguments">The arguments as the model sent them (JSON), or null.</param>
    /// <param name="workingDirectory">Paths below it are shown relative to it.</param>
    public static string Arguments(string? rawArguments, string workingDirectory)
    {
        if (string.IsNullOrWhiteSpace(rawArguments))
        {
            return string.Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(rawArguments);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Shorten(rawArguments);
            }

            if (Text(root, "patch") is { } patch)
            {
                return Shorten(string.Join(", ", PatchFiles(patch)));
            }

            if (Text(root, "file_path") is { } file)
            {
                return Shorten(Relative(file, workingDirectory));
            }

            if (Text(root, "command") is { } command)
            {
                return Shorten(OneLine(command));
            }

            if (Text(root, "pattern") is { } pattern)
            {
                return Shorten(Text(root, "path") is { } path ? $"{pattern} in {Relative(path, workingDirectory)}" : pattern);
            }

            return Shorten(root.GetRawText());
        }
        catch (JsonException)
        {
            // The tool reports the malformed arguments to the model; here they are only shown.
            return Shorten(OneLine(rawArguments));
        }
    }

    /// <summary>Describes how a call ended: its output's first non-empty line, with the count of the lines left out.</summary>
    /// <param name="output">The tool's full output.</param>
    public static string Result(string? output)
    {
        var lines = (output ?? string.Empty).Split('\n').Select(static l => l.TrimEnd('\r')).Where(static l => l.Trim().Length > 0).ToList();
        if (lines.Count == 0)
        {
            return "(no output)";
        }

        var first = Shorten(lines[0].Trim());
        return lines.Count == 1 ? first : first + string.Create(CultureInfo.InvariantCulture, $" (+{lines.Count - 1} lines)");
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<string> PatchFiles(string patch) =>
        patch.Split('\n')
            .Select(static line => line.TrimEnd('\r'))
            .SelectMany(line => PatchFileMarkers.Where(m => line.StartsWith(m, StringComparison.Ordinal)).Select(m => line[m.Length..].Trim()))
            .Distinct(StringComparer.Ordinal);

    private static string Relative(string path, string workingDirectory)
    {
        if (!Path.IsPathRooted(path))
        {
            return path;
        }

        var relative = Path.GetRelativePath(workingDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    private static string OneLine(string text) =>
        string.Join(" ", text.Split('\n').Select(static l => l.Trim()).Where(static l => l.Length > 0));

    private static string Shorten(string text) =>
        text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 1), "…");
}
