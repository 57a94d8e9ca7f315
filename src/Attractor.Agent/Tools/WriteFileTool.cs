// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;

namespace Attractor.Agent;

/// <summary>write_file (spec §3.3): writes the full content, creating parent directories.</summary>
internal static class WriteFileTool
{
    public const string Name = "write_file";

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "file_path": { "type": "string", "description": "Absolute path of the file to write." },
            "content": { "type": "string", "description": "The full file content." }
          },
          "required": ["file_path", "content"]
        }
        """;

    public static AgentTool Create() => AgentTool.Create(Name, "Write content to a file. Creates the file and parent directories if needed.", Schema, ExecuteAsync);

    private static async Task<ToolOutput> ExecuteAsync(System.Text.Json.JsonElement arguments, IExecutionEnvironment environment, CancellationToken cancellationToken)
    {
        var path = ToolArguments.GetString(arguments, "file_path");
        var content = ToolArguments.GetString(arguments, "content");
        await environment.WriteFileAsync(path, content, cancellationToken).ConfigureAwait(false);
        return ToolOutput.Success($"Wrote {Encoding.UTF8.GetByteCount(content)} bytes to {path}");
    }
}
