// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends.Harness;

/// <summary>The node attributes a coding-CLI harness backend reads besides <c>prompt</c> and <c>llm_model</c>.</summary>
public static class HarnessAttributes
{
    /// <summary>
    /// <c>permission_mode</c>: <c>read-only</c> (read files only), <c>edit</c> (default: edit files in the workspace;
    /// commands only where the CLI's sandbox or <c>allowed_tools</c> permits) or <c>full</c> (everything, without
    /// asking: only for externally sandboxed workspaces).
    /// </summary>
    public const string PermissionMode = "permission_mode";

    /// <summary><c>allowed_tools</c>: comma-separated tools the CLI may use without asking (Claude Code, Gemini CLI), e.g. <c>Bash,Edit</c>.</summary>
    public const string AllowedTools = "allowed_tools";
}
