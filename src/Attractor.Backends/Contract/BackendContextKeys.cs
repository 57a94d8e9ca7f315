// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends;

/// <summary>The context keys a backend sets in the outcome of a completed attempt (usage and cost of the stage).</summary>
public static class BackendContextKeys
{
    /// <summary>The backend that ran the stage.</summary>
    public const string Backend = "backend.name";

    /// <summary>The model that answered, when known.</summary>
    public const string Model = "backend.model";

    /// <summary>Input tokens of the stage's last attempt.</summary>
    public const string InputTokens = "backend.usage.input_tokens";

    /// <summary>Output tokens of the stage's last attempt.</summary>
    public const string OutputTokens = "backend.usage.output_tokens";

    /// <summary>Cached input tokens, when reported.</summary>
    public const string CachedInputTokens = "backend.usage.cached_input_tokens";

    /// <summary>Reasoning tokens, when reported.</summary>
    public const string ReasoningTokens = "backend.usage.reasoning_tokens";

    /// <summary>Cost in US dollars, when reported.</summary>
    public const string CostUsd = "backend.usage.cost_usd";

    /// <summary>The session (or thread) ID of the stage's last attempt, when known.</summary>
    public const string SessionId = "backend.session_id";
}
