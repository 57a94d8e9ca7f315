// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json.Nodes;
using Attractor.Agent;
using Attractor.Pipelines.Handlers;

namespace Attractor.Backends;

/// <summary>
/// Wraps an agent tool so the stage's <c>tool_hooks.pre</c> / <c>tool_hooks.post</c> run around every call
/// (attractor-spec §9.7) through Pipelines' <see cref="ToolHooks"/>: a failing pre hook skips the call and the
/// model gets an error result saying so; the post hook sees the result and never blocks.
/// </summary>
internal static class HookedTool
{
    public static AgentTool Wrap(AgentTool tool, Func<AgentStage?> currentStage)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(currentStage);
        var inner = tool.Executor;
        return tool with
        {
            Executor = async (arguments, environment, cancellationToken) =>
            {
                var stage = currentStage();
                if (stage is null || stage.Hooks.IsEmpty)
                {
                    return await inner(arguments, environment, cancellationToken).ConfigureAwait(false);
                }

                var call = new ToolCall(tool.Name, JsonNode.Parse(arguments.GetRawText()), stage.NodeId, stage.StageDirectory);
                var pre = await stage.Hooks.RunPreAsync(call, cancellationToken).ConfigureAwait(false);
                if (!pre.Proceed)
                {
                    return ToolOutput.Error(BlockedMessage(tool.Name, pre));
                }

                ToolOutput output;
                try
                {
                    output = await inner(arguments, environment, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The registry turns the exception into the model's error result; the post hook still sees the call.
                    await stage.Hooks.RunPostAsync(call, exception.Message, 1, cancellationToken).ConfigureAwait(false);
                    throw;
                }

                await stage.Hooks.RunPostAsync(call, output.Text, output.IsError ? 1 : 0, cancellationToken).ConfigureAwait(false);
                return output;
            },
        };
    }

    private static string BlockedMessage(string toolName, HookResult pre)
    {
        var reason = pre.TimedOut ? "timed out" : "exited with code " + pre.ExitCode.ToString(CultureInfo.InvariantCulture);
        var detail = (pre.Stderr.Trim().Length > 0 ? pre.Stderr : pre.Stdout).Trim();
        return $"The tool call '{toolName}' was skipped: the tool_hooks.pre hook {reason}." + (detail.Length > 0 ? " " + CodergenHandler.Truncate(detail, 500) : string.Empty);
    }
}
