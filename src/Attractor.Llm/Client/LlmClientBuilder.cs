// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>
/// Composes an <see cref="LlmClient"/> in the Microsoft.Extensions.AI builder style: providers, a default provider,
/// and middleware where the first added is the outermost (it sees the request first and the response last).
/// </summary>
public sealed class LlmClientBuilder
{
    private readonly List<IProviderAdapter> providers = [];
    private readonly List<Func<LlmClientBuilder, ILlmMiddleware>> middleware = [];
    private string? defaultProvider;

    /// <summary>Gets the default provider: the one named by <see cref="UseDefaultProvider"/>, else the first added.</summary>
    public string? DefaultProvider => defaultProvider ?? (providers.Count > 0 ? providers[0].Name : null);

    /// <summary>Adds a provider adapter.</summary>
    /// <param name="adapter">The adapter.</param>
    /// <returns>This builder.</returns>
    public LlmClientBuilder AddProvider(IProviderAdapter adapter)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        providers.Add(adapter);
        return this;
    }

    /// <summary>Names the provider used by requests that name none.</summary>
    /// <param name="name">The provider name.</param>
    /// <returns>This builder.</returns>
    public LlmClientBuilder UseDefaultProvider(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        defaultProvider = name;
        return this;
    }

    /// <summary>Adds a middleware inside the ones added before it.</summary>
    /// <param name="middleware">The middleware.</param>
    /// <returns>This builder.</returns>
    public LlmClientBuilder Use(ILlmMiddleware middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        return Use(_ => middleware);
    }

    /// <summary>Adds a middleware created when the client is built (it may read the builder, e.g. <see cref="DefaultProvider"/>).</summary>
    /// <param name="factory">Creates the middleware.</param>
    /// <returns>This builder.</returns>
    public LlmClientBuilder Use(Func<LlmClientBuilder, ILlmMiddleware> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        middleware.Add(factory);
        return this;
    }

    /// <summary>Builds the client.</summary>
    /// <returns>The client.</returns>
    /// <exception cref="ConfigurationException">Two providers share a name, or the default provider is not registered.</exception>
    public LlmClient Build() => new(providers, DefaultProvider, [.. middleware.Select(create => create(this))]);
}
