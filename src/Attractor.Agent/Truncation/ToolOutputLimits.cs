// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent;

/// <summary>
/// How much of each tool's output reaches the model (spec §5.2–5.3): a character limit with a truncation mode, then an
/// optional line limit. The dictionaries hold overrides by tool name; tools without an override get the spec's defaults.
/// </summary>
public sealed record ToolOutputLimits
{
    private static readonly Dictionary<string, (int MaxChars, TruncationMode Mode)> DefaultCharLimits = new(StringComparer.Ordinal)
    {
        ["read_file"] = (50_000, TruncationMode.HeadTail),
        ["shell"] = (30_000, TruncationMode.HeadTail),
        ["grep"] = (20_000, TruncationMode.Tail),
        ["glob"] = (20_000, TruncationMode.Tail),
        ["edit_file"] = (10_000, TruncationMode.Tail),
        ["apply_patch"] = (10_000, TruncationMode.Tail),
        ["write_file"] = (1_000, TruncationMode.Tail),
        ["spawn_agent"] = (20_000, TruncationMode.HeadTail),
    };

    private static readonly Dictionary<string, int> DefaultLineLimits = new(StringComparer.Ordinal)
    {
        ["shell"] = 256,
        ["grep"] = 200,
        ["glob"] = 500,
    };

    /// <summary>Gets the spec's defaults with no overrides.</summary>
    public static ToolOutputLimits Default { get; } = new();

    /// <summary>Gets character limits by tool name, overriding the defaults (read_file 50,000, shell 30,000, grep and glob 20,000...).</summary>
    public IReadOnlyDictionary<string, int> CharLimits { get; init; } = new Dictionary<string, int>();

    /// <summary>Gets line limits by tool name, overriding the defaults (shell 256, grep 200, glob 500); a value of 0 or less turns the line limit off.</summary>
    public IReadOnlyDictionary<string, int> LineLimits { get; init; } = new Dictionary<string, int>();

    /// <summary>Gets truncation modes by tool name, overriding the defaults.</summary>
    public IReadOnlyDictionary<string, TruncationMode> Modes { get; init; } = new Dictionary<string, TruncationMode>();

    /// <summary>Gets the character limit of tools the spec has no default for (custom tools). Defaults to 30,000.</summary>
    public int FallbackCharLimit { get; init; } = 30_000;

    /// <summary>Gets the truncation mode of tools the spec has no default for. Defaults to <see cref="TruncationMode.HeadTail"/>.</summary>
    public TruncationMode FallbackMode { get; init; } = TruncationMode.HeadTail;

    /// <summary>Gets the character limit of a tool.</summary>
    /// <param name="toolName">The tool name.</param>
    /// <returns>The override, else the spec's default, else <see cref="FallbackCharLimit"/>.</returns>
    public int GetCharLimit(string toolName) =>
        CharLimits.TryGetValue(toolName, out var limit) ? limit
        : DefaultCharLimits.TryGetValue(toolName, out var defaults) ? defaults.MaxChars
        : FallbackCharLimit;

    /// <summary>Gets the truncation mode of a tool.</summary>
    /// <param name="toolName">The tool name.</param>
    /// <returns>The override, else the spec's default, else <see cref="FallbackMode"/>.</returns>
    public TruncationMode GetMode(string toolName) =>
        Modes.TryGetValue(toolName, out var mode) ? mode
        : DefaultCharLimits.TryGetValue(toolName, out var defaults) ? defaults.Mode
        : FallbackMode;

    /// <summary>Gets the line limit of a tool.</summary>
    /// <param name="toolName">The tool name.</param>
    /// <returns>The override, else the spec's default; null when lines are not limited.</returns>
    public int? GetLineLimit(string toolName) =>
        LineLimits.TryGetValue(toolName, out var limit) ? (limit > 0 ? limit : null)
        : DefaultLineLimits.TryGetValue(toolName, out var defaults) ? defaults
        : null;
}
