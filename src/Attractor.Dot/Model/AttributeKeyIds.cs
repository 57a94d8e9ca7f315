// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot;

/// <summary>
/// Small numbers for the attribute keys pipelines use, so an <see cref="AttributeEntry"/> stores its
/// key in 7 bits instead of a reference: a large pipeline has a hundred thousand attributes, nearly
/// all with one of these keys. Id 0 means "not in the table"; such entries keep their key in their
/// side object. The ids live only in memory, so the order may change freely.
/// </summary>
internal static class AttributeKeyIds
{
    /// <summary>The largest id the packed field holds.</summary>
    public const int MaxId = 127;

    // Index = id. The AttributeNames constants themselves, so Key returns the instances callers
    // compare with and string.Equals succeeds on the reference check.
    private static readonly string?[] Names =
    {
        null,
        AttributeNames.Goal,
        AttributeNames.Label,
        AttributeNames.ModelStylesheet,
        AttributeNames.DefaultMaxRetries,
        AttributeNames.DefaultMaxRetryLegacy,
        AttributeNames.DefaultFidelity,
        AttributeNames.RetryTarget,
        AttributeNames.FallbackRetryTarget,
        AttributeNames.StackChildDotfile,
        AttributeNames.StackChildWorkdir,
        AttributeNames.ToolHooksPre,
        AttributeNames.ToolHooksPost,
        AttributeNames.Shape,
        AttributeNames.Type,
        AttributeNames.Prompt,
        AttributeNames.MaxRetries,
        AttributeNames.GoalGate,
        AttributeNames.Fidelity,
        AttributeNames.ThreadId,
        AttributeNames.Class,
        AttributeNames.Timeout,
        AttributeNames.LlmModel,
        AttributeNames.LlmProvider,
        AttributeNames.ReasoningEffort,
        AttributeNames.LlmBackend,
        AttributeNames.AutoStatus,
        AttributeNames.AllowPartial,
        AttributeNames.ToolCommand,
        AttributeNames.Condition,
        AttributeNames.Weight,
        AttributeNames.LoopRestart,
        HumanDefaultChoice,
        ManagerPollInterval,
        ManagerMaxCycles,
        ManagerStopCondition,
        ManagerActions,
        ManagerSteerPrompt,
        JoinPolicy,
        ErrorPolicy,
        MaxParallel,
        RankDir,
    };

    private const string HumanDefaultChoice = "human.default_choice";
    private const string ManagerPollInterval = "manager.poll_interval";
    private const string ManagerMaxCycles = "manager.max_cycles";
    private const string ManagerStopCondition = "manager.stop_condition";
    private const string ManagerActions = "manager.actions";
    private const string ManagerSteerPrompt = "manager.steer_prompt";
    private const string JoinPolicy = "join_policy";
    private const string ErrorPolicy = "error_policy";
    private const string MaxParallel = "max_parallel";
    private const string RankDir = "rankdir";

    /// <summary>Gets how many ids are in use, including 0.</summary>
    public static int Count => Names.Length;

    /// <summary>The key of an id (null for 0).</summary>
    public static string? NameOf(int id) => Names[id];

    /// <summary>The id of a key, 0 when it has none.</summary>
    /// <remarks>A switch, which the compiler turns into tests of the length and a few characters
    /// before one comparison: the parser asks once per attribute.</remarks>
    public static int IdOf(string key) => key switch
    {
        AttributeNames.Goal => 1,
        AttributeNames.Label => 2,
        AttributeNames.ModelStylesheet => 3,
        AttributeNames.DefaultMaxRetries => 4,
        AttributeNames.DefaultMaxRetryLegacy => 5,
        AttributeNames.DefaultFidelity => 6,
        AttributeNames.RetryTarget => 7,
        AttributeNames.FallbackRetryTarget => 8,
        AttributeNames.StackChildDotfile => 9,
        AttributeNames.StackChildWorkdir => 10,
        AttributeNames.ToolHooksPre => 11,
        AttributeNames.ToolHooksPost => 12,
        AttributeNames.Shape => 13,
        AttributeNames.Type => 14,
        AttributeNames.Prompt => 15,
        AttributeNames.MaxRetries => 16,
        AttributeNames.GoalGate => 17,
        AttributeNames.Fidelity => 18,
        AttributeNames.ThreadId => 19,
        AttributeNames.Class => 20,
        AttributeNames.Timeout => 21,
        AttributeNames.LlmModel => 22,
        AttributeNames.LlmProvider => 23,
        AttributeNames.ReasoningEffort => 24,
        AttributeNames.LlmBackend => 25,
        AttributeNames.AutoStatus => 26,
        AttributeNames.AllowPartial => 27,
        AttributeNames.ToolCommand => 28,
        AttributeNames.Condition => 29,
        AttributeNames.Weight => 30,
        AttributeNames.LoopRestart => 31,
        HumanDefaultChoice => 32,
        ManagerPollInterval => 33,
        ManagerMaxCycles => 34,
        ManagerStopCondition => 35,
        ManagerActions => 36,
        ManagerSteerPrompt => 37,
        JoinPolicy => 38,
        ErrorPolicy => 39,
        MaxParallel => 40,
        RankDir => 41,
        _ => 0,
    };
}
