// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>grep (spec §3.3): regex search of file contents, <c>path:line:text</c> per match.</summary>
internal static class GrepTool
{
    public const string Name = "grep";

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "pattern": { "type": "string", "description": "Regex pattern." },
            "path": { "type": "string", "description": "Directory or file to search (default: working directory)." },
            "glob_filter": { "type": "string", "description": "File pattern filter, e.g. \"*.py\"." },
            "case_insensitive": { "type": "boolean", "description": "Match regardless of case (default: false)." },
            "max_results": { "type": "integer", "minimum": 1, "description": "Maximum number of matching lines (default: 100)." }
          },
          "required": ["pattern"]
        }
        """;

    public static AgentTool Create() => AgentTool.Create(Name, "Search file contents using regex patterns.", Schema, ExecuteAsync);

    private static async Task<ToolOutput> ExecuteAsync(System.Text.Json.JsonElement arguments, IExecutionEnvironment environment, CancellationToken cancellationToken)
    {
        var options = new GrepOptions
        {
            GlobFilter = ToolArguments.GetOptionalString(arguments, "glob_filter"),
            CaseInsensitive = ToolArguments.GetBoolean(arguments, "case_insensitive"),
            MaxResults = (int)Math.Min(ToolArguments.GetOptionalInteger(arguments, "max_results") ?? 100, int.MaxValue),
        };
        var path = ToolArguments.GetOptionalString(arguments, "path") ?? environment.WorkingDirectory;
        var matches = await environment.GrepAsync(ToolArguments.GetString(arguments, "pattern"), path, options, cancellationToken).ConfigureAwait(false);
        return ToolOutput.Success(matches.Length == 0 ? "No matches found." : matches);
    }
}
