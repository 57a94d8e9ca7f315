// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Attractor.Llm;

namespace Attractor.Agent;

/// <summary>A conversation with a model that runs the agentic loop: call the model, execute its tool calls, repeat (spec §2.1–2.10).</summary>
public sealed partial class Session : IAsyncDisposable
{
    private readonly LlmClient _client;
    private readonly IExecutionEnvironment _environment;
    private readonly ToolRegistry _tools;
    private readonly Lock _gate = new();
    private readonly List<Turn> _history = [];
    private readonly RequestHistory _requestHistory;
    private readonly List<string> _callSignatures = [];
    private readonly HashSet<string> _providerWarnings = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _steering = new();
    private readonly ConcurrentQueue<string> _followUps = new();
    private readonly Channel<SessionEvent> _events = Channel.CreateUnbounded<SessionEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _abort = new();
    private readonly int? _contextWindowSize;
    private readonly Func<string?, JsonObject?>? _providerOptions;
    private readonly bool _parallelToolCalls = true;
    private readonly List<Func<Task>> _closingHandlers = [];
    private int _loopCheckStart;
    private int _disposed;
    private bool _contextWarningEmitted;
    private Task _processing = Task.CompletedTask;

    /// <summary>Initializes a new instance of the <see cref="Session"/> class and emits <see cref="SessionEventKind.SessionStart"/>.</summary>
    /// <param name="client">The LLM client.</param>
    /// <param name="provider">The provider name registered in <paramref name="client"/>, or null for its default.</param>
    /// <param name="model">The model id.</param>
    /// <param name="environment">Where tools run; owned by the caller.</param>
    /// <param name="tools">The tools offered to the model.</param>
    /// <param name="systemPrompt">The system prompt sent with every call.</param>
    /// <param name="config">Limits and switches; defaults when null.</param>
    public Session(LlmClient client, string? provider, string model, IExecutionEnvironment environment, ToolRegistry tools, string systemPrompt, SessionConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(systemPrompt);
        _client = client;
        Provider = provider;
        Model = model;
        _environment = environment;
        _tools = tools;
        _requestHistory = new RequestHistory(systemPrompt);
        Config = config ?? new SessionConfig();
        ReasoningEffort = Config.ReasoningEffort;
        _contextWindowSize = Config.ContextWindowSize ?? ModelCatalog.Default.GetModelInfo(model)?.ContextWindow;
        Emit(SessionEventKind.SessionStart, ("model", model), ("provider", provider));
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="Session"/> class for a provider profile: its id names the client's
    /// provider, and its model, tools, provider options (spec §3.2), parallel-call flag and context window are used.
    /// </summary>
    /// <param name="client">The LLM client with an adapter registered under the profile's id.</param>
    /// <param name="profile">The provider profile.</param>
    /// <param name="environment">Where tools run; owned by the caller.</param>
    /// <param name="systemPrompt">The system prompt sent with every call.</param>
    /// <param name="config">Limits and switches; its context window defaults to the profile's.</param>
    public Session(LlmClient client, IProviderProfile profile, IExecutionEnvironment environment, string systemPrompt, SessionConfig? config = null)
        : this(client, NotNull(profile).Id, profile.Model, environment, profile.ToolRegistry, systemPrompt, WithContextWindow(config, profile))
    {
        _providerOptions = profile.ProviderOptions;
        _parallelToolCalls = profile.SupportsParallelToolCalls;
    }

    /// <summary>Gets the session's unique id.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Gets the provider name, or null for the client's default.</summary>
    public string? Provider { get; }

    /// <summary>Gets the model id.</summary>
    public string Model { get; }

    /// <summary>Gets the configuration.</summary>
    public SessionConfig Config { get; }

    /// <summary>Gets or sets the reasoning effort; a change takes effect on the next model call (spec §2.7).</summary>
    public string? ReasoningEffort { get; set; }

    /// <summary>Gets the current lifecycle state.</summary>
    public SessionState State { get; private set; } = SessionState.Idle;

    /// <summary>Gets a snapshot of the conversation history.</summary>
    public IReadOnlyList<Turn> History
    {
        get
        {
            lock (_gate)
            {
                return [.. _history];
            }
        }
    }

    /// <summary>Gets the session's events; completes after <see cref="SessionEventKind.SessionEnd"/>. Meant for a single reader.</summary>
    public IAsyncEnumerable<SessionEvent> Events => _events.Reader.ReadAllAsync();

    /// <summary>
    /// Processes one user input, then any queued follow-ups, each until natural completion, a turn limit or abort.
    /// Allowed while <see cref="SessionState.Idle"/> or <see cref="SessionState.AwaitingInput"/> (the input is then the answer).
    /// </summary>
    /// <param name="input">The user input.</param>
    /// <param name="cancellationToken">Cancelling aborts the session, like <see cref="AbortAsync"/>.</param>
    /// <returns>A task that completes when processing ends; it completes normally after <see cref="AbortAsync"/>.</returns>
    /// <exception cref="InvalidOperationException">The session is closed or already processing.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="LlmException">A non-recoverable provider error; the session is closed.</exception>
    public Task SubmitAsync(string input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(State == SessionState.Closed, this);
            if (State == SessionState.Processing)
            {
                throw new InvalidOperationException("The session is already processing an input; use Steer or FollowUp.");
            }

            State = SessionState.Processing;
            _processing = RunAsync(input, cancellationToken);
            return _processing;
        }
    }

    /// <summary>Queues a message injected into the history before the next model call (spec §2.6).</summary>
    /// <param name="message">The steering message.</param>
    public void Steer(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _steering.Enqueue(message);
    }

    /// <summary>Queues an input processed after the current input completes (spec §2.6).</summary>
    /// <param name="message">The follow-up input.</param>
    public void FollowUp(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _followUps.Enqueue(message);
    }

    /// <summary>Cancels the in-flight model call and tool executions, then closes the session (spec §2.8, Appendix B).</summary>
    /// <returns>A task that completes once the session is closed and <see cref="SessionEventKind.SessionEnd"/> was emitted.</returns>
    public Task AbortAsync() => Volatile.Read(ref _disposed) == 1 ? Task.CompletedTask : AbortCoreAsync();

    /// <summary>Closes the session, aborting any processing.</summary>
    /// <returns>A task that completes once the session is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        // Repeated calls are allowed (the dispose pattern); only the first may touch the token source.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await AbortCoreAsync().ConfigureAwait(false);
        _abort.Dispose();
    }

    private async Task AbortCoreAsync()
    {
        Task processing;
        lock (_gate)
        {
            processing = _processing;
        }

        await _abort.CancelAsync().ConfigureAwait(false);
        try
        {
            await processing.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The failure was already surfaced to the submitter; aborting only needs the loop to have stopped.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        await CloseAsync().ConfigureAwait(false);
    }

    private static IProviderProfile NotNull(IProviderProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile;
    }

    private static SessionConfig WithContextWindow(SessionConfig? config, IProviderProfile profile)
    {
        var effective = config ?? new SessionConfig();
        return effective.ContextWindowSize is null ? effective with { ContextWindowSize = profile.ContextWindowSize } : effective;
    }

    /// <summary>Registers work done once when the session closes, before <see cref="SessionEventKind.SessionEnd"/> (spec Appendix B: clean up subagents).</summary>
    /// <param name="handler">The work; it must not throw.</param>
    internal void OnClosing(Func<Task> handler)
    {
        lock (_gate)
        {
            _closingHandlers.Add(handler);
        }
    }

    /// <summary>Writes an event of another session (a subagent) into this session's event stream.</summary>
    /// <param name="sessionEvent">The event, keeping its own session id.</param>
    internal void Publish(SessionEvent sessionEvent) => _ = _events.Writer.TryWrite(sessionEvent);

    private async Task RunAsync(string input, CancellationToken cancellationToken)
    {
        await Task.Yield();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abort.Token);
        try
        {
            var next = input;
            bool asked;
            do
            {
                asked = await ProcessInputAsync(next, linked.Token).ConfigureAwait(false);
            }
            while (_followUps.TryDequeue(out next));

            SessionState final;
            lock (_gate)
            {
                if (State == SessionState.Processing)
                {
                    State = asked ? SessionState.AwaitingInput : SessionState.Idle;
                }

                final = State;
            }

            Emit(SessionEventKind.ProcessingEnd, ("state", final.ToString()));
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            await CloseAsync().ConfigureAwait(false);
            if (!_abort.IsCancellationRequested)
            {
                throw;
            }
        }
        catch (LlmException exception) when (exception is not ContextLengthException)
        {
            Emit(SessionEventKind.Error, ("message", exception.Message), ("error_type", exception.GetType().Name));
            await CloseAsync().ConfigureAwait(false);
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not LlmException)
        {
            // Anything else escaping the loop (a profile's or environment's own failure) is unrecoverable too: the
            // host learns it from the event stream and the session does not stay stuck in PROCESSING.
            Emit(SessionEventKind.Error, ("message", exception.Message), ("error_type", exception.GetType().Name));
            await CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <returns>Whether the input ended with the model asking the user a question (spec §2.3 AWAITING_INPUT).</returns>
    private async Task<bool> ProcessInputAsync(string input, CancellationToken cancellationToken)
    {
        Append(new UserTurn(input, DateTimeOffset.UtcNow));
        Emit(SessionEventKind.UserInput, ("content", input));
        var rounds = 0;
        var asked = false;
        while (true)
        {
            if (Config.MaxToolRoundsPerInput > 0 && rounds >= Config.MaxToolRoundsPerInput)
            {
                Emit(SessionEventKind.TurnLimit, ("round", rounds));
                break;
            }

            var modelCalls = CountModelCalls();
            if (Config.MaxTurns > 0 && modelCalls >= Config.MaxTurns)
            {
                Emit(SessionEventKind.TurnLimit, ("total_turns", modelCalls));
                break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            DrainSteering();
            var text = new AssistantTextEvents(this);
            Response response;
            try
            {
                response = await CallModelAsync(BuildRequest(), text, cancellationToken).ConfigureAwait(false);
            }
            catch (ContextLengthException exception)
            {
                Emit(SessionEventKind.Warning, ("message", "Context length exceeded: " + exception.Message));
                break;
            }

            foreach (var warning in response.Warnings ?? [])
            {
                // Providers repeat the same warning on every call (e.g. an unsupported parameter); once tells the host.
                if (_providerWarnings.Add(warning.Message))
                {
                    Emit(SessionEventKind.Warning, ("message", warning.Message), ("code", warning.Code));
                }
            }

            var turn = new AssistantTurn(response.Message, response.Usage, response.Id, DateTimeOffset.UtcNow);
            Append(turn);
            var calls = turn.ToolCalls;
            text.End(turn, emitWhenEmpty: calls.Count == 0);
            CheckContextUsage();
            if (calls.Count == 0)
            {
                asked = QuestionDetector.AsksUser(turn.Content);
                break;
            }

            rounds++;
            var results = await ExecuteToolsAsync(calls, cancellationToken).ConfigureAwait(false);
            Append(new ToolResultsTurn(results, DateTimeOffset.UtcNow));
            DetectLoop(calls);
        }

        return asked;
    }

    private Task<Response> CallModelAsync(Request request, AssistantTextEvents text, CancellationToken cancellationToken)
    {
        if (!Config.Streaming)
        {
            return LlmRetry.ExecuteAsync(token => _client.CompleteAsync(request, token), Config.RetryPolicy, cancellationToken);
        }

        // Once text reached the host a retry would show it twice, so only failures before the first delta are retried.
        var policy = Config.RetryPolicy ?? RetryPolicy.Default;
        var beforeText = policy with { ShouldRetry = error => !text.Started && (policy.ShouldRetry?.Invoke(error) ?? error is LlmException { Retryable: true }) };
        return LlmRetry.ExecuteAsync(token => StreamModelAsync(request, text, token), beforeText, cancellationToken);
    }

    private async Task<Response> StreamModelAsync(Request request, AssistantTextEvents text, CancellationToken cancellationToken)
    {
        var accumulator = new StreamAccumulator(Provider, Model);
        await foreach (var item in _client.StreamAsync(request, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            accumulator.Process(item);
            if (item.Type == StreamEventType.TextDelta && !string.IsNullOrEmpty(item.Delta))
            {
                text.Delta(item.Delta);
            }
        }

        if (accumulator.Error is { } error)
        {
            throw error;
        }

        if (!accumulator.IsFinished)
        {
            throw new StreamException($"The {Provider ?? "provider"} stream ended without a finish event; the response is incomplete.");
        }

        return accumulator.GetResponse();
    }

    private async Task<ToolExecutionResult[]> ExecuteToolsAsync(IReadOnlyList<ToolCall> calls, CancellationToken cancellationToken)
    {
        if (_parallelToolCalls)
        {
            return await Task.WhenAll(calls.Select(call => ExecuteToolAsync(call, cancellationToken))).ConfigureAwait(false);
        }

        var results = new ToolExecutionResult[calls.Count];
        for (var i = 0; i < calls.Count; i++)
        {
            results[i] = await ExecuteToolAsync(calls[i], cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    private async Task<ToolExecutionResult> ExecuteToolAsync(ToolCall call, CancellationToken cancellationToken)
    {
        Emit(SessionEventKind.ToolCallStart, ("tool_name", call.Name), ("call_id", call.Id), ("arguments", call.RawArguments));
        ToolCallOutput.Set(chunk => Emit(
            SessionEventKind.ToolCallOutputDelta,
            ("tool_name", call.Name),
            ("call_id", call.Id),
            ("delta", chunk.Text),
            ("stream", chunk.IsStandardError ? "stderr" : "stdout")));
        var result = await _tools.ExecuteAsync(call, _environment, Config.ToolOutputLimits, cancellationToken).ConfigureAwait(false);
        Emit(SessionEventKind.ToolCallEnd, ("tool_name", call.Name), ("call_id", call.Id), ("output", result.FullOutput), ("is_error", result.IsError));
        return result;
    }

    private void DrainSteering()
    {
        while (_steering.TryDequeue(out var message))
        {
            Append(new SteeringTurn(message, DateTimeOffset.UtcNow));
            Emit(SessionEventKind.SteeringInjected, ("content", message));
        }
    }

    private void DetectLoop(IReadOnlyList<ToolCall> calls)
    {
        _callSignatures.AddRange(calls.Select(LoopDetector.Signature));
        if (!Config.EnableLoopDetection)
        {
            return;
        }

        // Only calls since the last warning count, so one loop yields one warning per window instead of one per round.
        var start = Math.Max(_loopCheckStart, _callSignatures.Count - Config.LoopDetectionWindow);
        var window = _callSignatures.GetRange(start, _callSignatures.Count - start);
        if (!LoopDetector.IsLooping(window, Config.LoopDetectionWindow))
        {
            return;
        }

        _loopCheckStart = _callSignatures.Count;
        var message = $"Loop detected: the last {Config.LoopDetectionWindow} tool calls follow a repeating pattern. Try a different approach.";
        Append(new SteeringTurn(message, DateTimeOffset.UtcNow));
        Emit(SessionEventKind.LoopDetection, ("message", message));
    }

    private void CheckContextUsage()
    {
        if (_contextWarningEmitted || _contextWindowSize is not { } window)
        {
            return;
        }

        long characters;
        lock (_gate)
        {
            characters = _requestHistory.Characters;
        }

        var warning = ContextUsage.GetWarning(characters, window);
        if (warning is not null)
        {
            // One warning per session: repeating it on every call would drown the event stream.
            _contextWarningEmitted = true;
            Emit(SessionEventKind.Warning, ("message", warning));
        }
    }

    private Request BuildRequest()
    {
        IReadOnlyList<Message> messages;
        lock (_gate)
        {
            messages = _requestHistory.Messages();
        }

        var tools = _tools.Definitions();
        return new Request
        {
            Model = Model,
            Provider = Provider,
            Messages = messages,
            Tools = tools.Count == 0 ? null : tools,
            ReasoningEffort = ReasoningEffort,
            ProviderOptions = _providerOptions?.Invoke(ReasoningEffort),
        };
    }

    private int CountModelCalls()
    {
        lock (_gate)
        {
            return _requestHistory.ModelCalls;
        }
    }

    private void Append(Turn turn)
    {
        lock (_gate)
        {
            _history.Add(turn);
            _requestHistory.Add(turn);
        }
    }

    private async Task CloseAsync()
    {
        Func<Task>[] handlers;
        lock (_gate)
        {
            if (State == SessionState.Closed)
            {
                return;
            }

            State = SessionState.Closed;
            handlers = [.. _closingHandlers];
            _closingHandlers.Clear();
        }

        foreach (var handler in handlers)
        {
            await handler().ConfigureAwait(false);
        }

        Emit(SessionEventKind.SessionEnd, ("state", nameof(SessionState.Closed)));
        _ = _events.Writer.TryComplete();
    }

    private void Emit(SessionEventKind kind, params (string Key, object? Value)[] data)
    {
        var values = data.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        _ = _events.Writer.TryWrite(new SessionEvent(kind, DateTimeOffset.UtcNow, Id, values));
    }
}
