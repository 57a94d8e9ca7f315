// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Backends.Harness;
using Attractor.Llm.FakeProvider;
using Attractor.Pipelines;
using Attractor.Pipelines.Events;
using Attractor.Pipelines.Handlers;

namespace Attractor.Backends.Tests.Harness.RealCli;

/// <summary>
/// Each real CLI (installed by build/install-coding-clis.sh) against the fake provider on 127.0.0.1: a text turn,
/// a tool-using turn, a provider 401, a provider 503 then success (retried by the engine), a cancel mid-stream.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class RealCliTests : IAsyncLifetime, IDisposable
{
    private readonly CodingCliInstallation _installation;
    private readonly TempWorkspace _temp = new();
    private FakeProviderServer _server = null!;
    private string _cli = string.Empty;

    public RealCliTests(CodingCliInstallation installation)
    {
        _installation = installation;
    }

    public static TheoryData<string> Clis => [HarnessNames.ClaudeCode, HarnessNames.Codex, HarnessNames.GeminiCli];

    public async Task InitializeAsync() => _server = await FakeProviderServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task A_text_turn_streams_normalised_events_and_completes_with_the_text_and_usage(string cli)
    {
        _server.Enqueue(ProviderScripts.Text(cli, "Hello from the fake provider."));
        var backend = await BackendAsync(cli);

        var events = await HarnessProcessTests.Collect(backend, Request(), CancellationToken.None);

        Assert.Equal("started", events[0].Kind);
        Assert.NotNull(events[0].Source.Execution.ProcessId);
        Assert.Single(events, e => e.IsTerminal);
        var completed = Assert.IsType<BackendCompleted>(events[^1]);
        Assert.Equal("Hello from the fake provider.", completed.Text);
        Assert.Equal("Hello from the fake provider.", string.Concat(events.OfType<BackendDelta>().Select(d => d.Text)));
        Assert.True(completed.Usage.InputTokens > 0, "usage reported");
        Assert.NotNull(completed.Source.Execution.SessionId);
        Assert.Equal(cli, completed.Source.Backend);
        Assert.NotNull(completed.Source.Provider);
        Assert.Single(_server.Requests, request => RealCliSetup.IsModelRequest(cli, request));
        Assert.Contains(_server.Requests, request => request.Body.Contains("say hello", StringComparison.Ordinal));
        Assert.True(new FileInfo(Path.Combine(_temp.StageDirectory, "transcript.jsonl")).Length > 0);
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task A_tool_using_turn_reports_the_tool_call_and_result_then_the_final_text(string cli)
    {
        _server.Responder = request => ProviderScripts.HasToolResult(request)
            ? ProviderScripts.Text(cli, "Done with the tool.")
            : ProviderScripts.ToolCall(cli);
        var backend = await BackendAsync(cli);

        var result = await backend.RunAsync(Request(("allowed_tools", "Bash")), CancellationToken.None);
        var events = ReadEvents();

        Assert.Equal("Done with the tool.", _temp.StageFile("response.md"));
        Assert.Equal(StageStatus.Success, result.Outcome!.Status);
        var call = Assert.Single(events.OfType<BackendToolCall>());
        var toolResult = Assert.Single(events.OfType<BackendToolResult>());
        Assert.Equal(call.CallId, toolResult.CallId);
        Assert.False(toolResult.IsError, toolResult.Output);
        if (cli == HarnessNames.GeminiCli)
        {
            Assert.Equal("list_directory", call.Name);
        }
        else
        {
            Assert.Contains(ProviderScripts.ToolMarker, toolResult.Output, StringComparison.Ordinal);
            Assert.Equal(ProviderScripts.ToolMarker, File.ReadAllText(Path.Combine(_temp.Workspace, "made-by-tool.txt")).Trim());
        }

        Assert.True(events.IndexOf(call) < events.IndexOf(toolResult));
        Assert.IsType<BackendCompleted>(events[^1]);
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task Under_full_fidelity_the_second_stage_of_a_thread_resumes_the_cli_session(string cli)
    {
        _server.Responder = request => ProviderScripts.Text(cli, request.Body.Contains("second question", StringComparison.Ordinal) ? "Second answer." : "First answer about zebras.");
        var backend = await BackendAsync(cli);
        var context = new PipelineContext();
        var fidelity = new FidelityResolution("full", "main");

        var first = await backend.RunAsync(_temp.Request("first question", context, fidelity, [.. ModelAttribute()]), CancellationToken.None);
        context.ApplyUpdates(first.Outcome!.ContextUpdates);
        var session = context.GetString(backend.ThreadSessionKey("main"));
        Assert.NotEmpty(session);
        var second = await backend.RunAsync(_temp.Request("second question", context, fidelity, [.. ModelAttribute()]), CancellationToken.None);

        Assert.Equal("Second answer.", second.Outcome!.ContextUpdates["last_response"]);
        Assert.Equal(session, second.Outcome.ContextUpdates[BackendContextKeys.SessionId]);
        var resumed = _server.Requests.Last(request => RealCliSetup.IsModelRequest(cli, request));
        Assert.Contains("second question", resumed.Body, StringComparison.Ordinal);
        Assert.Contains("First answer about zebras.", resumed.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task A_provider_401_fails_as_auth_and_the_engine_does_not_retry_it(string cli)
    {
        _server.Responder = _ => ProviderScripts.Error(401);
        var backend = await BackendAsync(cli);

        var result = await RunPipelineAsync(backend, maxRetries: 2);

        Assert.False(result.Succeeded);
        Assert.Contains("not retried", result.FailureReason, StringComparison.Ordinal);
        Assert.Single(_server.Requests, request => RealCliSetup.IsModelRequest(cli, request));
        var failed = Assert.Single(ReadEvents().OfType<BackendFailed>());
        Assert.Equal((BackendErrorCategory.Auth, false, 401), (failed.Error.Category, failed.Error.Retryable, failed.Error.StatusCode));
        Assert.DoesNotContain(RealCliSetup.FakeKey, failed.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task A_provider_503_then_success_is_retried_by_the_engine_and_succeeds(string cli)
    {
        _server.Enqueue(ProviderScripts.Error(503));
        _server.Responder = _ => ProviderScripts.Text(cli, "Recovered.");
        var backend = await BackendAsync(cli);
        var pipelineEvents = new List<PipelineEvent>();

        var result = await RunPipelineAsync(backend, maxRetries: 2, pipelineEvents.Add);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(2, _server.Requests.Count(request => RealCliSetup.IsModelRequest(cli, request)));
        Assert.Single(pipelineEvents.OfType<StageRetrying>());
        var events = ReadEvents();
        Assert.Equal(["started", "failed", "started", "completed"], events.Where(e => e is not (BackendDelta or BackendNotice)).Select(e => e.Kind));
        var failed = events.OfType<BackendFailed>().Single();
        Assert.Equal((BackendErrorCategory.Provider, true, 503, 1), (failed.Error.Category, failed.Error.Retryable, failed.Error.StatusCode, failed.Source.Attempt));
        Assert.Equal(2, events[^1].Source.Attempt);
        Assert.Equal("Recovered.", ((BackendCompleted)events[^1]).Text);
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task A_connection_reset_by_the_provider_is_a_retryable_transport_failure(string cli)
    {
        // A refused connection would do for Claude Code and the Gemini CLI, but Codex then waits for the network
        // indefinitely ("Reconnecting... waiting for network"); a reset makes all three fail at once.
        _server.Responder = _ => FakeResponse.Reset();
        var backend = await BackendAsync(cli);
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var events = await HarnessProcessTests.Collect(backend, Request(), guard.Token);

        var failed = Assert.IsType<BackendFailed>(events[^1]);
        Assert.Equal((BackendErrorCategory.Transport, true), (failed.Error.Category, failed.Error.Retryable));
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task A_cancel_mid_stream_stops_the_cli_and_its_children_and_reports_canceled_ok(string cli)
    {
        // A long, slow answer: the CLI is mid-stream when the cancel comes.
        _server.Responder = _ => ProviderScripts.Text(cli, "tick ", TimeSpan.FromMilliseconds(250), repeat: 400);
        var backend = await BackendAsync(cli);
        using var cancel = new CancellationTokenSource();
        var events = new List<BackendEvent>();

        await foreach (var backendEvent in backend.StreamAsync(Request(), cancel.Token))
        {
            events.Add(backendEvent);
            if (backendEvent is BackendStarted)
            {
                _ = CancelWhenStreamingAsync(cli, cancel);
            }
        }

        var canceled = Assert.IsType<BackendCanceled>(events[^1]);
        Assert.Equal(CancelResult.Ok, canceled.Result);
        Assert.Single(events, e => e.IsTerminal);
        Assert.True(await HarnessProcessTests.ProcessGoneAsync(canceled.Source.Execution.ProcessId!.Value), "the CLI outlived the cancel");
        Assert.Empty(ProcessesInGroup(canceled.Source.Execution.ProcessId!.Value));
        if (backend.Capabilities.TextDeltas)
        {
            Assert.Contains(events, e => e is BackendDelta);
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => backend.RunAsync(Request(), cancel.Token));
    }

    private static List<int> ProcessesInGroup(int pgid)
    {
        var members = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] != "Z" && int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture) == pgid)
                {
                    members.Add(pid);
                }
            }
            catch (IOException)
            {
                // Gone while reading.
            }
        }

        return members;
    }

    private async Task CancelWhenStreamingAsync(string cli, CancellationTokenSource cancel)
    {
        for (var i = 0; i < 1200 && !_server.Requests.Any(request => RealCliSetup.IsModelRequest(cli, request)); i++)
        {
            await Task.Delay(50);
        }

        // Let the first pieces of the answer arrive before cancelling.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await cancel.CancelAsync();
    }

    private async Task<HarnessBackend> BackendAsync(string cli)
    {
        _cli = cli;
        var bin = await _installation.BinDirectoryAsync();
        var recorded = Path.Combine(_temp.Root, "events.jsonl");
        var options = RealCliSetup.Options(cli, bin, _server.BaseUrl, _temp) with
        {
            OnEvent = backendEvent => File.AppendAllText(recorded, System.Text.Json.JsonSerializer.Serialize(backendEvent) + "\n"),
        };
        return RealCliSetup.Backend(cli, options);
    }

    private List<BackendEvent> ReadEvents()
    {
        var path = Path.Combine(_temp.Root, "events.jsonl");
        return File.Exists(path)
            ? [.. File.ReadAllLines(path).Select(line => System.Text.Json.JsonSerializer.Deserialize<BackendEvent>(line)!)]
            : [];
    }

    private IEnumerable<(string Key, string Value)> ModelAttribute() =>
        RealCliSetup.Model(_cli) is { } model ? [("llm_model", model)] : [];

    private Pipelines.Backends.CodergenRequest Request(params (string Key, string Value)[] attributes)
    {
        var all = attributes.ToList();
        if (RealCliSetup.Model(_cli) is { } model)
        {
            all.Add(("llm_model", model));
        }

        return _temp.Request("say hello", attributes: [.. all]);
    }

    private async Task<PipelineResult> RunPipelineAsync(HarnessBackend backend, int maxRetries, Action<PipelineEvent>? onEvent = null)
    {
        var model = RealCliSetup.Model(backend.Name) is { } m ? ", llm_model=\"" + m + "\"" : string.Empty;
        var dot = Path.Combine(_temp.Root, "pipeline.dot");
        await File.WriteAllTextAsync(dot, $$"""
            digraph harness {
                start [shape=Mdiamond];
                work [prompt="say hello", max_retries={{maxRetries}}{{model}}];
                done [shape=Msquare];
                start -> work -> done;
            }
            """);
        var runner = new PipelineRunner(new PipelineRunOptions
        {
            LogsRoot = Path.Combine(_temp.Root, "run"),
            Backend = backend,
            ErrorClassifier = BackendRetryRule.Classifier,
            RetryBackoff = BackoffConfig.None,
            OnEvent = onEvent,
        });
        return await runner.RunFileAsync(dot);
    }
}
