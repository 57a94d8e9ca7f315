// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>glob (spec §3.3): matching file paths, most recently modified first.</summary>
internal static class GlobTool
{
    public const string Name = "glob";

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "pattern": { "type": "string", "description": "Glob pattern, e.g. \"**/*.ts\"." },
            "path": { "type": "string", "description": "Base directory (default: working directory)." }
          },
          "required": ["pattern"]
        }
        """;

    public static AgentTool Create() => AgentTool.Create(Name, "Find files matching a glob pattern.", Schema, ExecuteAsync);

    private static async Task<ToolOutput> ExecuteAsync(System.Text.Json.JsonElement arguments, IExecutionEnvironment environment, CancellationToken cancellationToken)
    {
        var path = ToolArguments.GetOptionalString(arguments, "path") ?? environment.WorkingDirectory;
        var files = await environment.GlobAsync(ToolArguments.GetString(arguments, "pattern"), path, cancellationToken).ConfigureAwait(false);
        return ToolOutput.Success(files.Count == 0 ? "No files matched." : string.Join('\n', files));
    }
}
