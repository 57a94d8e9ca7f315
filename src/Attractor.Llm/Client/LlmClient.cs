// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// Routes requests to provider adapters by <see cref="Request.Provider"/> (or the default provider) through the
/// middleware chain. Holds no per-request state: safe for concurrent use. Never retries; the high-level API does.
/// </summary>
public sealed partial class LlmClient : IDisposable
{
    private static LlmClient? defaultClient;
    private static readonly Lock DefaultLock = new();

    private readonly Dictionary<string, IProviderAdapter> providers;
    private readonly ILlmMiddleware[] middleware;

    /// <summary>Initializes a client with explicit adapters.</summary>
    /// <param name="providers">The adapters; each routes by its <see cref="IProviderAdapter.Name"/>.</param>
    /// <param name="defaultProvider">The provider for requests that name none; null means such requests fail.</param>
    /// <param name="middleware">The middleware, outermost first.</param>
    /// <exception cref="ConfigurationException">Two adapters share a name, or the default provider is not registered.</exception>
    public LlmClient(IEnumerable<IProviderAdapter> providers, string? defaultProvider = null, IEnumerable<ILlmMiddleware>? middleware = null)
    {
        ArgumentNullException.ThrowIfNull(providers);
        this.providers = new Dictionary<string, IProviderAdapter>(StringComparer.Ordinal);
        foreach (var adapter in providers)
        {
            if (!this.providers.TryAdd(adapter.Name, adapter))
            {
                throw new ConfigurationException($"Two provider adapters are named '{adapter.Name}'; provider names must be unique.");
            }
        }

        if (defaultProvider is not null && !this.providers.ContainsKey(defaultProvider))
        {
            throw new ConfigurationException($"The default provider '{defaultProvider}' is not registered (registered: {Describe(this.providers.Keys)}).");
        }

        DefaultProvider = defaultProvider;
        this.middleware = [.. middleware ?? []];
    }

    /// <summary>Gets the registered adapters by name.</summary>
    public IReadOnlyDictionary<string, IProviderAdapter> Providers => providers;

    /// <summary>Gets the provider used when a request names none.</summary>
    public string? DefaultProvider { get; }

    /// <summary>
    /// Gets or sets the module-level client the high-level API uses when none is passed. Created from the
    /// environment (<see cref="FromEnv"/>) on first use.
    /// </summary>
    public static LlmClient Default
    {
        get
        {
            lock (DefaultLock)
            {
                return defaultClient ??= FromEnv();
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (DefaultLock)
            {
                defaultClient = value;
            }
        }
    }

    /// <summary>Replaces the module-level default client.</summary>
    /// <param name="client">The client.</param>
    public static void SetDefault(LlmClient client) => Default = client;

    /// <summary>Sends a request to its provider and returns the whole response. Does not retry.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response.</returns>
    /// <exception cref="ConfigurationException">No provider is named and there is no default, or the named one is not registered.</exception>
    /// <exception cref="LlmException">The provider or transport failed.</exception>
    public Task<Response> CompleteAsync(Request request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var adapter = Resolve(request);
        CompleteNext next = adapter.CompleteAsync;
        for (var i = middleware.Length - 1; i >= 0; i--)
        {
            var current = middleware[i];
            var inner = next;
            next = (r, ct) => current.CompleteAsync(r, inner, ct);
        }

        return next(request, cancellationToken);
    }

    /// <summary>Sends a request to its provider and yields its normalized events. Does not retry.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The events, ending with <see cref="StreamEventType.Finish"/>.</returns>
    /// <exception cref="ConfigurationException">No provider is named and there is no default, or the named one is not registered.</exception>
    public IAsyncEnumerable<StreamEvent> StreamAsync(Request request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var adapter = Resolve(request);
        StreamNext next = adapter.StreamAsync;
        for (var i = middleware.Length - 1; i >= 0; i--)
        {
            var current = middleware[i];
            var inner = next;
            next = (r, ct) => current.StreamAsync(r, inner, ct);
        }

        return next(request, cancellationToken);
    }

    /// <summary>Finds the adapter a request routes to.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The adapter.</returns>
    /// <exception cref="ConfigurationException">No provider is named and there is no default, or the named one is not registered.</exception>
    public IProviderAdapter Resolve(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Provider ?? DefaultProvider
            ?? throw new ConfigurationException(providers.Count == 0
                ? "No LLM provider is configured: set OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY, or register an adapter."
                : $"The request names no provider and the client has no default provider (registered: {Describe(providers.Keys)}).");
        return providers.TryGetValue(name, out var adapter)
            ? adapter
            : throw new ConfigurationException($"Provider '{name}' is not registered (registered: {Describe(providers.Keys)}).");
    }

    /// <summary>Disposes the adapters that own resources.</summary>
    public void Dispose()
    {
        foreach (var adapter in providers.Values)
        {
            (adapter as IDisposable)?.Dispose();
        }
    }

    private static string Describe(IEnumerable<string> names)
    {
        var list = string.Join(", ", names.Order(StringComparer.Ordinal));
        return list.Length == 0 ? "none" : list;
    }
}
