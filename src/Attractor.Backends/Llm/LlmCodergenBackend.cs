// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Attractor.Llm;
using Attractor.Pipelines;
using Attractor.Pipelines.Backends;
using LlmApi = Attractor.Llm.Llm;

namespace Attractor.Backends;

/// <summary>
/// Runs a codergen node as one LLM call through the unified client (<c>Llm.GenerateAsync</c>, with its retries):
/// the node's <c>llm_provider</c> / <c>llm_model</c> / <c>reasoning_effort</c> (after the stylesheet) select the
/// model, else the backend's defaults. A fresh conversation starts with the §5.4 fidelity preamble; under
/// <c>full</c> fidelity the conversation of the node's thread continues.
/// </summary>
public sealed class LlmCodergenBackend : IPipelineBackend, IDisposable
{
    private readonly LlmClient _client;
    private readonly bool _ownsClient;
    private readonly ConcurrentDictionary<string, LlmThread> _threads = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="LlmCodergenBackend"/> class.</summary>
    /// <param name="options">The client (null: from the environment) and the default provider and model.</param>
    /// <exception cref="BackendConfigurationException">No client was given and no provider API key is set.</exception>
    public LlmCodergenBackend(PipelineBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        (_client, _ownsClient) = PipelineBackends.ResolveClient(options, PipelineBackends.Llm);
        Provider = options.Provider;
        Model = options.Model;
    }

    /// <summary>Gets the provider for nodes without <c>llm_provider</c>; null uses the client's default.</summary>
    public string? Provider { get; }

    /// <summary>Gets the model for nodes without <c>llm_model</c>; null uses the catalog's newest model of the provider.</summary>
    public string? Model { get; }

    /// <summary>Gets the model catalog used to find a model's provider and reasoning support (default: <see cref="ModelCatalog.Default"/>).</summary>
    public ModelCatalog Catalog { get; init; } = ModelCatalog.Default;

    /// <summary>Gets the maximum number of tokens of a response; null leaves it to the provider adapter.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Gets the backend name (<c>llm</c>).</summary>
    public string Name => PipelineBackends.Llm;

    /// <inheritdoc />
    public BackendCapabilities Capabilities { get; } = new(TextDeltas: true, Thinking: true, ToolEvents: false, Cost: false, Resume: false);

    /// <summary>Gets how often the client itself retries a failed call before the attempt fails (default 2, as <c>Llm.GenerateAsync</c>); the engine's node retry policy retries on top.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <inheritdoc />
    public Task<CodergenResult> RunAsync(CodergenRequest request, CancellationToken cancellationToken) =>
        PipelineBackendRunner.RunAsync(this, request, onEvent: null, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<BackendEvent> StreamAsync(CodergenRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var choice = ModelChoice.Resolve(request.Node, Provider, Model, _client.DefaultProvider, Catalog);
        if (choice.Model is null && choice.Provider is not null && Catalog.GetLatestModel(choice.Provider) is { } latest)
        {
            choice = choice.WithModel(latest.Id, Catalog);
        }

        var source = new BackendEventSource(Name, request.Node.Id, BackendAttempt.Of(request)) { Provider = choice.Provider, Model = choice.Model };
        var threadKey = string.Equals(request.Fidelity.Mode, FidelityResolver.Full, StringComparison.Ordinal) ? request.Fidelity.ThreadKey : null;
        // Keyed by run too: a backend shared by several runs (e.g. a server) must not mix their conversations.
        var thread = threadKey is null ? new LlmThread() : _threads.GetOrAdd(request.Context.GetString("internal.run_id") + "\n" + threadKey, static _ => new LlmThread());
        if (!await EnterAsync(thread.Gate, cancellationToken).ConfigureAwait(false))
        {
            // Canceled before the request was sent (or while waiting for the thread's previous node).
            yield return new BackendStarted(source);
            yield return new BackendCanceled(source, CancelResult.NotAvailable);
            yield break;
        }

        try
        {
            var input = thread.Messages.Count == 0
                ? FidelityPreamble.Build(request.Fidelity.Mode, request.Context) + request.Prompt
                : request.Prompt;
            var messages = new List<Message>(thread.Messages) { Message.User(input) };
            source = source with { Execution = new ExecutionReference(BackendAttempt.NewReference("llm"), null) };
            yield return new BackendStarted(source);

            var stream = LlmApi.StreamAsync(
                new GenerateOptions
                {
                    Client = _client,
                    Provider = choice.Provider,
                    Model = choice.Model,
                    ReasoningEffort = choice.ReasoningEffort,
                    Messages = messages,
                    MaxTokens = MaxTokens,
                    MaxRetries = MaxRetries,
                },
                cancellationToken);
            var events = stream.GetAsyncEnumerator(cancellationToken);
            BackendEvent? terminal = null;
            try
            {
                while (terminal is null)
                {
                    var (more, error) = await MoveNextAsync(events).ConfigureAwait(false);
                    if (error is not null)
                    {
                        terminal = cancellationToken.IsCancellationRequested
                            ? new BackendCanceled(source, CancelResult.Ok)
                            : new BackendFailed(source, LlmErrorMap.ToBackendError(error), BackendUsage.None);
                        break;
                    }

                    if (!more)
                    {
                        break;
                    }

                    var item = events.Current;
                    switch (item.Type)
                    {
                        case StreamEventType.TextDelta when item.Delta is { Length: > 0 } delta:
                            yield return new BackendDelta(source, delta);
                            break;
                        case StreamEventType.ReasoningDelta when item.ReasoningDelta is { Length: > 0 } reasoning:
                            yield return new BackendThinking(source, reasoning);
                            break;
                        case StreamEventType.Error when item.Error is { } streamError:
                            terminal = new BackendFailed(source, LlmErrorMap.ToBackendError(streamError), BackendUsage.None);
                            break;
                    }
                }
            }
            finally
            {
                await events.DisposeAsync().ConfigureAwait(false);
            }

            if (terminal is null)
            {
                var result = await stream.ResultAsync(CancellationToken.None).ConfigureAwait(false);
                if (threadKey is not null)
                {
                    thread.Messages.Add(messages[^1]);
                    thread.Messages.Add(result.Response.Message);
                }

                var usage = result.TotalUsage;
                var model = string.IsNullOrEmpty(result.Response.Model) ? source.Model : result.Response.Model;
                terminal = new BackendCompleted(source with { Model = model }, result.Text, new BackendUsage(usage.InputTokens, usage.OutputTokens)
                {
                    CachedInputTokens = usage.CacheReadTokens,
                    ReasoningTokens = usage.ReasoningTokens,
                });
            }

            yield return terminal;
        }
        finally
        {
            thread.Gate.Release();
        }
    }

    /// <summary>Enters the thread's gate; false when canceled first.</summary>
    internal static async Task<bool> EnterAsync(SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        try
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task<(bool More, Exception? Error)> MoveNextAsync(IAsyncEnumerator<StreamEvent> events)
    {
        try
        {
            return (await events.MoveNextAsync().ConfigureAwait(false), null);
        }
#pragma warning disable CA1031 // Every failure becomes a classified failed (or canceled) event.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (false, ex);
        }
    }

    /// <summary>Forgets the conversations and disposes the client when the backend owns it.</summary>
    public void Dispose()
    {
        foreach (var thread in _threads.Values)
        {
            thread.Gate.Dispose();
        }

        _threads.Clear();
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    /// <summary>One conversation; nodes of the same thread take turns.</summary>
    private sealed class LlmThread
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public List<Message> Messages { get; } = [];
    }
}
