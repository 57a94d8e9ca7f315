// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
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

    // Anthropic requires max_tokens. Claude Code asks for 32k; an unknown model gets a limit every Claude model accepts.
    private const int AnthropicMaxTokens = 32_000;
    private const int AnthropicFallbackMaxTokens = 8_192;

    // Room for the answer and tool calls after thinking; Anthropic requires budget_tokens < max_tokens.
    private const int AnthropicAnswerTokens = 16_000;
    private const int AnthropicMinimumAnswerTokens = 4_096;
    private const int AnthropicMinimumThinkingBudget = 1_024;
    private const int OneMillionTokens = 1_000_000;

    private ProviderProfile(string id, string model, ModelCatalog? catalog, string baseInstructions, string providerDocument, IEnumerable<AgentTool> tools)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        Id = id;
        Model = model;
        BaseInstructions = baseInstructions;
        ProjectDocumentNames = [AgentsFileName, providerDocument];
        var info = (catalog ?? ModelCatalog.Default).GetModelInfo(model);
        _maxOutputTokens = info?.MaxOutput;
        ModelDisplayName = info?.DisplayName ?? model;
        ContextWindowSize = info?.ContextWindow ?? FallbackContextWindow;
        SupportsReasoning = info?.SupportsReasoning ?? false;
        foreach (var tool in tools)
        {
            ToolRegistry.Register(tool);
        }
    }

    private readonly int? _maxOutputTokens;

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

    /// <summary>
    /// Returns this profile's request options (spec §3.4–3.6). OpenAI: parallel tool calls and, for reasoning models,
    /// <c>reasoning.effort</c>, reasoning summaries and stateless encrypted reasoning (<c>store: false</c>). Anthropic:
    /// <c>max_tokens</c>, extended <c>thinking</c> with a budget from the effort, and the beta headers thinking between
    /// tool calls and a 1M-token window need. Gemini: safety settings that block only high-probability harm, and
    /// thought summaries for thinking models.
    /// </summary>
    /// <param name="reasoningEffort">The session's current reasoning effort, or null for the provider default.</param>
    /// <returns>The options keyed by the profile id.</returns>
    public JsonObject? ProviderOptions(string? reasoningEffort) => Id switch
    {
        "openai" => new JsonObject { ["openai"] = OpenAIOptions(reasoningEffort) },
        "anthropic" => new JsonObject { ["anthropic"] = AnthropicOptions(reasoningEffort) },
        "gemini" => new JsonObject { ["gemini"] = GeminiOptions() },
        _ => null,
    };

    private static int? AnthropicThinkingBudget(string? reasoningEffort) => reasoningEffort?.ToUpperInvariant() switch
    {
        // Claude Code's "think", "think hard" and "ultrathink" budgets.
        "LOW" or "MINIMAL" => 4_000,
        "MEDIUM" => 10_000,
        "HIGH" or "XHIGH" or "MAX" => 31_999,
        _ => null,
    };

    private JsonObject OpenAIOptions(string? reasoningEffort)
    {
        var options = new JsonObject { ["parallel_tool_calls"] = SupportsParallelToolCalls };
        if (SupportsReasoning)
        {
            // codex-rs runs stateless: reasoning comes back encrypted and is replayed with the history, so nothing has to be stored server-side.
            var reasoning = new JsonObject { ["summary"] = "auto" };
            if (reasoningEffort is not null)
            {
                reasoning["effort"] = reasoningEffort;
            }

            options["reasoning"] = reasoning;
            options["store"] = false;
            options["include"] = new JsonArray("reasoning.encrypted_content");
        }

        return options;
    }

    private JsonObject AnthropicOptions(string? reasoningEffort)
    {
        var limit = _maxOutputTokens ?? AnthropicFallbackMaxTokens;
        var budget = SupportsReasoning ? AnthropicThinkingBudget(reasoningEffort) : null;
        var maxTokens = Math.Min(budget is { } wanted ? Math.Max(AnthropicMaxTokens, wanted + AnthropicAnswerTokens) : AnthropicMaxTokens, limit);
        var options = new JsonObject { ["max_tokens"] = maxTokens };
        var betas = new JsonArray();
        if (budget is { } thinking && Math.Min(thinking, maxTokens - AnthropicMinimumAnswerTokens) is var granted && granted >= AnthropicMinimumThinkingBudget)
        {
            options["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = granted };
            betas.Add("interleaved-thinking-2025-05-14");
        }

        if (ContextWindowSize >= OneMillionTokens)
        {
            betas.Add("context-1m-2025-08-07");
        }

        if (betas.Count > 0)
        {
            options["beta_headers"] = betas;
        }

        return options;
    }

    private JsonObject GeminiOptions()
    {
        // Source code about killing processes, exploits or security fixes trips the default medium thresholds.
        var safety = new JsonArray();
        foreach (var category in (string[])["HARM_CATEGORY_HARASSMENT", "HARM_CATEGORY_HATE_SPEECH", "HARM_CATEGORY_SEXUALLY_EXPLICIT", "HARM_CATEGORY_DANGEROUS_CONTENT"])
        {
            safety.Add(new JsonObject { ["category"] = category, ["threshold"] = "BLOCK_ONLY_HIGH" });
        }

        var options = new JsonObject { ["safetySettings"] = safety };
        if (SupportsReasoning)
        {
            options["generationConfig"] = new JsonObject { ["thinkingConfig"] = new JsonObject { ["includeThoughts"] = true } };
        }

        return options;
    }

    /// <inheritdoc/>
    public string BuildSystemPrompt(EnvironmentContext environment, string projectDocuments, string? userInstructions) =>
        SystemPromptBuilder.Build(BaseInstructions, environment, Tools(), projectDocuments, userInstructions);
}
