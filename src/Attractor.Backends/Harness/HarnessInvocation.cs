// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends.Harness;

/// <summary>What one CLI run is asked to do.</summary>
/// <param name="Prompt">The prompt.</param>
/// <param name="Model">The model override (<c>llm_model</c>), or null for the CLI's default.</param>
/// <param name="Permission">The permission mode.</param>
/// <param name="AllowedTools">Tools allowed without asking (<c>allowed_tools</c>), for CLIs that take a list.</param>
/// <param name="ResumeSessionId">The CLI session to resume (thread reuse under <c>full</c> fidelity), or null.</param>
/// <param name="ExtraArguments">Arguments from the options, placed before the prompt.</param>
internal sealed record HarnessInvocation(
    string Prompt,
    string? Model,
    HarnessPermission Permission,
    IReadOnlyList<string> AllowedTools,
    string? ResumeSessionId,
    IReadOnlyList<string> ExtraArguments);
