// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Agent.Patching;
using Attractor.Llm;

namespace Attractor.Agent;

/// <summary>The built-in provider profiles (spec §3.4–3.6); create one with <see cref="OpenAI"/>, <see cref="Anthropic"/> or <see cref="Gemini"/>.</summary>
public sealed class ProviderProfile : IProviderProfile
{
    /// <summary>The file every profile loads from the project (spec §6.5).</summary>
    public const string AgentsFileName = "AGENTS.md";

    // Used when the catalog does not know the model: a conservative window that every current model exceeds.
    private const int FallbackContextWindow = 128_000;

    private ProviderProfile(string id, string model, ModelCatalog? catalog, string baseInstructions, string providerDocument, IEnumerable<AgentTool> tools)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        Id = id;
        Model = model;
        BaseInstructions = baseInstructions;
        ProjectDocumentNames = [AgentsFileName, providerDocument];
        var info = (catalog ?? ModelCatalog.Default).GetModelInfo(model);
        ModelDisplayName = info?.DisplayName ?? model;
        ContextWindowSize = info?.ContextWindow ?? FallbackContextWindow;
        SupportsReasoning = info?.SupportsReasoning ?? false;
        foreach (var tool in tools)
        {
            ToolRegistry.Register(tool);
        }
    }

    /// <inheritdoc/>
    public string Id { get; }

    /// <inheritdoc/>
    public string Model { get; }

    /// <summary>Gets the model's display name from the catalog, or the model id when the catalog does not know it.</summary>
    public string ModelDisplayName { get; }

    /// <inheritdoc/>
    public ToolRegistry ToolRegistry { get; } = new();

    /// <inheritdoc/>
    public string BaseInstructions { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> ProjectDocumentNames { get; }

    /// <inheritdoc/>
    public bool SupportsReasoning { get; }

    /// <inheritdoc/>
    public bool SupportsStreaming => true;

    /// <inheritdoc/>
    public bool SupportsParallelToolCalls => true;

    /// <inheritdoc/>
    public int ContextWindowSize { get; }

    /// <summary>Creates the codex-aligned OpenAI profile: read_file, apply_patch, write_file, shell (10 s), grep, glob.</summary>
    /// <param name="model">The model identifier, for example <c>gpt-5.2-codex</c>.</param>
    /// <param name="catalog">The catalog for capability flags; <see cref="ModelCatalog.Default"/> when <see langword="null"/>.</param>
    /// <returns>The profile.</returns>
    public static ProviderProfile OpenAI(string model = "gpt-5.2-codex", ModelCatalog? catalog = null) =>
        new("openai", model, catalog, BaseInstructionTexts.OpenAI, ".codex/instructions.md",
            [CoreTools.ReadFile(), ApplyPatchTool.Create(), CoreTools.WriteFile(), CoreTools.Shell(new ShellToolOptions { DefaultTimeout = TimeSpan.FromSeconds(10) }), CoreTools.Grep(), CoreTools.Glob()]);

    /// <summary>Creates the Claude-Code-aligned Anthropic profile: read_file, write_file, edit_file, shell (120 s), grep, glob.</summary>
    /// <param name="model">The model identifier, for example <c>claude-opus-4-6</c>.</param>
    /// <param name="catalog">The catalog for capability flags; <see cref="ModelCatalog.Default"/> when <see langword="null"/>.</param>
    /// <returns>The profile.</returns>
    public static ProviderProfile Anthropic(string model = "claude-opus-4-6", ModelCatalog? catalog = null) =>
        new("anthropic", model, catalog, BaseInstructionTexts.Anthropic, "CLAUDE.md",
            [CoreTools.ReadFile(), CoreTools.WriteFile(), CoreTools.EditFile(), CoreTools.Shell(new ShellToolOptions { DefaultTimeout = TimeSpan.FromSeconds(120) }), CoreTools.Grep(), CoreTools.Glob()]);

    /// <summary>Creates the gemini-cli-aligned Gemini profile: read_file, write_file, edit_file, shell (10 s), grep, glob.</summary>
    /// <param name="model">The model identifier, for example <c>gemini-3-pro-preview</c>.</param>
    /// <param name="catalog">The catalog for capability flags; <see cref="ModelCatalog.Default"/> when <see langword="null"/>.</param>
    /// <returns>The profile.</returns>
    public static ProviderProfile Gemini(string model = "gemini-3-pro-preview", ModelCatalog? catalog = null) =>
        new("gemini", model, catalog, BaseInstructionTexts.Gemini, "GEMINI.md",
            [CoreTools.ReadFile(), CoreTools.WriteFile(), CoreTools.EditFile(), CoreTools.Shell(new ShellToolOptions { DefaultTimeout = TimeSpan.FromSeconds(10) }), CoreTools.Grep(), CoreTools.Glob()]);

    /// <inheritdoc/>
    public IReadOnlyList<ToolDefinition> Tools() => ToolRegistry.Definitions();

    /// <inheritdoc/>
    public string BuildSystemPrompt(EnvironmentContext environment, string projectDocuments, string? userInstructions) =>
        SystemPromptBuilder.Build(BaseInstructions, environment, Tools(), projectDocuments, userInstructions);
}
