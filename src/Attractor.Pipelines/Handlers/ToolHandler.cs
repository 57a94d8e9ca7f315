// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Attractor.Processes;

namespace Attractor.Pipelines.Handlers;

/// <summary>
/// Runs a node's <c>tool_command</c> through <c>/bin/sh -c</c> in its own process group (attractor-spec §4.10).
/// Output goes to <c>stdout.txt</c> / <c>stderr.txt</c> in the stage directory and <c>tool.output</c> in the
/// context. A non-zero exit code is a FAIL naming the code and the stderr tail. On cancellation (the node
/// <c>timeout</c> or the run) the whole process group gets SIGTERM, then SIGKILL; when the shell exits on its
/// own, background jobs still in its group get the same, so nothing a tool started outlives its stage.
/// </summary>
/// <remarks>
/// The node's (else the graph's) tool call hooks (§9.7, <see cref="ToolHooks"/>) run around the command as
/// the tool <see cref="ShellToolName"/> with the arguments <c>{"command": ...}</c>, in the tool's working
/// directory: a pre hook that exits non-zero (or times out) skips the command and the node FAILs with a
/// reason naming the hook — not retried after a non-zero exit (reported as a terminal error, Appendix D),
/// retried like any failure after a hook timeout; the post hook runs after the command (not after a cancelled attempt) with its
/// standard output and exit code (-1 after a timeout); its failure never changes the outcome and is noted
/// in the outcome's notes. Both are recorded in <c>hooks.log</c>.
/// </remarks>
public sealed class ToolHandler : INodeHandler
{
    /// <summary>The node attribute naming the working directory (default: the current directory).</summary>
    public const string WorkingDirectoryAttribute = "tool_cwd";

    /// <summary>The file receiving the command's standard output.</summary>
    public const string StdoutFileName = "stdout.txt";

    /// <summary>The file receiving the command's standard error.</summary>
    public const string StderrFileName = "stderr.txt";

    /// <summary>The context key receiving standard output.</summary>
    public const string OutputContextKey = "tool.output";

    /// <summary>The context key receiving the exit code.</summary>
    public const string ExitCodeContextKey = "tool.exit_code";

    /// <summary>The tool name tool call hooks see for a tool node's command (<c>TOOL_NAME</c>).</summary>
    public const string ShellToolName = "shell";

    /// <summary>The environment variable holding the stage directory.</summary>
    public const string StageDirectoryVariable = "ATTRACTOR_STAGE_DIR";

    /// <summary>The environment variable holding the run directory.</summary>
    public const string LogsRootVariable = "ATTRACTOR_LOGS_ROOT";

    /// <summary>The environment variable holding the node ID.</summary>
    public const string NodeIdVariable = "ATTRACTOR_NODE_ID";

    /// <summary>The most characters of standard output placed in the context; the file always has all of it.</summary>
    public const int MaxContextOutputChars = 100_000;

    /// <summary>How many trailing stderr lines a failure reason quotes.</summary>
    public const int StderrTailLines = 20;

    private const int StderrTailMaxChars = 4_000;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Gets the time between SIGTERM and SIGKILL on cancellation.</summary>
    public TimeSpan KillGracePeriod { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets how long to keep reading output after the shell exits while background children hold the pipes open.</summary>
    public TimeSpan OutputDrainTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public async Task<Outcome> ExecuteAsync(StageExecution stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var node = stage.Node;
        var command = node.ToolCommand;
        if (string.IsNullOrWhiteSpace(command))
        {
            return await FinishAsync(stage, Outcome.Fail("No tool_command specified"), CancellationToken.None).ConfigureAwait(false);
        }

        Directory.CreateDirectory(stage.StageDirectory);
        var statusPath = StatusFile.PathIn(stage.StageDirectory);
        File.Delete(statusPath); // a status.json present after the run was written by the tool itself

        var workingDirectory = ResolveWorkingDirectory(node.Attributes.GetString(WorkingDirectoryAttribute));
        if (!Directory.Exists(workingDirectory))
        {
            return await FinishAsync(stage, Outcome.Fail($"tool_cwd does not exist: {workingDirectory}"), CancellationToken.None).ConfigureAwait(false);
        }

        var configured = ToolHooks.For(stage.Graph, node);
        var hooks = new ToolHooks(configured.PreCommand, configured.PostCommand) { WorkingDirectory = workingDirectory };
        var call = new ToolCall(ShellToolName, new JsonObject { ["command"] = command }, node.Id, stage.StageDirectory)
        {
            CallId = node.Id + "#" + stage.Attempt.ToString(CultureInfo.InvariantCulture),
        };
        var pre = await hooks.RunPreAsync(call, cancellationToken).ConfigureAwait(false);
        if (!pre.Proceed)
        {
            var skipped = WithTail(Outcome.Fail($"tool_hooks.pre {Describe(pre)}; the tool command was skipped: {command}"), pre.Stderr.Trim());
            if (!pre.TimedOut)
            {
                // A hook that says no is a policy decision, like a permission error: asking again cannot help
                // (Appendix D terminal), whereas a hook that timed out may answer next time.
                stage.ReportError(new UnauthorizedAccessException(skipped.FailureReason));
            }

            return await FinishAsync(stage, skipped, cancellationToken).ConfigureAwait(false);
        }

        var startInfo = new ProcessStartInfo
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        var ownGroup = ProcessGroup.Configure(startInfo, command);
        startInfo.Environment[StageDirectoryVariable] = Path.GetFullPath(stage.StageDirectory);
        startInfo.Environment[LogsRootVariable] = Path.GetFullPath(stage.LogsRoot);
        startInfo.Environment[NodeIdVariable] = node.Id;

        // The node timeout is also enforced here so the reason can say "timed out" rather than "cancelled".
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var nodeTimeout = node.Timeout;
        if (nodeTimeout is { } limit && limit > TimeSpan.Zero)
        {
            timeout.CancelAfter(limit);
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return await FinishAsync(stage, Outcome.Fail($"Cannot start the tool shell: {ex.Message}"), CancellationToken.None).ConfigureAwait(false);
        }

        process.StandardInput.Close();
        var stdoutPath = Path.Combine(stage.StageDirectory, StdoutFileName);
        var stderrPath = Path.Combine(stage.StageDirectory, StderrFileName);
        using var drain = new CancellationTokenSource();
        var stdoutCopy = CopyToFileAsync(process.StandardOutput.BaseStream, stdoutPath, drain.Token);
        var stderrCopy = CopyToFileAsync(process.StandardError.BaseStream, stderrPath, drain.Token);

        var interrupted = false;
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            interrupted = true;
            await ProcessGroup.TerminateAsync(process, ownGroup, KillGracePeriod).ConfigureAwait(false);
        }

        if (!interrupted && ownGroup)
        {
            // The shell is done: background jobs it left in its process group end with the stage (and release
            // the output pipes), so nothing a tool started outlives its node.
            await ProcessGroup.EndGroupAsync(process.Id, KillGracePeriod).ConfigureAwait(false);
        }

        // Background children may keep the pipes open after the shell exits: bounded drain.
        drain.CancelAfter(interrupted ? TimeSpan.FromMilliseconds(500) : OutputDrainTimeout);
        await Task.WhenAll(stdoutCopy, stderrCopy).ConfigureAwait(false);
        stopwatch.Stop();

        var stdout = await ReadHeadAsync(stdoutPath, MaxContextOutputChars).ConfigureAwait(false);
        var stderrTail = await ReadTailAsync(stderrPath, StderrTailLines, StderrTailMaxChars).ConfigureAwait(false);

        if (interrupted)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // The caller (the engine's timeout or the run) has given up on this attempt and records the
                // outcome itself; writing status.json now could land in the stage directory of a retry.
                return WithTail(Outcome.Fail($"Tool cancelled after {Seconds(stopwatch.Elapsed)}: {command}"), stderrTail);
            }

            var reason = $"Tool timed out after {Seconds(nodeTimeout ?? stopwatch.Elapsed)}: {command}";
            var timedOut = WithTail(Outcome.Fail(reason), stderrTail);
            return await FinishAsync(stage, await RunPostHookAsync(hooks, call, stdout, -1, timedOut, cancellationToken).ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false);
        }

        var outcome = await DecideAsync(stage, command, process.ExitCode, stdout, stderrTail, cancellationToken).ConfigureAwait(false);
        outcome = await RunPostHookAsync(hooks, call, stdout, process.ExitCode, outcome, cancellationToken).ConfigureAwait(false);
        return await FinishAsync(stage, outcome, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The outcome of a command that ran to completion: its exit code, else a status.json it wrote, else SUCCESS.</summary>
    private static async Task<Outcome> DecideAsync(StageExecution stage, string command, int exitCode, string stdout, string stderrTail, CancellationToken cancellationToken)
    {
        var updates = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [OutputContextKey] = stdout,
            [ExitCodeContextKey] = exitCode,
        };

        if (exitCode != 0)
        {
            return WithTail(Outcome.Fail($"Tool exited with code {exitCode.ToString(CultureInfo.InvariantCulture)}: {command}"), stderrTail) with { ContextUpdates = updates };
        }

        // The status-file contract (Appendix C): a tool may decide its own outcome by writing status.json.
        var written = await StatusFile.TryReadAsync(stage.StageDirectory, cancellationToken).ConfigureAwait(false);
        if (written is not null)
        {
            var merged = new Dictionary<string, object?>(updates, StringComparer.Ordinal);
            foreach (var pair in written.ContextUpdates)
            {
                merged[pair.Key] = pair.Value;
            }

            return written with { ContextUpdates = merged };
        }

        return new Outcome(StageStatus.Success)
        {
            Notes = "Tool completed: " + command,
            ContextUpdates = updates,
        };
    }

    /// <summary>Runs the post hook with the command's result; a failing hook is noted but never changes the outcome (§9.7).</summary>
    private static async Task<Outcome> RunPostHookAsync(ToolHooks hooks, ToolCall call, string result, int exitCode, Outcome outcome, CancellationToken cancellationToken)
    {
        var post = await hooks.RunPostAsync(call, result, exitCode, cancellationToken).ConfigureAwait(false);
        if (post.Succeeded)
        {
            return outcome;
        }

        var note = $"tool_hooks.post {Describe(post)} (not blocking)";
        return outcome with { Notes = outcome.Notes.Length > 0 ? outcome.Notes + "; " + note : note };
    }

    private static string Describe(HookResult hook) =>
        hook.TimedOut ? "timed out" : "exited with code " + hook.ExitCode.ToString(CultureInfo.InvariantCulture);

    private static async Task<Outcome> FinishAsync(StageExecution stage, Outcome outcome, CancellationToken cancellationToken)
    {
        await StatusFile.WriteAsync(stage.StageDirectory, outcome, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    private static Outcome WithTail(Outcome outcome, string stderrTail) =>
        stderrTail.Length == 0 ? outcome : outcome with { FailureReason = outcome.FailureReason + "\nstderr (last lines):\n" + stderrTail };

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

    private static string ResolveWorkingDirectory(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? Environment.CurrentDirectory : Path.GetFullPath(configured, Environment.CurrentDirectory);

    private static async Task CopyToFileAsync(Stream source, string path, CancellationToken cancellationToken)
    {
        var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
        await using (target.ConfigureAwait(false))
        {
            try
            {
                await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Drain deadline: keep what was read.
            }
            catch (IOException)
            {
                // The pipe broke; keep what was read.
            }
        }
    }

    private static async Task<string> ReadHeadAsync(string path, int maxChars)
    {
        using var reader = new StreamReader(path, Utf8NoBom, detectEncodingFromByteOrderMarks: false);
        var buffer = new char[maxChars + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
        var text = new string(buffer, 0, Math.Min(read, maxChars));
        if (read > maxChars)
        {
            return text + "\n... [truncated; the full output is in " + StdoutFileName + "]";
        }

        // `echo ok` should give "ok", so conditions such as context.tool.output=ok work.
        return text.TrimEnd('\r', '\n');
    }

    private static async Task<string> ReadTailAsync(string path, int lines, int maxChars)
    {
        const int window = 64 * 1024;
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var start = Math.Max(0, stream.Length - window);
            stream.Seek(start, SeekOrigin.Begin);
            var bytes = new byte[stream.Length - start];
            await stream.ReadExactlyAsync(bytes, CancellationToken.None).ConfigureAwait(false);
            var text = Utf8NoBom.GetString(bytes).TrimEnd('\r', '\n');
            if (text.Length == 0)
            {
                return string.Empty;
            }

            var all = text.Split('\n');
            var tail = string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)).Select(static l => l.TrimEnd('\r')));
            return tail.Length > maxChars ? tail[^maxChars..] : tail;
        }
    }
}
