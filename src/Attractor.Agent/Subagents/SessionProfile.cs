// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using Attractor.Llm;

namespace Attractor.Agent;

/// <summary>
/// A profile as one session sees it: the profile's capabilities and provider options, with the session's own tool
/// registry (the profile's tools plus the subagent tools bound to this session) and possibly another model (a subagent's
/// override).
/// </summary>
/// <param name="inner">The profile.</param>
/// <param name="model">The session's model.</param>
/// <param name="tools">The session's tools.</param>
internal sealed class SessionProfile(IProviderProfile inner, string model, ToolRegistry tools) : IProviderProfile
{
    public string Id => inner.Id;

    public string Model => model;

    public ToolRegistry ToolRegistry => tools;

    public string BaseInstructions => inner.BaseInstructions;

    public IReadOnlyList<string> ProjectDocumentNames => inner.ProjectDocumentNames;

    public bool SupportsReasoning => inner.SupportsReasoning;

    public bool SupportsStreaming => inner.SupportsStreaming;

    public bool SupportsParallelToolCalls => inner.SupportsParallelToolCalls;

    // Another model has another window; the catalog knows it, else the profile's is the best guess.
    public int ContextWindowSize => model == inner.Model ? inner.ContextWindowSize : ModelCatalog.Default.GetModelInfo(model)?.ContextWindow ?? inner.ContextWindowSize;

    public JsonObject? ProviderOptions(string? reasoningEffort) => inner.ProviderOptions(reasoningEffort);

    public IReadOnlyList<ToolDefinition> Tools() => tools.Definitions();

    public string BuildSystemPrompt(EnvironmentContext environment, string projectDocuments, string? userInstructions) =>
        inner is ProviderProfile builtIn
            ? SystemPromptBuilder.Build(builtIn.BaseInstructions, environment, Tools(), projectDocuments, userInstructions)
            : inner.BuildSystemPrompt(environment, projectDocuments, userInstructions);
}
