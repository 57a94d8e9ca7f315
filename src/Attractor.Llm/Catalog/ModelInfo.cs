// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace Attractor.Llm;

/// <summary>A known model: what it is called, who serves it, its limits, capabilities and prices.</summary>
public sealed record ModelInfo
{
    /// <summary>Gets the API identifier (e.g. <c>claude-opus-4-6</c>).</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Gets the provider that serves the model.</summary>
    [JsonPropertyName("provider")]
    public required string Provider { get; init; }

    /// <summary>Gets the human-readable name.</summary>
    [JsonPropertyName("display_name")]
    public required string DisplayName { get; init; }

    /// <summary>Gets the maximum total tokens (input + output).</summary>
    [JsonPropertyName("context_window")]
    public required int ContextWindow { get; init; }

    /// <summary>Gets the maximum output tokens, when known.</summary>
    [JsonPropertyName("max_output")]
    public int? MaxOutput { get; init; }

    /// <summary>Gets whether the model supports tool calling.</summary>
    [JsonPropertyName("supports_tools")]
    public bool SupportsTools { get; init; }

    /// <summary>Gets whether the model accepts images.</summary>
    [JsonPropertyName("supports_vision")]
    public bool SupportsVision { get; init; }

    /// <summary>Gets whether the model produces reasoning tokens.</summary>
    [JsonPropertyName("supports_reasoning")]
    public bool SupportsReasoning { get; init; }

    /// <summary>Gets the price per million input tokens in USD, when known.</summary>
    [JsonPropertyName("input_cost_per_million")]
    public double? InputCostPerMillion { get; init; }

    /// <summary>Gets the price per million output tokens in USD, when known.</summary>
    [JsonPropertyName("output_cost_per_million")]
    public double? OutputCostPerMillion { get; init; }

    /// <summary>Gets shorthand names that resolve to this model.</summary>
    [JsonPropertyName("aliases")]
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Tells whether the model has a capability.</summary>
    /// <param name="capability"><c>tools</c>, <c>vision</c> or <c>reasoning</c> (case-insensitive).</param>
    /// <returns>True when it has it.</returns>
    /// <exception cref="ArgumentException">The capability is not one of those.</exception>
    public bool Supports(string capability)
    {
        ArgumentNullException.ThrowIfNull(capability);
        return capability.ToUpperInvariant() switch
        {
            "TOOLS" => SupportsTools,
            "VISION" => SupportsVision,
            "REASONING" => SupportsReasoning,
            _ => throw new ArgumentException($"Unknown capability '{capability}': use tools, vision or reasoning.", nameof(capability)),
        };
    }
}
