// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
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
public sealed class LlmCodergenBackend : ICodergenBackend, IDisposable
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

    /// <inheritdoc />
    public async Task<CodergenResult> RunAsync(CodergenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var choice = ModelChoice.Resolve(request.Node, Provider, Model, _client.DefaultProvider, Catalog);
        if (choice.Model is null && choice.Provider is not null && Catalog.GetLatestModel(choice.Provider) is { } latest)
        {
            choice = choice.WithModel(latest.Id, Catalog);
        }

        var threadKey = string.Equals(request.Fidelity.Mode, FidelityResolver.Full, StringComparison.Ordinal) ? request.Fidelity.ThreadKey : null;
        // Keyed by run too: a backend shared by several runs (e.g. a server) must not mix their conversations.
        var thread = threadKey is null ? new LlmThread() : _threads.GetOrAdd(request.Context.GetString("internal.run_id") + "\n" + threadKey, static _ => new LlmThread());
        await thread.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var input = thread.Messages.Count == 0
                ? FidelityPreamble.Build(request.Fidelity.Mode, request.Context) + request.Prompt
                : request.Prompt;
            var messages = new List<Message>(thread.Messages) { Message.User(input) };
            var result = await LlmApi.GenerateAsync(
                new GenerateOptions
                {
                    Client = _client,
                    Provider = choice.Provider,
                    Model = choice.Model,
                    ReasoningEffort = choice.ReasoningEffort,
                    Messages = messages,
                    MaxTokens = MaxTokens,
                },
                cancellationToken).ConfigureAwait(false);
            if (threadKey is not null)
            {
                thread.Messages.Add(messages[^1]);
                thread.Messages.Add(result.Response.Message);
            }

            return CodergenResult.FromText(result.Text);
        }
        finally
        {
            thread.Gate.Release();
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
