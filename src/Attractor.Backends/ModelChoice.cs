// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Llm;

namespace Attractor.Backends;

/// <summary>
/// The provider, model and reasoning effort a node runs with: the node's <c>llm_provider</c>, <c>llm_model</c> and
/// <c>reasoning_effort</c> (already set by the model stylesheet), else the backend's defaults.
/// </summary>
/// <param name="Provider">The provider name registered in the client; null uses the client's default.</param>
/// <param name="Model">The model id; null lets the backend pick its default for the provider.</param>
/// <param name="ReasoningEffort">low, medium or high; null sends none.</param>
internal sealed record ModelChoice(string? Provider, string? Model, string? ReasoningEffort)
{
    /// <summary>The spec's default reasoning effort (§2.6 node attributes), sent to models the catalog says reason.</summary>
    public const string DefaultReasoningEffort = "high";

    /// <summary>Resolves a node's choice.</summary>
    /// <param name="node">The node, after the stylesheet.</param>
    /// <param name="defaultProvider">The backend's provider for nodes without one.</param>
    /// <param name="defaultModel">The backend's model for nodes without one.</param>
    /// <param name="clientDefaultProvider">The client's default provider.</param>
    /// <param name="catalog">The model catalog (provider of a model, reasoning support).</param>
    public static ModelChoice Resolve(PipelineNode node, string? defaultProvider, string? defaultModel, string? clientDefaultProvider, ModelCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(catalog);
        var nodeModel = NonBlank(node.LlmModel);
        var provider = NonBlank(node.LlmProvider)
            ?? (nodeModel is null ? null : catalog.GetModelInfo(nodeModel)?.Provider)
            ?? NonBlank(defaultProvider)
            ?? (NonBlank(defaultModel) is { } model ? catalog.GetModelInfo(model)?.Provider : null)
            ?? clientDefaultProvider;

        // The backend's default model belongs to one provider; a node that switched provider gets that provider's default instead.
        var fallbackModel = NonBlank(defaultModel);
        if (fallbackModel is not null && provider is not null
            && catalog.GetModelInfo(fallbackModel) is { } fallbackInfo
            && !string.Equals(fallbackInfo.Provider, provider, StringComparison.OrdinalIgnoreCase))
        {
            fallbackModel = null;
        }

        var chosenModel = nodeModel ?? fallbackModel;
        var effort = NonBlank(node.Attributes.GetString(AttributeNames.ReasoningEffort));
        if (effort is null && chosenModel is not null && catalog.GetModelInfo(chosenModel) is { SupportsReasoning: true })
        {
            effort = DefaultReasoningEffort;
        }

        return new ModelChoice(provider, chosenModel, effort);
    }

    /// <summary>Fills in the model when none was chosen, then the default reasoning effort for a reasoning model.</summary>
    /// <param name="model">The backend's default model for the provider.</param>
    /// <param name="catalog">The model catalog.</param>
    public ModelChoice WithModel(string model, ModelCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (Model is not null)
        {
            return this;
        }

        var effort = ReasoningEffort ?? (catalog.GetModelInfo(model) is { SupportsReasoning: true } ? DefaultReasoningEffort : null);
        return this with { Model = model, ReasoningEffort = effort };
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
