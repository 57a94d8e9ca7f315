// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Attractor.Agent;
using Attractor.Dot;
using Attractor.Llm;
using Attractor.Pipelines;
using Attractor.Pipelines.Backends;
using Attractor.Pipelines.Handlers;

namespace Attractor.Backends;

/// <summary>
/// Runs a codergen node as a coding-agent session (Attractor.Agent) in the pipeline's workspace: the provider
/// profile follows the node's provider, the agent works with its tools until it answers, and its final text is
/// the stage's response. A <c>status.json</c> the agent writes into the stage directory decides the outcome
/// (the <see cref="CodergenHandler"/> reads it).
/// </summary>
/// <remarks>
/// <para>Under <c>full</c> fidelity the session of the node's thread key is reused, so the conversation continues;
/// otherwise each node gets a fresh session whose first input starts with the §5.4 summary of the run.</para>
/// <para><c>tool_hooks.pre</c> / <c>tool_hooks.post</c> (node, else graph) run around every tool call; the
/// session's events go to <c>agent-events.jsonl</c> in the stage directory and to
/// <see cref="PipelineBackendOptions.OnAgentEvent"/>.</para>
/// <para>Dispose the backend after the run: it closes the kept sessions (and the client when it created it).</para>
/// </remarks>
public sealed class AgentCodergenBackend : IPipelineBackend, IAsyncDisposable
{
    private readonly PipelineBackendOptions _options;
    private readonly LlmClient _client;
    private readonly bool _ownsClient;
    private readonly string _workingDirectory;
    private readonly LocalExecutionEnvironment _environment;
    private readonly ConcurrentDictionary<string, AgentThread> _threads = new(StringComparer.Ordinal);
    private readonly ToolCallJournal _journal = new();

    /// <summary>Initializes a new instance of the <see cref="AgentCodergenBackend"/> class.</summary>
    /// <param name="options">The workspace, client (null: from the environment), defaults and event callback.</param>
    /// <exception cref="BackendConfigurationException">No client was given and no provider API key is set.</exception>
    public AgentCodergenBackend(PipelineBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        (_client, _ownsClient) = PipelineBackends.ResolveClient(options, PipelineBackends.Agent);
        _workingDirectory = Path.GetFullPath(options.WorkingDirectory);
        _environment = new LocalExecutionEnvironment(_workingDirectory);
    }

    /// <summary>Gets the model catalog used to find a model's provider and reasoning support (default: <see cref="ModelCatalog.Default"/>).</summary>
    public ModelCatalog Catalog { get; init; } = ModelCatalog.Default;

    /// <summary>Gets the backend name (<c>agent</c>).</summary>
    public string Name => PipelineBackends.Agent;

    /// <inheritdoc />
    public BackendCapabilities Capabilities { get; } = new(TextDeltas: true, Thinking: true, ToolEvents: true, Cost: false, Resume: true);

    /// <summary>Gets how long a canceled session may take to stop before the cancel is reported as failed (default 10 seconds).</summary>
    public TimeSpan CancelGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public Task<CodergenResult> RunAsync(CodergenRequest request, CancellationToken cancellationToken) =>
        PipelineBackendRunner.RunAsync(this, request, onEvent: null, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<BackendEvent> StreamAsync(CodergenRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var choice = ModelChoice.Resolve(request.Node, _options.Provider, _options.Model, _client.DefaultProvider, Catalog);
        var source = new BackendEventSource(Name, request.Node.Id, BackendAttempt.Of(request)) { Provider = choice.Provider, Model = choice.Model };
        var threadKey = string.Equals(request.Fidelity.Mode, FidelityResolver.Full, StringComparison.Ordinal) ? request.Fidelity.ThreadKey : null;
        // Keyed by run too: a backend shared by several runs (e.g. a server) must not mix their conversations.
        var thread = threadKey is null ? new AgentThread() : _threads.GetOrAdd(RunId(request) + "\n" + threadKey, static _ => new AgentThread());
        if (!await LlmCodergenBackend.EnterAsync(thread.Gate, cancellationToken).ConfigureAwait(false))
        {
            yield return new BackendStarted(source);
            yield return new BackendCanceled(source, CancelResult.NotAvailable);
            if (threadKey is null)
            {
                await thread.DisposeAsync().ConfigureAwait(false);
            }

            yield break;
        }

        try
        {
            Directory.CreateDirectory(_workingDirectory);
            if (thread.Session is { State: SessionState.Closed })
            {
                // An auth error or a cancellation closed it; this node starts the thread over.
                await thread.ResetAsync().ConfigureAwait(false);
            }

            var fresh = thread.Session is null;
            Exception? createError = null;
            if (fresh)
            {
                try
                {
                    thread.Session = await CreateSessionAsync(choice, thread, cancellationToken).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // Every failure becomes a classified failed (or canceled) event.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    createError = ex;
                }
            }

            if (thread.Session is not { } session)
            {
                yield return new BackendStarted(source);
                yield return cancellationToken.IsCancellationRequested
                    ? new BackendCanceled(source, CancelResult.NotAvailable)
                    : new BackendFailed(source, LlmErrorMap.ToBackendError(createError!), BackendUsage.None);
                yield break;
            }

            source = source with { Provider = session.Provider ?? source.Provider, Model = session.Model, Execution = new ExecutionReference(session.Id, null) };
            if (!fresh)
            {
                // A later node of the thread may ask for another effort; the model stays the thread's.
                session.ReasoningEffort = choice.ReasoningEffort ?? session.ReasoningEffort;
            }

            var input = new StringBuilder();
            if (fresh)
            {
                input.Append(FidelityPreamble.Build(request.Fidelity.Mode, request.Context, _journal.For(RunId(request))));
            }

            input.Append(request.Prompt).Append(StageInstructions(request.StageDirectory));
            yield return new BackendStarted(source);

            var channel = Channel.CreateUnbounded<BackendEvent>(new UnboundedChannelOptions { SingleReader = true });
            var mapper = new AgentEventMapper(source);
            var stage = new AgentStage(request.Node.Id, request.StageDirectory, HooksFor(request), _options.OnAgentEvent, _journal, RunId(request), sessionEvent =>
            {
                if (mapper.Map(sessionEvent) is { } mapped)
                {
                    foreach (var item in mapped)
                    {
                        channel.Writer.TryWrite(item);
                    }
                }
            });
            var turnsBefore = session.History.Count;
            var work = SubmitAsync(thread, stage, session, input.ToString(), channel.Writer, cancellationToken);
            await foreach (var item in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return item;
            }

            var error = await work.ConfigureAwait(false);
            var turns = session.History.Skip(turnsBefore).OfType<AssistantTurn>().ToList();
            var usage = new BackendUsage(turns.Sum(turn => (long)turn.Usage.InputTokens), turns.Sum(turn => (long)turn.Usage.OutputTokens))
            {
                ReasoningTokens = turns.Any(turn => turn.Usage.ReasoningTokens is not null) ? turns.Sum(turn => (long)(turn.Usage.ReasoningTokens ?? 0)) : null,
                CachedInputTokens = turns.Any(turn => turn.Usage.CacheReadTokens is not null) ? turns.Sum(turn => (long)(turn.Usage.CacheReadTokens ?? 0)) : null,
            };
            if (error is OperationCanceledException or TimeoutException || (error is LlmException && cancellationToken.IsCancellationRequested))
            {
                yield return error is TimeoutException
                    ? new BackendCanceled(source, CancelResult.Failed, BackendError.Timeout("The agent session " + session.Id + " did not stop within " + CancelGracePeriod.TotalSeconds + "s of the cancel."))
                    : new BackendCanceled(source, CancelResult.Ok);
            }
            else if (error is not null)
            {
                yield return new BackendFailed(source, LlmErrorMap.ToBackendError(error), usage);
            }
            else
            {
                var answer = turns.LastOrDefault(turn => turn.Content.Length > 0);
                yield return new BackendCompleted(source, answer?.Content ?? string.Empty, usage);
            }
        }
        finally
        {
            thread.Gate.Release();
            if (threadKey is null)
            {
                await thread.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs the session on the input; returns its failure (a <see cref="TimeoutException"/> when a cancel was not honoured in time) and completes the channel once the stage's events are in.</summary>
    private async Task<Exception?> SubmitAsync(AgentThread thread, AgentStage stage, Session session, string input, ChannelWriter<BackendEvent> writer, CancellationToken cancellationToken)
    {
        Exception? error = null;
        thread.BeginStage(stage);
        try
        {
            var submit = session.SubmitAsync(input, cancellationToken);
            try
            {
                await submit.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The token aborts the session; a session that does not stop in time is a failed cancel.
                await submit.WaitAsync(CancelGracePeriod, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
#pragma warning disable CA1031 // Every failure becomes a classified failed (or canceled) event.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = ex;
        }
        finally
        {
            await thread.EndStageAsync().ConfigureAwait(false);
            writer.TryComplete();
        }

        return error;
    }

    /// <summary>Closes every kept session and disposes the client when the backend created it.</summary>
    /// <returns>A task that completes when everything is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        foreach (var key in _threads.Keys)
        {
            if (_threads.TryRemove(key, out var thread))
            {
                await thread.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    /// <summary>Tells the agent where the stage's files are and how to decide the outcome (the status-file contract of §4.5 / Appendix C).</summary>
    internal static string StageInstructions(string stageDirectory) =>
        $"""


        ---
        Pipeline stage directory: {Path.GetFullPath(stageDirectory)}
        When you are done, answer with a short summary of what you did. To decide this stage's outcome yourself, write {Path.Combine(Path.GetFullPath(stageDirectory), StatusFile.FileName)} as JSON, e.g. {"{"}"outcome": "fail", "preferred_label": "Fix", "notes": "why"{"}"} (outcome: success, partial_success, retry or fail; preferred_label names the outgoing edge to take).
        """;

    private static ProviderProfile ProfileFor(string? provider, string? model, ModelCatalog catalog) => provider?.ToUpperInvariant() switch
    {
        "ANTHROPIC" => model is null ? ProviderProfile.Anthropic(catalog: catalog) : ProviderProfile.Anthropic(model, catalog),
        "GEMINI" => model is null ? ProviderProfile.Gemini(catalog: catalog) : ProviderProfile.Gemini(model, catalog),

        // OpenAI, and OpenAI-compatible endpoints registered under other names: codex-aligned tools.
        _ => model is null ? ProviderProfile.OpenAI(catalog: catalog) : ProviderProfile.OpenAI(model, catalog),
    };

    private async Task<Session> CreateSessionAsync(ModelChoice choice, AgentThread thread, CancellationToken cancellationToken)
    {
        var profile = ProfileFor(choice.Provider, choice.Model, Catalog);
        choice = choice.WithModel(profile.Model, Catalog);
        foreach (var name in profile.ToolRegistry.Names())
        {
            if (profile.ToolRegistry.Get(name) is { } tool)
            {
                profile.ToolRegistry.Register(HookedTool.Wrap(tool, () => thread.Stage));
            }
        }

        var systemPrompt = await SystemPromptBuilder.BuildAsync(profile, _environment, userInstructions: null, timeProvider: null, cancellationToken).ConfigureAwait(false);
        var config = (_options.SessionConfig ?? new SessionConfig()) with { ReasoningEffort = choice.ReasoningEffort };
        if (choice.Provider is null || string.Equals(choice.Provider, profile.Id, StringComparison.Ordinal))
        {
            // The profile's own constructor adds its provider options (e.g. Anthropic's max_tokens and thinking budget).
            return new Session(_client, profile, _environment, systemPrompt, config);
        }

        // A provider registered under another name (e.g. an OpenAI-compatible endpoint): the profile's tools and prompt only.
        if (config.ContextWindowSize is null)
        {
            config = config with { ContextWindowSize = profile.ContextWindowSize };
        }

        return new Session(_client, choice.Provider, profile.Model, _environment, profile.ToolRegistry, systemPrompt, config);
    }

    private ToolHooks HooksFor(CodergenRequest request)
    {
        // Node, else graph; a request built without the graph still finds the graph's hooks in the context (graph.<name>).
        var resolved = ToolHooks.For(request.Graph, request.Node);
        var pre = FirstNonBlank(resolved.PreCommand, request.Context.GetString("graph." + AttributeNames.ToolHooksPre));
        var post = FirstNonBlank(resolved.PostCommand, request.Context.GetString("graph." + AttributeNames.ToolHooksPost));
        return new ToolHooks(pre, post) { WorkingDirectory = _workingDirectory };
    }

    private static string RunId(CodergenRequest request) => request.Context.GetString("internal.run_id");

    private static string? FirstNonBlank(string? first, string? second) =>
        !string.IsNullOrWhiteSpace(first) ? first : !string.IsNullOrWhiteSpace(second) ? second : null;
}
