// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>edit_file (spec §3.3): exact search and replace; a non-unique match is an error unless replace_all is set.</summary>
internal static class EditFileTool
{
    public const string Name = "edit_file";

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "file_path": { "type": "string", "description": "Absolute path of the file to edit." },
            "old_string": { "type": "string", "description": "The exact text to find." },
            "new_string": { "type": "string", "description": "The replacement text." },
            "replace_all": { "type": "boolean", "description": "Replace every occurrence (default: false)." }
          },
          "required": ["file_path", "old_string", "new_string"]
        }
        """;

    public static AgentTool Create() => AgentTool.Create(Name, "Replace an exact string occurrence in a file.", Schema, ExecuteAsync);

    private static async Task<ToolOutput> ExecuteAsync(System.Text.Json.JsonElement arguments, IExecutionEnvironment environment, CancellationToken cancellationToken)
    {
        var path = ToolArguments.GetString(arguments, "file_path");
        var oldString = ToolArguments.GetString(arguments, "old_string");
        var newString = ToolArguments.GetString(arguments, "new_string");
        var replaceAll = ToolArguments.GetBoolean(arguments, "replace_all");
        if (oldString.Length == 0)
        {
            return ToolOutput.Error("old_string is empty; give the exact text to replace (use write_file to create a file).");
        }

        if (oldString == newString)
        {
            return ToolOutput.Error("old_string and new_string are identical; nothing to change.");
        }

        var text = await environment.ReadFileAsync(path, null, null, cancellationToken).ConfigureAwait(false);
        var count = CountOccurrences(text, oldString);
        if (count == 0)
        {
            return ToolOutput.Error($"old_string was not found in {path}. Read the file and copy the text exactly, including whitespace and indentation.");
        }

        if (count > 1 && !replaceAll)
        {
            return ToolOutput.Error($"old_string matches {count} locations in {path}. Add surrounding context to make it unique, or set replace_all to true to replace every occurrence.");
        }

        var updated = replaceAll ? text.Replace(oldString, newString, StringComparison.Ordinal) : ReplaceFirst(text, oldString, newString);
        await environment.WriteFileAsync(path, updated, cancellationToken).ConfigureAwait(false);
        return ToolOutput.Success($"Replaced {count} occurrence{(count == 1 ? string.Empty : "s")} in {path}");
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string ReplaceFirst(string text, string oldString, string newString)
    {
        var index = text.IndexOf(oldString, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, index), newString, text.AsSpan(index + oldString.Length));
    }
}
