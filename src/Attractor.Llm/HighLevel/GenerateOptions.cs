// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace Attractor.Llm;

/// <summary>
/// The parameters of the high-level calls (<see cref="Llm"/>). Give either <see cref="Prompt"/> or
/// <see cref="Messages"/>, not both.
/// </summary>
public sealed record GenerateOptions
{
    /// <summary>
    /// Gets the model id. Null picks the newest catalog model (<see cref="ModelCatalog.GetLatestModel"/>) of
    /// <see cref="Provider"/>, or of the client's default provider.
    /// </summary>
    public string? Model { get; init; }

    /// <summary>Gets a simple prompt, sent as one user message.</summary>
    public string? Prompt { get; init; }

    /// <summary>Gets the full conversation.</summary>
    public IReadOnlyList<Message>? Messages { get; init; }

    /// <summary>Gets the system instructions, prepended as a system message.</summary>
    public string? System { get; init; }

    /// <summary>Gets the tools; active ones (with a handler) are executed automatically.</summary>
    public IReadOnlyList<Tool>? Tools { get; init; }

    /// <summary>Gets how the model may use the tools.</summary>
    public ToolChoice? ToolChoice { get; init; }

    /// <summary>
    /// Gets how many times tool calls are executed and their results sent back; 0 never executes tools. At most
    /// <c>MaxToolRounds + 1</c> LLM calls are made. Default 1.
    /// </summary>
    public int MaxToolRounds { get; init; } = 1;

    /// <summary>Gets a condition checked after each step that executed tools; true ends the loop.</summary>
    public Func<IReadOnlyList<StepResult>, bool>? StopWhen { get; init; }

    /// <summary>Gets the response format (text, JSON, JSON schema).</summary>
    public ResponseFormat? ResponseFormat { get; init; }

    /// <summary>Gets the sampling temperature.</summary>
    public double? Temperature { get; init; }

    /// <summary>Gets the nucleus sampling mass.</summary>
    public double? TopP { get; init; }

    /// <summary>Gets the maximum output tokens per step.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Gets sequences that stop generation.</summary>
    public IReadOnlyList<string>? StopSequences { get; init; }

    /// <summary>Gets the reasoning effort (<c>low</c>, <c>medium</c>, <c>high</c>).</summary>
    public string? ReasoningEffort { get; init; }

    /// <summary>Gets the provider; null uses the client's default provider.</summary>
    public string? Provider { get; init; }

    /// <summary>Gets provider-specific options, keyed by provider name.</summary>
    public JsonObject? ProviderOptions { get; init; }

    /// <summary>Gets request metadata passed to the provider where supported.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Gets the retries per LLM call for transient errors (default 2; 0 disables). Ignored when <see cref="RetryPolicy"/> is set.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>Gets the full retry policy; overrides <see cref="MaxRetries"/>.</summary>
    public RetryPolicy? RetryPolicy { get; init; }

    /// <summary>Gets the time limits (a <see cref="TimeSpan"/> converts to a total timeout).</summary>
    public TimeoutConfig? Timeout { get; init; }

    /// <summary>Gets the client; null uses <see cref="LlmClient.Default"/>.</summary>
    public LlmClient? Client { get; init; }

    /// <summary>Gets a hook that tries to fix tool call arguments that fail to parse or validate.</summary>
    public ToolCallRepair? RepairToolCall { get; init; }

    /// <summary>Gets the clock for timeouts and retry delays; null is <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider? TimeProvider { get; init; }
}
