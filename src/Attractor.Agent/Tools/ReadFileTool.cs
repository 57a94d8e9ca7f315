// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;

namespace Attractor.Agent;

/// <summary>read_file (spec §3.3): line-numbered text, <c>NNN | content</c>, from a 1-based offset.</summary>
internal static class ReadFileTool
{
    public const string Name = "read_file";
    public const int DefaultLimit = 2000;

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "file_path": { "type": "string", "description": "Absolute path to the file." },
            "offset": { "type": "integer", "minimum": 1, "description": "1-based line number to start reading from." },
            "limit": { "type": "integer", "minimum": 1, "description": "Maximum number of lines to read (default: 2000)." }
          },
          "required": ["file_path"]
        }
        """;

    public static AgentTool Create() => AgentTool.Create(Name, "Read a file from the filesystem. Returns line-numbered content.", Schema, ExecuteAsync);

    private static async Task<ToolOutput> ExecuteAsync(System.Text.Json.JsonElement arguments, IExecutionEnvironment environment, CancellationToken cancellationToken)
    {
        var path = ToolArguments.GetString(arguments, "file_path");
        var offset = (int)Math.Min(ToolArguments.GetOptionalInteger(arguments, "offset") ?? 1, int.MaxValue);
        var limit = (int)Math.Min(ToolArguments.GetOptionalInteger(arguments, "limit") ?? DefaultLimit, int.MaxValue);
        var text = await environment.ReadFileAsync(path, offset, limit, cancellationToken).ConfigureAwait(false);
        if (text.Length == 0)
        {
            return ToolOutput.Success(offset > 1 ? $"(no lines at offset {offset}: the file is shorter)" : "(empty file)");
        }

        var lines = text.Split('\n');
        var count = text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        var width = (offset + count - 1).ToString(CultureInfo.InvariantCulture).Length;
        var output = new StringBuilder(text.Length + (count * (width + 4)));
        for (var i = 0; i < count; i++)
        {
            output.Append((offset + i).ToString(CultureInfo.InvariantCulture).PadLeft(width))
                .Append(" | ")
                .Append(lines[i].TrimEnd('\r'))
                .Append('\n');
        }

        return ToolOutput.Success(output.ToString());
    }
}
