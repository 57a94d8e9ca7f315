// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;

namespace Attractor.Dot.Stylesheets;

/// <summary>The stylesheet properties of attractor-spec §8.4 and the aliases real pipelines use.</summary>
public static class StylesheetProperties
{
    /// <summary>
    /// Gets the properties a stylesheet sets, which are also the node attributes they set: the three
    /// of §8.4 and <c>llm_backend</c>, which chooses the backend that runs a node's LLM work.
    /// </summary>
    public static IReadOnlyList<string> All { get; } = new[] { AttributeNames.LlmModel, AttributeNames.LlmProvider, AttributeNames.ReasoningEffort, AttributeNames.LlmBackend };

    /// <summary>Gets the values §8.4 allows for <c>reasoning_effort</c>.</summary>
    public static IReadOnlyList<string> ReasoningEfforts { get; } = new[] { "low", "medium", "high" };

    /// <summary>Returns whether a canonical property name is one of <see cref="All"/>.</summary>
    /// <param name="name">The property name.</param>
    public static bool IsKnown(string? name) =>
        name is AttributeNames.LlmModel or AttributeNames.LlmProvider or AttributeNames.ReasoningEffort or AttributeNames.LlmBackend;

    /// <summary>Returns whether a value is a valid <c>reasoning_effort</c> (case-sensitive).</summary>
    /// <param name="value">The value.</param>
    public static bool IsValidReasoningEffort(string? value) => value is "low" or "medium" or "high";

    /// <summary>
    /// Maps a property as written to the node attribute it sets. <c>model</c> and <c>provider</c>,
    /// which other implementations accept, map to <c>llm_model</c> and <c>llm_provider</c>.
    /// </summary>
    /// <param name="property">The property as written.</param>
    /// <param name="isAlias">Set when <paramref name="property"/> is an alias.</param>
    /// <returns>The canonical name, or null when the property is unknown.</returns>
    public static string? Canonicalize(string? property, out bool isAlias)
    {
        isAlias = false;
        switch (property)
        {
            case AttributeNames.LlmModel:
            case AttributeNames.LlmProvider:
            case AttributeNames.ReasoningEffort:
            case AttributeNames.LlmBackend:
                return property;
            case "model":
                isAlias = true;
                return AttributeNames.LlmModel;
            case "provider":
                isAlias = true;
                return AttributeNames.LlmProvider;
            default:
                return null;
        }
    }
}
