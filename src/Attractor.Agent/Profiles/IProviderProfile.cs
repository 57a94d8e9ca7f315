// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm;

namespace Attractor.Agent;

/// <summary>A provider-aligned tool set, system prompt and capability flags for one model family (spec §3.2).</summary>
public interface IProviderProfile
{
    /// <summary>Gets the profile id: <c>openai</c>, <c>anthropic</c> or <c>gemini</c>.</summary>
    string Id { get; }

    /// <summary>Gets the model identifier sent to the provider.</summary>
    string Model { get; }

    /// <summary>Gets the registry of every tool available to this profile; register custom tools here (latest wins, spec §3.7).</summary>
    ToolRegistry ToolRegistry { get; }

    /// <summary>Gets the provider-specific base instructions, the first layer of the system prompt (spec §6.2).</summary>
    string BaseInstructions { get; }

    /// <summary>Gets the project instruction file names this profile loads, in load order within a directory (spec §6.5).</summary>
    IReadOnlyList<string> ProjectDocumentNames { get; }

    /// <summary>Gets a value indicating whether the model supports reasoning effort.</summary>
    bool SupportsReasoning { get; }

    /// <summary>Gets a value indicating whether the provider streams responses.</summary>
    bool SupportsStreaming { get; }

    /// <summary>Gets a value indicating whether the model may request several tool calls in one response.</summary>
    bool SupportsParallelToolCalls { get; }

    /// <summary>Gets the model's context window in tokens.</summary>
    int ContextWindowSize { get; }

    /// <summary>
    /// Returns the provider-specific request options (spec §3.2 <c>provider_options()</c>), keyed by provider name as
    /// <see cref="Request.ProviderOptions"/> expects, for a call made with <paramref name="reasoningEffort"/>; the session
    /// asks before every model call, so a changed effort takes effect on the next one.
    /// </summary>
    /// <param name="reasoningEffort">The session's current reasoning effort, or null for the provider default.</param>
    /// <returns>The options, or null for none (the default for profiles written before this member existed).</returns>
    System.Text.Json.Nodes.JsonObject? ProviderOptions(string? reasoningEffort) => null;

    /// <summary>Returns the definitions of the tools currently registered, in registration order.</summary>
    /// <returns>The tool definitions to send with each request.</returns>
    IReadOnlyList<ToolDefinition> Tools();

    /// <summary>Assembles the layered system prompt (spec §6.1): base instructions, environment, tools, project documents, user instructions.</summary>
    /// <param name="environment">The environment context captured at session start.</param>
    /// <param name="projectDocuments">The discovered project instructions; empty when there are none.</param>
    /// <param name="userInstructions">Instructions from the user, appended last; <see langword="null"/> for none.</param>
    /// <returns>The final system prompt.</returns>
    string BuildSystemPrompt(EnvironmentContext environment, string projectDocuments, string? userInstructions);
}
