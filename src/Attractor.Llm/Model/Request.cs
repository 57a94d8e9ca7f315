// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;

namespace Attractor.Llm;

/// <summary>The single input of <see cref="IProviderAdapter.CompleteAsync"/> and <see cref="IProviderAdapter.StreamAsync"/>.</summary>
public sealed record Request
{
    /// <summary>Gets the provider's native model id (e.g. <c>gpt-5.2</c>, <c>claude-opus-4-6</c>).</summary>
    public required string Model { get; init; }

    /// <summary>Gets the conversation.</summary>
    public required IReadOnlyList<Message> Messages { get; init; }

    /// <summary>Gets the provider to route to; null uses the client's default.</summary>
    public string? Provider { get; init; }

    /// <summary>Gets the tools the model may call.</summary>
    public IReadOnlyList<ToolDefinition>? Tools { get; init; }

    /// <summary>Gets the tool choice; null means <see cref="ToolChoice.Auto"/> when tools are present.</summary>
    public ToolChoice? ToolChoice { get; init; }

    /// <summary>Gets the output format.</summary>
    public ResponseFormat? ResponseFormat { get; init; }

    /// <summary>Gets the sampling temperature.</summary>
    public double? Temperature { get; init; }

    /// <summary>Gets the nucleus sampling mass.</summary>
    public double? TopP { get; init; }

    /// <summary>Gets the output token limit.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Gets the stop sequences.</summary>
    public IReadOnlyList<string>? StopSequences { get; init; }

    /// <summary>Gets <c>low</c>, <c>medium</c> or <c>high</c>; null leaves the provider's default (the parameter is omitted).</summary>
    public string? ReasoningEffort { get; init; }

    /// <summary>Gets arbitrary key-value pairs passed to providers that accept metadata.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>
    /// Gets the escape hatch for provider-specific parameters, keyed by provider name
    /// (<c>{"anthropic": {"thinking": {...}, "beta_headers": [...]}}</c>). Each adapter reads its own key and
    /// merges it into the request body; adapters never modify this object. Code using it is not portable.
    /// </summary>
    public JsonObject? ProviderOptions { get; init; }
}
