// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm;

/// <summary>Controls whether and how the model uses tools.</summary>
public sealed record ToolChoice
{
    private ToolChoice(ToolChoiceMode mode, string? toolName)
    {
        Mode = mode;
        ToolName = toolName;
    }

    /// <summary>Gets the mode.</summary>
    public ToolChoiceMode Mode { get; }

    /// <summary>Gets the tool the model must call when <see cref="Mode"/> is <see cref="ToolChoiceMode.Named"/>.</summary>
    public string? ToolName { get; }

    /// <summary>Gets the choice that lets the model decide.</summary>
    public static ToolChoice Auto { get; } = new(ToolChoiceMode.Auto, null);

    /// <summary>Gets the choice that forbids tool calls.</summary>
    public static ToolChoice None { get; } = new(ToolChoiceMode.None, null);

    /// <summary>Gets the choice that requires at least one tool call.</summary>
    public static ToolChoice Required { get; } = new(ToolChoiceMode.Required, null);

    /// <summary>Creates the choice that forces a call of one tool.</summary>
    /// <param name="toolName">The tool.</param>
    /// <returns>The choice.</returns>
    public static ToolChoice Named(string toolName)
    {
        ToolDefinition.ValidateName(toolName);
        return new(ToolChoiceMode.Named, toolName);
    }
}
