// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm;
using Attractor.Pipelines.Backends;

namespace Attractor.Backends;

/// <summary>Creates pipeline backends by name for the CLI and MSBuild: <c>simulate</c>, <c>llm</c> or <c>agent</c>.</summary>
public static class PipelineBackends
{
    /// <summary>No LLM: codergen nodes get a simulated response.</summary>
    public const string Simulate = "simulate";

    /// <summary>One LLM call per node through the unified client (<see cref="LlmCodergenBackend"/>).</summary>
    public const string Llm = "llm";

    /// <summary>A coding-agent session per node (<see cref="AgentCodergenBackend"/>).</summary>
    public const string Agent = "agent";

    /// <summary>The provider API key variables <see cref="LlmClient.FromEnv"/> reads, in its default-provider order.</summary>
    private static readonly (string Provider, string Variable)[] KeyVariables =
    [
        ("openai", "OPENAI_API_KEY"),
        ("anthropic", "ANTHROPIC_API_KEY"),
        ("gemini", "GEMINI_API_KEY"),
    ];

    /// <summary>Gets the backend names, in the order to show them.</summary>
    public static IReadOnlyList<string> Names { get; } = [Simulate, Llm, Agent];

    /// <summary>Creates a backend; dispose the result when it implements <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/>.</summary>
    /// <param name="name">A name of <see cref="Names"/> (case-insensitive).</param>
    /// <param name="options">Workspace, client or environment, defaults and the agent event callback.</param>
    /// <returns>The backend; null for <c>simulate</c>.</returns>
    /// <exception cref="ArgumentException">The name is not a backend; the message lists the valid ones.</exception>
    /// <exception cref="BackendConfigurationException">No provider API key is set (the message names the variables), or the
    /// requested provider's key is missing.</exception>
    public static ICodergenBackend? Create(string name, PipelineBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        switch (name.Trim().ToUpperInvariant())
        {
            case "SIMULATE":
                return null;
            case "LLM":
                return new LlmCodergenBackend(options);
            case "AGENT":
                return new AgentCodergenBackend(options);
            default:
                throw new ArgumentException($"Unknown backend '{name}'. Valid backends: {string.Join(", ", Names)}.", nameof(name));
        }
    }

    /// <summary>The default backend: <c>agent</c> when a provider API key is set, else <c>simulate</c>.</summary>
    /// <param name="getEnvironmentVariable">Reads a variable; null reads the process environment.</param>
    /// <returns><see cref="Agent"/> or <see cref="Simulate"/>.</returns>
    public static string DefaultName(Func<string, string?>? getEnvironmentVariable = null)
    {
        getEnvironmentVariable ??= Environment.GetEnvironmentVariable;
        return HasAnyKey(getEnvironmentVariable) ? Agent : Simulate;
    }

    /// <summary>The options' client, or one created from the environment (then owned by the backend).</summary>
    internal static (LlmClient Client, bool Owned) ResolveClient(PipelineBackendOptions options, string backendName)
    {
        if (options.Client is { } given)
        {
            return (given, false);
        }

        var environment = options.GetEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        if (!HasAnyKey(environment))
        {
            var variables = string.Join(", ", KeyVariables[..^1].Select(static pair => pair.Variable)) + " or " + KeyVariables[^1].Variable;
            throw new BackendConfigurationException(
                $"The '{backendName}' backend needs an LLM provider API key: set {variables} (or use --backend {Simulate}).",
                variableName: null);
        }

        LlmClient client;
        try
        {
            client = LlmClient.FromEnv(environment);
        }
        catch (ConfigurationException exception)
        {
            throw new BackendConfigurationException(exception.Message, exception);
        }

        if (options.Provider is { } provider && !string.IsNullOrWhiteSpace(provider) && !client.Providers.ContainsKey(provider.Trim()))
        {
            client.Dispose();
            var variable = KeyVariables.FirstOrDefault(pair => string.Equals(pair.Provider, provider.Trim(), StringComparison.OrdinalIgnoreCase)).Variable;
            throw variable is null
                ? new BackendConfigurationException($"Unknown provider '{provider}'. Known providers: {string.Join(", ", KeyVariables.Select(static pair => pair.Provider))}.", variableName: null)
                : new BackendConfigurationException($"The provider '{provider}' needs an API key: set {variable}.", variable);
        }

        return (client, true);
    }

    private static bool HasAnyKey(Func<string, string?> environment) =>
        KeyVariables.Any(pair => !string.IsNullOrWhiteSpace(environment(pair.Variable)))
        || !string.IsNullOrWhiteSpace(environment("GOOGLE_API_KEY"));
}
