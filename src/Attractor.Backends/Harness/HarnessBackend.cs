// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Attractor.Dot;
using Attractor.Pipelines;
using Attractor.Pipelines.Backends;
using Attractor.Pipelines.Handlers;
using Attractor.Processes;

namespace Attractor.Backends.Harness;

/// <summary>
/// Runs a codergen stage by driving a coding CLI (Claude Code, Codex, Gemini CLI) as a subprocess in the
/// pipeline's workspace, in its own process group, and turns its JSON-lines stream into the normalised
/// <see cref="BackendEvent"/>s. The CLI owns model and provider choice; the pipeline owns orchestration.
/// </summary>
/// <remarks>
/// <para>Per attempt: <c>started</c> (with the process ID), the stream's deltas, thinking and tool events, then one
/// terminal event. The raw stream is saved as <c>transcript.jsonl</c> and the CLI's stderr as <c>stderr.log</c> in
/// the stage directory; the final text goes to <c>response.md</c>; usage and cost go into the outcome's context
/// updates (<see cref="BackendContextKeys"/>).</para>
/// <para>Under <c>full</c> fidelity with a thread key, the CLI's own session is resumed: its ID is kept in the
/// run context (<see cref="ThreadSessionKey"/>), so a resumed run resumes it too.</para>
/// </remarks>
public sealed class HarnessBackend : IPipelineBackend
{
    /// <summary>The Claude Code backend name.</summary>
    public const string ClaudeCodeName = "claude-code";

    /// <summary>The Codex backend name.</summary>
    public const string CodexName = "codex";

    /// <summary>The Gemini CLI backend name.</summary>
    public const string GeminiCliName = "gemini-cli";

    private const int StderrTailLength = 4096;
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly CodingCli _cli;
    private readonly HarnessBackendOptions _options;

    private HarnessBackend(CodingCli cli, HarnessBackendOptions? options)
    {
        _cli = cli;
        _options = options ?? new HarnessBackendOptions();
    }

    /// <summary>Gets the names of the harness backends.</summary>
    public static IReadOnlyList<string> Names { get; } = [ClaudeCodeName, CodexName, GeminiCliName];

    /// <inheritdoc />
    public string Name => _cli.Name;

    /// <inheritdoc />
    public BackendCapabilities Capabilities => _cli.Capabilities;

    /// <summary>Creates the Claude Code backend.</summary>
    /// <param name="options">The options, or null for the defaults.</param>
    /// <returns>The backend.</returns>
    public static HarnessBackend ClaudeCode(HarnessBackendOptions? options = null) => new(new ClaudeCodeCli(), options);

    /// <summary>Creates the Codex backend.</summary>
    /// <param name="options">The options, or null for the defaults.</param>
    /// <returns>The backend.</returns>
    public static HarnessBackend Codex(HarnessBackendOptions? options = null) => new(new CodexCli(), options);

    /// <summary>Creates the Gemini CLI backend.</summary>
    /// <param name="options">The options, or null for the defaults.</param>
    /// <returns>The backend.</returns>
    public static HarnessBackend GeminiCli(HarnessBackendOptions? options = null) => new(new GeminiCli(), options);

    /// <summary>Creates a harness backend by name (<c>claude-code</c>, <c>codex</c>, <c>gemini-cli</c>).</summary>
    /// <param name="name">The backend name.</param>
    /// <param name="options">The options, or null for the defaults.</param>
    /// <returns>The backend, or null for another name.</returns>
    public static HarnessBackend? Create(string name, HarnessBackendOptions? options = null) => name switch
    {
        ClaudeCodeName => ClaudeCode(options),
        CodexName => Codex(options),
        GeminiCliName => GeminiCli(options),
        _ => null,
    };

    /// <summary>Gets the run-context key holding this backend's CLI session for a thread (under <c>full</c> fidelity).</summary>
    /// <param name="threadKey">The thread key.</param>
    /// <returns>The key.</returns>
    public string ThreadSessionKey(string threadKey) => "backend." + Name + ".thread." + threadKey;

    /// <inheritdoc />
    public Task<CodergenResult> RunAsync(CodergenRequest request, CancellationToken cancellationToken) =>
        PipelineBackendRunner.RunAsync(this, request, _options.OnEvent, cancellationToken);

    /// <inheritdoc />
    public async Task<CodergenResult> CompleteAsync(CodergenRequest request, BackendCompleted completed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(completed);
        await File.WriteAllTextAsync(Path.Combine(request.StageDirectory, CodergenHandler.ResponseFileName), completed.Text, Utf8NoBom, CancellationToken.None).ConfigureAwait(false);
        return CodergenResult.FromOutcome(BuildOutcome(request, completed));
    }

    /// <inheritdoc />
    public IAsyncEnumerable<BackendEvent> StreamAsync(CodergenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Metrics and records are taken where every backend's stream passes (BackendRouter, BackendTelemetry.Observe), not per backend.
        return StreamCoreAsync(request, cancellationToken);
    }

    private async IAsyncEnumerable<BackendEvent> StreamCoreAsync(CodergenRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var node = request.Node;
        var turn = new HarnessTurn(new BackendEventSource(Name, node.Id, BackendAttempt.Of(request))
        {
            Provider = _options.Provider ?? _cli.DefaultProvider,
            Model = string.IsNullOrWhiteSpace(node.LlmModel) ? null : node.LlmModel,
        });

        if (cancellationToken.IsCancellationRequested)
        {
            yield return new BackendStarted(turn.Source);
            yield return new BackendCanceled(turn.Source, CancelResult.NotAvailable);
            yield break;
        }

        var launch = Launch(request, turn);
        if (launch.Error is { } launchError)
        {
            yield return new BackendStarted(turn.Source);
            yield return new BackendFailed(turn.Source, Redact(launchError), BackendUsage.None);
            yield break;
        }

        using var process = launch.Process!;
        var ownGroup = launch.OwnGroup;
        var finished = false;
        try
        {
            turn.SetProcess(process.Id);
            yield return new BackendStarted(turn.Source);

            Directory.CreateDirectory(request.StageDirectory);
            var stderr = new StderrTail(StderrTailLength);
            var stderrTask = stderr.DrainAsync(process.StandardError, Path.Combine(request.StageDirectory, "stderr.log"));
            var parser = _cli.CreateParser(turn);
            var pending = new List<BackendEvent>();
            var canceled = false;
            var transcript = new StreamWriter(Path.Combine(request.StageDirectory, "transcript.jsonl"), append: false, Utf8NoBom);
            await using (transcript.ConfigureAwait(false))
            {
                while (true)
                {
                    var (line, wasCanceled) = await ReadLineAsync(process.StandardOutput, cancellationToken).ConfigureAwait(false);
                    if (wasCanceled)
                    {
                        canceled = true;
                        break;
                    }

                    if (line is null)
                    {
                        break;
                    }

                    await transcript.WriteLineAsync(line).ConfigureAwait(false);
                    await transcript.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    pending.Clear();
                    parser.ParseLine(line, pending);
                    foreach (var parsed in pending)
                    {
                        yield return parsed;
                    }
                }
            }

            canceled = canceled || !await WaitForExitAsync(process, cancellationToken).ConfigureAwait(false);
            if (canceled)
            {
                var result = await CancelAsync(process, ownGroup).ConfigureAwait(false);
                finished = true;
                yield return result;
                yield break;
            }

            await stderrTask.ConfigureAwait(false);
            finished = true;
            var error = _cli.ClassifyFailure(turn, process.ExitCode, stderr.Text);
            if (error is null)
            {
                yield return new BackendCompleted(turn.Source, turn.FinalText, turn.Usage ?? BackendUsage.None);
            }
            else
            {
                yield return new BackendFailed(turn.Source, Redact(error), turn.Usage ?? BackendUsage.None);
            }

            BackendCanceled Canceled(CancelResult result, BackendError? cancelError = null) => new(turn.Source, result, cancelError);

            async Task<BackendCanceled> CancelAsync(Process running, bool group)
            {
                try
                {
                    await ProcessGroup.TerminateAsync(running, group, _options.CancelGracePeriod).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
                {
                    return Canceled(CancelResult.Failed, BackendError.Unknown("Stopping " + _cli.DisplayName + " failed: " + ex.Message));
                }

                return HasExited(running)
                    ? Canceled(CancelResult.Ok)
                    : Canceled(CancelResult.Failed, BackendError.Unknown(_cli.DisplayName + " (process " + running.Id.ToString(CultureInfo.InvariantCulture) + ") did not exit after SIGTERM and SIGKILL"));
            }
        }
        finally
        {
            if (!finished || !HasExited(process))
            {
                // The consumer stopped early (or the process outlived its stream): never leave the CLI running.
                await ProcessGroup.TerminateAsync(process, ownGroup, TimeSpan.Zero).ConfigureAwait(false);
            }
            else if (ownGroup)
            {
                // Whatever the CLI left in its group (shells, MCP servers) ends with the stage.
                await ProcessGroup.EndGroupAsync(process.Id, TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
            }
        }
    }

    private static HarnessPermission? PermissionOf(PipelineNode node) =>
        (node.Attributes.GetString(HarnessAttributes.PermissionMode)?.Trim().ToUpperInvariant()) switch
        {
            null or "" or "EDIT" => HarnessPermission.Edit,
            "READ-ONLY" or "READ_ONLY" or "READONLY" => HarnessPermission.ReadOnly,
            "FULL" => HarnessPermission.Full,
            _ => null,
        };

    private static string[] AllowedToolsOf(PipelineNode node) =>
        node.Attributes.GetString(HarnessAttributes.AllowedTools) is { } tools
            ? tools.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];

    private string? ResumeSessionOf(CodergenRequest request) =>
        request.Fidelity is { Mode: "full", ThreadKey: { } thread }
        && request.Context.Get(ThreadSessionKey(thread)) is { } session
        && PipelineContext.ToText(session) is { Length: > 0 } id
            ? id
            : null;

    private Outcome BuildOutcome(CodergenRequest request, BackendCompleted completed)
    {
        var source = completed.Source;
        var usage = completed.Usage;
        var updates = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["last_stage"] = request.Node.Id,
            ["last_response"] = CodergenHandler.Truncate(completed.Text, CodergenHandler.LastResponseMaxLength),
            [BackendContextKeys.Backend] = Name,
            [BackendContextKeys.InputTokens] = usage.InputTokens,
            [BackendContextKeys.OutputTokens] = usage.OutputTokens,
        };
        AddIfKnown(updates, BackendContextKeys.Model, source.Model);
        AddIfKnown(updates, BackendContextKeys.CachedInputTokens, usage.CachedInputTokens);
        AddIfKnown(updates, BackendContextKeys.ReasoningTokens, usage.ReasoningTokens);
        AddIfKnown(updates, BackendContextKeys.CostUsd, usage.CostUsd);
        AddIfKnown(updates, BackendContextKeys.SessionId, source.Execution.SessionId);
        if (request.Fidelity is { Mode: "full", ThreadKey: { } thread } && source.Execution.SessionId is { } session)
        {
            updates[ThreadSessionKey(thread)] = session;
        }

        var cost = usage.CostUsd is { } dollars ? ", $" + dollars.ToString(CultureInfo.InvariantCulture) : string.Empty;
        return new Outcome(StageStatus.Success)
        {
            Notes = "Stage completed: " + request.Node.Id + " (" + Name + (source.Model is { } model ? " " + model : string.Empty) + ", "
                + usage.InputTokens.ToString(CultureInfo.InvariantCulture) + " in / " + usage.OutputTokens.ToString(CultureInfo.InvariantCulture) + " out tokens" + cost + ")",
            ContextUpdates = updates,
        };

        static void AddIfKnown(Dictionary<string, object?> target, string key, object? value)
        {
            if (value is not null)
            {
                target[key] = value;
            }
        }
    }

    /// <summary>Removes the values of secret-looking environment variables (API keys, tokens) from a message.</summary>
    private BackendError Redact(BackendError error)
    {
        var message = SecretRedactor.Redact(error.Message, _options.Environment);
        return ReferenceEquals(message, error.Message) ? error : error with { Message = message };
    }

    private static bool HasExited(Process process)
    {
        try
        {
            return process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private static async Task<(string? Line, bool Canceled)> ReadLineAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false), false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (null, true);
        }
    }

    /// <summary>Waits for the exit; false when canceled first.</summary>
    private static async Task<bool> WaitForExitAsync(Process process, CancellationToken cancellationToken)
    {
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private (Process? Process, bool OwnGroup, BackendError? Error) Launch(CodergenRequest request, HarnessTurn turn)
    {
        var candidates = CliLocator.Candidates(_cli.ExecutableName, _options);
        var executable = CliLocator.Find(candidates);
        if (executable is null)
        {
            var searched = _options.ExecutablePath is not null ? _options.ExecutablePath : string.Join(", ", candidates.Take(6)) + (candidates.Count > 6 ? ", ... (PATH)" : string.Empty);
            return (null, false, BackendError.Config(Name + ": " + _cli.NotInstalledMessage(searched)));
        }

        if (PermissionOf(request.Node) is not { } permission)
        {
            return (null, false, BackendError.Config(Name + ": node '" + request.Node.Id + "' has " + HarnessAttributes.PermissionMode + "='"
                + request.Node.Attributes.GetString(HarnessAttributes.PermissionMode) + "'; expected read-only, edit or full"));
        }

        var invocation = new HarnessInvocation(
            request.Prompt,
            turn.Source.Model,
            permission,
            AllowedToolsOf(request.Node),
            ResumeSessionOf(request),
            _options.ExtraArguments);

        var workingDirectory = Path.GetFullPath(_options.WorkingDirectory ?? Environment.CurrentDirectory);
        if (!Directory.Exists(workingDirectory))
        {
            return (null, false, BackendError.Config(Name + ": the workspace '" + workingDirectory + "' does not exist"));
        }

        var startInfo = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory,
        };

        // setsid makes the CLI the leader of a new process group, so cancel reaches the children it starts
        // (the Gemini CLI re-launches itself and ignores signals to its parent).
        var setsid = OperatingSystem.IsWindows() ? null : ProcessGroup.Setsid;
        var ownGroup = setsid is not null;
        if (setsid is not null)
        {
            startInfo.FileName = setsid;
            startInfo.ArgumentList.Add(executable);
        }
        else
        {
            startInfo.FileName = executable;
        }

        foreach (var argument in _cli.BuildArguments(invocation))
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in _options.Environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            return (null, false, BackendError.Config(Name + ": could not start '" + executable + "': " + ex.Message));
        }

        // Codex waits for input while stdin is open; no CLI here reads it.
        process.StandardInput.Close();
        return (process, ownGroup, null);
    }
}
