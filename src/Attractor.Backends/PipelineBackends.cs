// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Backends.Harness;
using Attractor.Llm;
using Attractor.Pipelines;
using Attractor.Pipelines.Backends;

namespace Attractor.Backends;

/// <summary>
/// Creates pipeline backends by name for the CLI, MSBuild and the server: <c>simulate</c>, <c>llm</c>,
/// <c>agent</c> (direct API) and <c>claude-code</c>, <c>codex</c>, <c>gemini-cli</c> (coding CLIs).
/// </summary>
public static class PipelineBackends
{
    /// <summary>No LLM: codergen nodes get a simulated response.</summary>
    public const string Simulate = "simulate";

    /// <summary>One LLM call per node through the unified client (<see cref="LlmCodergenBackend"/>).</summary>
    public const string Llm = "llm";

    /// <summary>A coding-agent session per node (<see cref="AgentCodergenBackend"/>).</summary>
    public const string Agent = "agent";

    /// <summary>The Claude Code CLI as a subprocess (<see cref="HarnessBackend.ClaudeCode"/>).</summary>
    public const string ClaudeCode = HarnessBackend.ClaudeCodeName;

    /// <summary>The Codex CLI as a subprocess (<see cref="HarnessBackend.Codex"/>).</summary>
    public const string Codex = HarnessBackend.CodexName;

    /// <summary>The Gemini CLI as a subprocess (<see cref="HarnessBackend.GeminiCli"/>).</summary>
    public const string GeminiCli = HarnessBackend.GeminiCliName;

    /// <summary>The provider API key variables <see cref="LlmClient.FromEnv"/> reads, in its default-provider order.</summary>
    private static readonly (string Provider, string Variable)[] KeyVariables =
    [
        ("openai", "OPENAI_API_KEY"),
        ("anthropic", "ANTHROPIC_API_KEY"),
        ("gemini", "GEMINI_API_KEY"),
    ];

    /// <summary>Gets the backend names, in the order to show them.</summary>
    public static IReadOnlyList<string> Names { get; } = [Simulate, Llm, Agent, ClaudeCode, Codex, GeminiCli];

    /// <summary>
    /// Gets the retry rule for runs on these backends (set it as <c>PipelineRunOptions.ErrorClassifier</c>): a failure is
    /// retried exactly when its taxonomy says so (auth and config never, 429/5xx/transport/timeouts yes).
    /// </summary>
    public static ErrorClassifier ErrorClassifier => BackendRetryRule.Classifier;

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
            case "CLAUDE-CODE":
            case "CODEX":
            case "GEMINI-CLI":
                // The CLI owns model and provider choice and reads its own credentials: nothing to check here.
                // A CLI that is not installed fails its first attempt as a config error naming what to install.
                return HarnessBackend.Create(name.Trim().ToLowerInvariant(), new HarnessBackendOptions { WorkingDirectory = options.WorkingDirectory });
            default:
                throw new ArgumentException($"Unknown backend '{name}'. Valid backends: {string.Join(", ", Names)}.", nameof(name));
        }
    }

    /// <summary>
    /// Creates the backend of a whole run: a <see cref="BackendRouter"/> that runs each node on the backend it selects
    /// (node, stylesheet or graph <c>llm_backend</c>) and the others on <paramref name="defaultName"/>. The default backend
    /// is created now, so a missing key stops the run before it starts; the others when a node first uses them.
    /// </summary>
    /// <param name="defaultName">The run's backend, a name of <see cref="Names"/> (case-insensitive).</param>
    /// <param name="options">Workspace, client or environment, defaults and the agent event callback.</param>
    /// <param name="telemetry">Where attempts are observed; null for <see cref="BackendTelemetry.Shared"/>.</param>
    /// <returns>The router; dispose it after the run (it disposes the backends it holds).</returns>
    /// <exception cref="ArgumentException">The default name is not a backend.</exception>
    /// <exception cref="BackendConfigurationException">The default backend needs a provider API key that is not set.</exception>
    public static BackendRouter CreateRouter(string defaultName, PipelineBackendOptions options, BackendTelemetry? telemetry = null)
    {
        ArgumentNullException.ThrowIfNull(defaultName);
        ArgumentNullException.ThrowIfNull(options);
        var name = defaultName.Trim().ToLowerInvariant();
        var backend = Create(name, options);
        var router = new BackendRouter(name, other => Create(other, options), telemetry);
        router.Use(name, backend);
        return router;
    }

    /// <summary>The default backend: <c>agent</c> when a provider API key is set, else <c>simulate</c>.</summary>
    /// <param name="getEnvironmentVariable">Reads a variable; null reads the process environment.</param>
    /// <returns><see cref="Agent"/> or <see cref="Simulate"/>.</returns>
    public static string DefaultName(Func<string, string?>? getEnvironmentVariable = null)
    {
        getEnvironmentVariable ??= Environment.GetEnvironmentVariable;
        return HasAnyKey(getEnvironmentVariable) ? Agent : Simulate;
    }

    /// <summary>
    /// Disposes a backend that holds resources (an LLM client it created, agent sessions, a router's
    /// backends); one that holds none, or null, is left as it is.
    /// </summary>
    /// <param name="backend">The backend, or null.</param>
    /// <returns>A task that completes when it is disposed.</returns>
    public static async ValueTask DisposeAsync(ICodergenBackend? backend)
    {
        switch (backend)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
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
