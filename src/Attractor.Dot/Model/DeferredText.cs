// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Text;

namespace Attractor.Dot;

/// <summary>
/// The source of the values a load leaves unbuilt until they are read: long prompts, with
/// <c>$goal</c> expanded, and labels are the bulk of a large pipeline's text, and linting
/// never reads them, so they stay slices of the source until something asks for
/// <see cref="DotAttribute.Value"/>. One instance per parse, goal and kind, shared by every
/// deferred value, so a deferred attribute costs nothing over an eager one.
/// </summary>
internal sealed class DeferredText
{
    private const string GoalVariable = Transforms.VariableExpansionTransform.GoalVariable;

    [ThreadStatic]
    private static StringBuilder? s_builder;

    /// <param name="text">The whole source.</param>
    /// <param name="goal">The goal to expand in the values, or null for values taken as written (labels).</param>
    /// <param name="positions">The line table of the spans.</param>
    /// <param name="startsVisible">Whether every value of this instance starts with a visible character other than <c>$</c>.</param>
    public DeferredText(string text, string? goal, object? positions, bool startsVisible)
    {
        Text = text;
        Goal = goal;
        Positions = positions;
        StartsVisible = startsVisible;
    }

    /// <summary>Gets the whole source the prompts are slices of.</summary>
    public string Text { get; }

    /// <summary>Gets the goal expanded into the prompts, or null when the values are taken as written.</summary>
    public string? Goal { get; }

    /// <summary>Gets a value indicating whether the prompts of this instance start with a visible character other than <c>$</c>, so none of them is blank.</summary>
    public bool StartsVisible { get; }

    /// <summary>Gets the line table the attributes' spans share (<see cref="SourceSpan.Positions"/>).</summary>
    public object? Positions { get; }

    /// <summary>The prompt written at <paramref name="start"/>, <paramref name="length"/> with <c>$goal</c> expanded: the same text as <c>string.Replace("$goal", goal)</c>.</summary>
    public string Expand(int start, int length)
    {
        var text = Text;
        var index = Goal is null ? -1 : text.IndexOf(GoalVariable, start, length, StringComparison.Ordinal);
        if (index < 0)
        {
            return text.Substring(start, length);
        }

        var end = start + length;
        var expansion = s_builder ??= new StringBuilder();
        expansion.Clear();
        var position = start;
        while (index >= 0)
        {
            expansion.Append(text, position, index - position).Append(Goal);
            position = index + GoalVariable.Length;
            index = end - position >= GoalVariable.Length ? text.IndexOf(GoalVariable, position, end - position, StringComparison.Ordinal) : -1;
        }

        expansion.Append(text, position, end - position);
        var value = expansion.ToString();
        expansion.Clear();
        return value;
    }

    /// <summary>Whether the expanded prompt would be empty or white space, without building it.</summary>
    public bool IsBlank(int start, int length)
    {
        if (StartsVisible)
        {
            return false;
        }

        var text = Text;
        var end = start + length;
        var position = start;
        var goalIsBlank = (bool?)null;
        while (position < end)
        {
            if (char.IsWhiteSpace(text[position]))
            {
                position++;
                continue;
            }

            if (Goal is null || end - position < GoalVariable.Length || string.CompareOrdinal(text, position, GoalVariable, 0, GoalVariable.Length) != 0)
            {
                return false;
            }

            goalIsBlank ??= Validation.LintSupport.IsBlank(Goal);
            if (goalIsBlank == false)
            {
                return false;
            }

            position += GoalVariable.Length;
        }

        return true;
    }
}
