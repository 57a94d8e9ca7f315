// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Attractor.Dot;
using Attractor.Processes;

namespace Attractor.Pipelines.Handlers;

/// <summary>
/// Tool call hooks (attractor-spec §9.7) for the LLM tool calls a backend makes and for the commands of
/// tool nodes (<see cref="ToolHandler"/>, tool name <c>shell</c>): <c>tool_hooks.pre</c>
/// runs before each call and a non-zero exit (or a timeout) skips the call; <c>tool_hooks.post</c> runs
/// after each call with its result and never blocks. The node attribute overrides the graph attribute.
/// </summary>
/// <remarks>
/// Each hook runs through <c>/bin/sh -c</c> (its own process group) in <see cref="WorkingDirectory"/> with the
/// environment variables <c>ATTRACTOR_HOOK</c> (pre/post), <c>ATTRACTOR_TOOL_NAME</c> and <c>TOOL_NAME</c>,
/// <c>ATTRACTOR_NODE_ID</c> and <c>NODE_ID</c>, <c>ATTRACTOR_STAGE_DIR</c>, <c>ATTRACTOR_TOOL_CALL_ID</c>,
/// and for post hooks <c>EXIT_CODE</c> / <c>ATTRACTOR_TOOL_EXIT_CODE</c>; its standard input is a JSON
/// object <c>{"hook", "tool_name", "arguments", "node_id", "call_id", "stage_dir"}</c>, plus
/// <c>"result"</c> and <c>"exit_code"</c> for post hooks. Every run is appended to <c>hooks.log</c> in
/// the stage directory.
/// </remarks>
public sealed class ToolHooks
{
    /// <summary>The phase name of pre hooks.</summary>
    public const string PrePhase = "pre";

    /// <summary>The phase name of post hooks.</summary>
    public const string PostPhase = "post";

    /// <summary>The file in the stage directory that records hook runs.</summary>
    public const string LogFileName = "hooks.log";

    private static readonly SemaphoreSlim LogGate = new(1, 1);
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Initializes a new instance of the <see cref="ToolHooks"/> class.</summary>
    /// <param name="preCommand">The pre hook command; null or blank for none.</param>
    /// <param name="postCommand">The post hook command; null or blank for none.</param>
    public ToolHooks(string? preCommand, string? postCommand)
    {
        PreCommand = string.IsNullOrWhiteSpace(preCommand) ? string.Empty : preCommand;
        PostCommand = string.IsNullOrWhiteSpace(postCommand) ? string.Empty : postCommand;
    }

    /// <summary>Gets the pre hook command, or the empty string.</summary>
    public string PreCommand { get; }

    /// <summary>Gets the post hook command, or the empty string.</summary>
    public string PostCommand { get; }

    /// <summary>Gets how long a hook may run before it is killed (default 30 s); a timed-out pre hook skips the call.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the directory the hooks run in; null means the current directory (the tool handler passes its <c>tool_cwd</c>).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Gets whether any hook is configured.</summary>
    public bool IsEmpty => PreCommand.Length == 0 && PostCommand.Length == 0;

    /// <summary>Resolves the hooks of a node: its <c>tool_hooks.pre</c>/<c>post</c> attributes, else the graph's.</summary>
    /// <param name="graph">The graph; null when the caller only has the node (e.g. a backend holding a <c>CodergenRequest</c>).</param>
    /// <param name="node">The node.</param>
    /// <returns>The hooks.</returns>
    public static ToolHooks For(PipelineGraph? graph, PipelineNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var pre = node.ToolHooksPre is { } nodePre && nodePre.Trim().Length > 0 ? nodePre : graph?.ToolHooksPre;
        var post = node.ToolHooksPost is { } nodePost && nodePost.Trim().Length > 0 ? nodePost : graph?.ToolHooksPost;
        return new ToolHooks(pre, post);
    }

    /// <summary>Runs the pre hook before a tool call; check <see cref="HookResult.Proceed"/> and skip the call when false.</summary>
    /// <param name="call">The tool call.</param>
    /// <param name="cancellationToken">Cancels the hook (its process group is killed).</param>
    /// <returns>The hook's result; a not-configured result when there is no pre hook.</returns>
    public Task<HookResult> RunPreAsync(ToolCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return RunAsync(PrePhase, PreCommand, call, result: null, exitCode: null, cancellationToken);
    }

    /// <summary>Runs the post hook after a tool call; its failures are recorded and returned but never block.</summary>
    /// <param name="call">The tool call.</param>
    /// <param name="result">The tool's result text.</param>
    /// <param name="exitCode">The tool's exit code (0 for success; for LLM tools, non-zero when the call errored).</param>
    /// <param name="cancellationToken">Cancels the hook.</param>
    /// <returns>The hook's result; a not-configured result when there is no post hook.</returns>
    public Task<HookResult> RunPostAsync(ToolCall call, string result, int exitCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(result);
        return RunAsync(PostPhase, PostCommand, call, result, exitCode, cancellationToken);
    }

    private async Task<HookResult> RunAsync(string phase, string command, ToolCall call, string? result, int? exitCode, CancellationToken cancellationToken)
    {
        if (command.Length == 0)
        {
            return HookResult.NotConfigured(phase);
        }

        var startInfo = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = WorkingDirectory ?? Environment.CurrentDirectory,
        };
        var ownGroup = ProcessGroup.Configure(startInfo, command);
        var stageDirectory = string.IsNullOrEmpty(call.StageDirectory) ? string.Empty : Path.GetFullPath(call.StageDirectory);
        var environment = startInfo.Environment;
        environment["ATTRACTOR_HOOK"] = phase;
        environment["ATTRACTOR_TOOL_NAME"] = call.ToolName;
        environment["TOOL_NAME"] = call.ToolName;
        environment["ATTRACTOR_NODE_ID"] = call.NodeId;
        environment["NODE_ID"] = call.NodeId;
        environment["ATTRACTOR_STAGE_DIR"] = stageDirectory;
        environment["ATTRACTOR_TOOL_CALL_ID"] = call.CallId;
        if (exitCode is { } code)
        {
            var text = code.ToString(CultureInfo.InvariantCulture);
            environment["EXIT_CODE"] = text;
            environment["ATTRACTOR_TOOL_EXIT_CODE"] = text;
        }

        var document = new JsonObject
        {
            ["hook"] = phase,
            ["tool_name"] = call.ToolName,
            ["arguments"] = call.Arguments?.DeepClone(),
            ["node_id"] = call.NodeId,
            ["call_id"] = call.CallId,
            ["stage_dir"] = stageDirectory,
        };
        if (exitCode is { } resultCode)
        {
            document["result"] = result;
            document["exit_code"] = resultCode;
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            var failed = new HookResult(phase, command, -1, string.Empty, "Cannot start the hook shell: " + exception.Message, TimedOut: false);
            await LogAsync(call, failed, cancellationToken).ConfigureAwait(false);
            return failed;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var timedOut = false;
        try
        {
            try
            {
                await process.StandardInput.WriteAsync(document.ToJsonString().AsMemory(), timeout.Token).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The hook exited without reading its input: fine.
            }

            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await ProcessGroup.TerminateAsync(process, ownGroup, TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }

        if (!timedOut && ownGroup)
        {
            // Like a tool's, a hook's background jobs end with it (and release the pipes read below).
            await ProcessGroup.EndGroupAsync(process.Id, TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
        }

        // Background children may hold the pipes; do not wait on them for long.
        var output = await ReadBoundedAsync(stdout).ConfigureAwait(false);
        var error = await ReadBoundedAsync(stderr).ConfigureAwait(false);
        var hookResult = new HookResult(phase, command, timedOut ? -1 : process.ExitCode, output, error, timedOut);
        await LogAsync(call, hookResult, cancellationToken).ConfigureAwait(false);
        return hookResult;
    }

    private static async Task<string> ReadBoundedAsync(Task<string> read)
    {
        try
        {
            return await read.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return string.Empty;
        }
    }

    private static async Task LogAsync(ToolCall call, HookResult result, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(call.StageDirectory))
        {
            return;
        }

        var verdict = result.TimedOut ? "timed out"
            : result.Succeeded ? "ok"
            : result.Phase == PrePhase ? "blocked: tool call skipped"
            : "failed (not blocking)";
        var line = new StringBuilder()
            .Append(DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))
            .Append(' ').Append(result.Phase)
            .Append(" tool=").Append(call.ToolName)
            .Append(" node=").Append(call.NodeId)
            .Append(" exit=").Append(result.ExitCode.ToString(CultureInfo.InvariantCulture))
            .Append(' ').Append(verdict);
        var stderr = result.Stderr.Trim();
        if (!result.Succeeded && stderr.Length > 0)
        {
            line.Append(" stderr=").Append(stderr.Length > 500 ? stderr[^500..] : stderr).Replace('\n', ' ');
        }

        line.Append('\n');
        await LogGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(call.StageDirectory);
            await File.AppendAllTextAsync(Path.Combine(call.StageDirectory, LogFileName), line.ToString(), Utf8NoBom, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            LogGate.Release();
        }
    }
}
