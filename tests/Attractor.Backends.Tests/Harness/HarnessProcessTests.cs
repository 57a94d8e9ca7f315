// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using Attractor.Backends.Harness;
using Attractor.Pipelines;
using Attractor.Pipelines.Handlers;

namespace Attractor.Backends.Tests.Harness;

/// <summary>
/// The harness runtime (launch, transcript, response, exit codes, cancel, cleanup) against a real stand-in
/// process: a shell script that replays a recorded stream, records its arguments and exits with a chosen code.
/// </summary>
[Collection(RealCli.RealCliCollection.Name)]
public sealed class HarnessProcessTests : IDisposable
{
    private const string Script = """
        #!/bin/sh
        printf '%s\n' "$@" > "$ARGS_FILE"
        pwd > "$PWD_FILE"
        echo "some diagnostics" >&2
        if [ -n "$HANG" ]; then
          trap '' TERM INT
          head -n 1 "$FIXTURE"
          sleep 300 &
          echo $! > "$CHILD_FILE"
          wait
        fi
        cat "$FIXTURE"
        [ -n "$STDERR_FILE" ] && cat "$STDERR_FILE" >&2
        exit "${EXIT_CODE:-0}"
        """;

    private readonly TempWorkspace _temp = new();
    private readonly string _script;

    public HarnessProcessTests()
    {
        _script = Path.Combine(_temp.Root, "fake-cli");
        File.WriteAllText(_script, Script.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_completed_turn_writes_transcript_and_response_and_puts_usage_and_session_into_the_outcome()
    {
        var events = new List<BackendEvent>();
        var backend = HarnessBackend.ClaudeCode(Options("claude-tool.jsonl") with { OnEvent = events.Add });

        var result = await backend.RunAsync(_temp.Request("say hello", attributes: ("llm_model", "claude-test")), CancellationToken.None);

        Assert.Equal(["started", "thinking", "tool_call", "tool_result", "delta", "delta", "completed"], events.Select(e => e.Kind));
        var started = events[0];
        Assert.NotNull(started.Source.Execution.ProcessId);
        Assert.Equal(("claude-code", "anthropic", "claude-test", 1), (started.Source.Backend, started.Source.Provider, started.Source.Model, started.Source.Attempt));
        Assert.Equal("c08a0e2e-f4cc-48e9-aa1e-b30079dfc02d", events[^1].Source.Execution.SessionId);
        Assert.Equal("claude-sonnet-4-5", events[^1].Source.Model);

        var outcome = Assert.IsType<Outcome>(result.Outcome);
        Assert.Equal(StageStatus.Success, outcome.Status);
        Assert.Equal(0.000426m, outcome.ContextUpdates[BackendContextKeys.CostUsd]);
        Assert.Equal(32L, outcome.ContextUpdates[BackendContextKeys.InputTokens]);
        Assert.Equal("c08a0e2e-f4cc-48e9-aa1e-b30079dfc02d", outcome.ContextUpdates[BackendContextKeys.SessionId]);
        Assert.Equal("Hello from fake anthropic.", outcome.ContextUpdates["last_response"]);
        Assert.Equal("Hello from fake anthropic.", _temp.StageFile("response.md"));
        Assert.Equal(File.ReadAllLines(Fixtures.PathOf("claude-tool.jsonl")), File.ReadAllLines(Path.Combine(_temp.StageDirectory, "transcript.jsonl")));
        Assert.Contains("some diagnostics", _temp.StageFile("stderr.log"), StringComparison.Ordinal);
        Assert.Equal(_temp.Workspace, File.ReadAllText(Path.Combine(_temp.Root, "pwd")).Trim());
    }

    [Fact]
    public async Task Arguments_carry_the_prompt_after_the_end_of_options_the_model_and_the_safe_default_permissions()
    {
        await HarnessBackend.ClaudeCode(Options("claude-out.jsonl")).RunAsync(_temp.Request("-rf: not an option", attributes: ("llm_model", "m1")), CancellationToken.None);
        Assert.Equal(
            ["-p", "--output-format", "stream-json", "--verbose", "--include-partial-messages", "--model", "m1", "--permission-mode", "acceptEdits", "--", "-rf: not an option"],
            Arguments());

        await HarnessBackend.Codex(Options("codex-out.jsonl")).RunAsync(_temp.Request("hi", attributes: ("permission_mode", "read-only")), CancellationToken.None);
        Assert.Equal(["exec", "--json", "--skip-git-repo-check", "-c", "sandbox_mode=\"read-only\"", "--", "hi"], Arguments());

        await HarnessBackend.GeminiCli(Options("gemini-out.jsonl")).RunAsync(_temp.Request("hi", attributes: [("permission_mode", "full"), ("allowed_tools", "run_shell_command")]), CancellationToken.None);
        Assert.Equal(["--skip-trust", "--output-format", "stream-json", "--approval-mode", "yolo", "--allowed-tools=run_shell_command", "--prompt=hi"], Arguments());
    }

    [Fact]
    public async Task Under_full_fidelity_the_thread_resumes_the_session_of_the_previous_stage()
    {
        var backend = HarnessBackend.Codex(Options("codex-out.jsonl"));
        var context = new PipelineContext();
        var fidelity = new FidelityResolution("full", "main");

        var first = await backend.RunAsync(_temp.Request("one", context, fidelity), CancellationToken.None);
        Assert.DoesNotContain("resume", Arguments());
        context.ApplyUpdates(first.Outcome!.ContextUpdates);
        Assert.Equal("01a209a2-6ddb-7742-ba4d-03b2a8367915", context.GetString(backend.ThreadSessionKey("main")));

        await backend.RunAsync(_temp.Request("two", context, fidelity), CancellationToken.None);
        Assert.Equal(["exec", "resume", "--json", "--skip-git-repo-check", "-c", "sandbox_mode=\"workspace-write\"", "--", "01a209a2-6ddb-7742-ba4d-03b2a8367915", "two"], Arguments());

        await backend.RunAsync(_temp.Request("three", context, FidelityResolution.Default), CancellationToken.None);
        Assert.DoesNotContain("resume", Arguments());
    }

    [Fact]
    public async Task A_failed_turn_throws_a_classified_backend_exception_after_a_failed_event()
    {
        var events = new List<BackendEvent>();
        var backend = HarnessBackend.GeminiCli(Options("gemini-401.jsonl", exitCode: 145, stderrFixture: "gemini-401.stderr.txt") with { OnEvent = events.Add });
        var context = new PipelineContext();
        context.Set("internal.retry_count.node", 2);

        var exception = await Assert.ThrowsAsync<BackendException>(() => backend.RunAsync(_temp.Request("hi", context), CancellationToken.None));

        Assert.Equal((BackendErrorCategory.Auth, false, 401), (exception.Error.Category, exception.Error.Retryable, exception.Error.StatusCode));
        Assert.Equal(["started", "failed"], events.Select(e => e.Kind));
        Assert.Equal(3, events[^1].Source.Attempt);
        Assert.Equal(ErrorCategory.Terminal, BackendRetryRule.Classifier.Classify(exception));
    }

    [Fact]
    public async Task A_cli_that_is_not_installed_is_a_config_failure_naming_what_to_install()
    {
        var backend = HarnessBackend.Codex(new HarnessBackendOptions { ExecutablePath = Path.Combine(_temp.Root, "no-such-codex"), WorkingDirectory = _temp.Workspace });

        var events = await Collect(backend, _temp.Request("hi"), CancellationToken.None);

        Assert.Equal(["started", "failed"], events.Select(e => e.Kind));
        var error = ((BackendFailed)events[1]).Error;
        Assert.Equal((BackendErrorCategory.Config, false), (error.Category, error.Retryable));
        Assert.Contains("npm install -g @openai/codex@0.169.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-codex", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_permission_mode_is_a_config_failure()
    {
        var events = await Collect(HarnessBackend.ClaudeCode(Options("claude-out.jsonl")), _temp.Request("hi", attributes: ("permission_mode", "yolo")), CancellationToken.None);

        var error = Assert.IsType<BackendFailed>(events[^1]).Error;
        Assert.Equal(BackendErrorCategory.Config, error.Category);
        Assert.Contains("permission_mode='yolo'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_before_start_reports_not_available_and_starts_nothing()
    {
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        var events = await Collect(HarnessBackend.ClaudeCode(Options("claude-out.jsonl")), _temp.Request("hi"), canceled.Token);

        Assert.Equal(["started", "canceled"], events.Select(e => e.Kind));
        Assert.Equal(CancelResult.NotAvailable, ((BackendCanceled)events[1]).Result);
        Assert.False(File.Exists(Path.Combine(_temp.Root, "args")));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => HarnessBackend.ClaudeCode(Options("claude-out.jsonl")).RunAsync(_temp.Request("hi"), canceled.Token));
    }

    [Fact]
    public async Task Cancel_mid_stream_kills_the_whole_process_group_even_when_the_parent_ignores_sigterm()
    {
        var options = Options("gemini-out.jsonl") with { CancelGracePeriod = TimeSpan.FromMilliseconds(300) };
        options = options with { Environment = new Dictionary<string, string?>(options.Environment) { ["HANG"] = "1" } };
        using var cancel = new CancellationTokenSource();
        var events = new List<BackendEvent>();

        await foreach (var backendEvent in HarnessBackend.GeminiCli(options).StreamAsync(_temp.Request("hi"), cancel.Token))
        {
            events.Add(backendEvent);
            if (backendEvent is BackendStarted)
            {
                // Wait until the stand-in has started its child, then cancel mid-stream.
                await WaitForFileAsync(Path.Combine(_temp.Root, "child"));
                await cancel.CancelAsync();
            }
        }

        Assert.Equal("started", events[0].Kind);
        var canceled = Assert.IsType<BackendCanceled>(events[^1]);
        Assert.Equal(CancelResult.Ok, canceled.Result);
        Assert.Single(events, e => e.IsTerminal);
        var child = int.Parse(File.ReadAllText(Path.Combine(_temp.Root, "child")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await ProcessGoneAsync(child), "the CLI's child process outlived the cancel");
        var parent = canceled.Source.Execution.ProcessId!.Value;
        Assert.True(await ProcessGoneAsync(parent), "the CLI outlived the cancel");
    }

    [Fact]
    public async Task A_consumer_that_stops_reading_early_leaves_no_process_behind()
    {
        var options = Options("gemini-out.jsonl");
        options = options with { Environment = new Dictionary<string, string?>(options.Environment) { ["HANG"] = "1" } };
        int? pid = null;

        await foreach (var backendEvent in HarnessBackend.GeminiCli(options).StreamAsync(_temp.Request("hi"), CancellationToken.None))
        {
            pid = backendEvent.Source.Execution.ProcessId;
            await WaitForFileAsync(Path.Combine(_temp.Root, "child"));
            break;
        }

        var child = int.Parse(File.ReadAllText(Path.Combine(_temp.Root, "child")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await ProcessGoneAsync(pid!.Value));
        Assert.True(await ProcessGoneAsync(child));
    }

    internal static async Task<List<BackendEvent>> Collect(IPipelineBackend backend, Pipelines.Backends.CodergenRequest request, CancellationToken cancellationToken)
    {
        var events = new List<BackendEvent>();
        await foreach (var backendEvent in backend.StreamAsync(request, cancellationToken))
        {
            events.Add(backendEvent);
        }

        return events;
    }

    internal static async Task<bool> ProcessGoneAsync(int pid)
    {
        // Generous: the machine is shared and CI has two cores.
        for (var i = 0; i < 200; i++)
        {
            var stat = "/proc/" + pid.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/stat";
            if (!File.Exists(stat))
            {
                return true;
            }

            try
            {
                // A zombie (state Z) has exited; only its parent's reaping is left.
                var text = await File.ReadAllTextAsync(stat);
                if (text[(text.LastIndexOf(')') + 2)..].StartsWith('Z'))
                {
                    return true;
                }
            }
            catch (IOException)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    private static async Task WaitForFileAsync(string path)
    {
        var deadline = Stopwatch.StartNew();
        while (!(File.Exists(path) && new FileInfo(path).Length > 0))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "timed out waiting for " + path);
            await Task.Delay(20);
        }
    }

    internal TempWorkspace Temp => _temp;

    private string[] Arguments() => File.ReadAllLines(Path.Combine(_temp.Root, "args"));

    internal HarnessBackendOptions Options(string fixture, int exitCode = 0, string? stderrFixture = null) => new()
    {
        ExecutablePath = _script,
        WorkingDirectory = _temp.Workspace,
        Environment = new Dictionary<string, string?>
        {
            ["FIXTURE"] = Fixtures.PathOf(fixture),
            ["EXIT_CODE"] = exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["STDERR_FILE"] = stderrFixture is null ? string.Empty : Fixtures.PathOf(stderrFixture),
            ["ARGS_FILE"] = Path.Combine(_temp.Root, "args"),
            ["PWD_FILE"] = Path.Combine(_temp.Root, "pwd"),
            ["CHILD_FILE"] = Path.Combine(_temp.Root, "child"),
        },
    };
}
