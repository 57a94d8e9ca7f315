// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;

namespace Attractor.Dot;

/// <summary>
/// The built-in backends a node's <c>llm_backend</c> (node attribute, stylesheet property or graph
/// attribute) can name: direct API backends and coding-CLI harness backends.
/// </summary>
public static class BackendNames
{
    /// <summary>No LLM: every stage returns a simulated response.</summary>
    public const string Simulate = "simulate";

    /// <summary>One request per stage through the unified LLM client.</summary>
    public const string Llm = "llm";

    /// <summary>A coding agent session per stage (the agent loop on the unified LLM client).</summary>
    public const string Agent = "agent";

    /// <summary>The Claude Code CLI, driven as a subprocess.</summary>
    public const string ClaudeCode = "claude-code";

    /// <summary>The Codex CLI, driven as a subprocess.</summary>
    public const string Codex = "codex";

    /// <summary>The Gemini CLI, driven as a subprocess.</summary>
    public const string GeminiCli = "gemini-cli";

    /// <summary>Gets every built-in backend name.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } = new[] { Simulate, Llm, Agent, ClaudeCode, Codex, GeminiCli };
}
