// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Agent.Patching;

/// <summary>
/// apply_patch (spec §3.4, Appendix A): the OpenAI profile's file-editing tool. Applies a v4a patch
/// through the session's execution environment; a rejected patch is an error result and changes
/// nothing.
/// </summary>
internal static class ApplyPatchTool
{
    public const string Name = "apply_patch";

    private const string Description =
        "Apply code changes using the patch format. Supports creating, deleting, and modifying files in a single operation. "
        + "The patch starts with '*** Begin Patch' and ends with '*** End Patch'. Between them: '*** Add File: <path>' followed by lines starting with '+'; "
        + "'*** Delete File: <path>'; or '*** Update File: <path>' (optionally followed by '*** Move to: <new path>') followed by hunks. "
        + "Each hunk starts with '@@' (optionally '@@ <a line just above the change, such as a function signature>') and has lines starting with "
        + "' ' (unchanged context, about 3 lines above and below each change), '-' (removed) or '+' (added); '*** End of File' after a hunk anchors it at the end of the file. "
        + "Paths are relative to the working directory.";

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "patch": { "type": "string", "description": "The patch content in v4a format, from '*** Begin Patch' to '*** End Patch'." }
          },
          "required": ["patch"]
        }
        """;

    public static AgentTool Create() => AgentTool.Create(Name, Description, Schema, ExecuteAsync);

    private static async Task<ToolOutput> ExecuteAsync(JsonElement arguments, IExecutionEnvironment environment, CancellationToken cancellationToken)
    {
        var patch = ToolArguments.GetString(arguments, "patch");
        try
        {
            var document = PatchParser.Parse(patch);
            var result = await PatchApplier.ApplyAsync(document, new EnvironmentPatchFileSystem(environment), cancellationToken).ConfigureAwait(false);
            return ToolOutput.Success(result.Summary);
        }
        catch (PatchException exception)
        {
            return ToolOutput.Error(exception.Message);
        }
    }
}
