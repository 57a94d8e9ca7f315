// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot;

/// <summary>The attribute keys of attractor-spec Appendix A, plus the handler attributes of §4.</summary>
public static class AttributeNames
{
#pragma warning disable CS1591 // Each name is the documented DOT key itself.
    public const string Goal = "goal";
    public const string Label = "label";
    public const string ModelStylesheet = "model_stylesheet";
    public const string DefaultMaxRetries = "default_max_retries";
    public const string DefaultMaxRetryLegacy = "default_max_retry";
    public const string DefaultFidelity = "default_fidelity";
    public const string RetryTarget = "retry_target";
    public const string FallbackRetryTarget = "fallback_retry_target";
    public const string StackChildDotfile = "stack.child_dotfile";
    public const string StackChildWorkdir = "stack.child_workdir";
    public const string ToolHooksPre = "tool_hooks.pre";
    public const string ToolHooksPost = "tool_hooks.post";

    public const string Shape = "shape";
    public const string Type = "type";
    public const string Prompt = "prompt";
    public const string MaxRetries = "max_retries";
    public const string GoalGate = "goal_gate";
    public const string Fidelity = "fidelity";
    public const string ThreadId = "thread_id";
    public const string Class = "class";
    public const string Timeout = "timeout";
    public const string LlmModel = "llm_model";
    public const string LlmProvider = "llm_provider";
    public const string ReasoningEffort = "reasoning_effort";
    public const string LlmBackend = "llm_backend";
    public const string AutoStatus = "auto_status";
    public const string AllowPartial = "allow_partial";
    public const string ToolCommand = "tool_command";

    public const string Condition = "condition";
    public const string Weight = "weight";
    public const string LoopRestart = "loop_restart";
#pragma warning restore CS1591
}
