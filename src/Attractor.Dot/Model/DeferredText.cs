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
/// <remarks>
/// Values written with escapes (a multi-line <c>tool_command</c> or prompt) are deferred too, by
/// instances that <see cref="Unescapes"/>: built eagerly, each would cost the value and the text
/// as written (<see cref="DotAttribute.RawText"/>), which the source already holds.
/// </remarks>
internal sealed class DeferredText
{
    private const string GoalVariable = Transforms.VariableExpansionTransform.GoalVariable;

    [ThreadStatic]
    private static StringBuilder? s_builder;

    /// <param name="text">The whole source.</param>
    /// <param name="goal">The goal to expand in the values, or null for values taken as written (labels).</param>
    /// <param name="positions">The line table of the spans.</param>
    /// <param name="startsVisible">Whether every value of this instance starts with a visible character other than <c>$</c> and <c>\</c>.</param>
    /// <param name="unescapes">Whether the values contain escapes, resolved as the lexer resolves them before <c>$goal</c> is expanded.</param>
    public DeferredText(string text, string? goal, object? positions, bool startsVisible, bool unescapes = false)
    {
        Text = text;
        Goal = goal;
        Positions = positions;
        StartsVisible = startsVisible;
        Unescapes = unescapes;
    }

    /// <summary>Gets the whole source the prompts are slices of.</summary>
    public string Text { get; }

    /// <summary>Gets the goal expanded into the prompts, or null when the values are taken as written.</summary>
    public string? Goal { get; }

    /// <summary>Gets a value indicating whether the prompts of this instance start with a visible character other than <c>$</c>, so none of them is blank.</summary>
    public bool StartsVisible { get; }

    /// <summary>Gets the line table the attributes' spans share (<see cref="SourceSpan.Positions"/>).</summary>
    public object? Positions { get; }

    /// <summary>Gets a value indicating whether the values are written with escapes (their text as written is then <see cref="RawText"/>).</summary>
    public bool Unescapes { get; }

    /// <summary>Returns whether this instance serves values of this goal, line table, visibility and escaping.</summary>
    public bool Serves(string? goal, object? positions, bool startsVisible, bool unescapes) =>
        ReferenceEquals(Goal, goal) && ReferenceEquals(Positions, positions) && StartsVisible == startsVisible && Unescapes == unescapes;

    /// <summary>
    /// The value's text as written between the quotes, when it has escapes; else null. Null too when
    /// <c>$goal</c> was expanded in it, as the built-in transform drops the text as written of a
    /// prompt it changes.
    /// </summary>
    public string? RawText(int start, int length) =>
        !Unescapes || (Goal is not null && Unescape(Text, start, length).IndexOf(GoalVariable, StringComparison.Ordinal) >= 0)
            ? null
            : Text.Substring(start, length);

    /// <summary>The prompt written at <paramref name="start"/>, <paramref name="length"/> with <c>$goal</c> expanded: the same text as <c>string.Replace("$goal", goal)</c>.</summary>
    public string Expand(int start, int length)
    {
        if (Unescapes)
        {
            var unescaped = Unescape(Text, start, length);
            return Goal is null ? unescaped : unescaped.Replace(GoalVariable, Goal);
        }

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

        if (Unescapes)
        {
            // Rare: escaped values that start blank, with '$' or with an escape.
            return Validation.LintSupport.IsBlank(Expand(start, length));
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

    // The escapes as the lexer resolves them: \" \\ \n \t, a backslash before a line break
    // (continues the line), and any other pair kept as written.
    internal static string Unescape(string text, int start, int length)
    {
        var builder = s_builder ??= new StringBuilder();
        builder.Clear();
        var end = start + length;
        var position = start;
        while (position < end)
        {
            var backslash = text.IndexOf('\\', position, end - position);
            if (backslash < 0 || backslash + 1 >= end)
            {
                builder.Append(text, position, end - position);
                break;
            }

            builder.Append(text, position, backslash - position);
            var next = text[backslash + 1];
            var consumed = 2;
            switch (next)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case '\n': break;
                case '\r' when backslash + 2 < end && text[backslash + 2] == '\n': consumed = 3; break;
                default: builder.Append('\\').Append(next); break;
            }

            position = backslash + consumed;
        }

        var value = builder.ToString();
        builder.Clear();
        return value;
    }
}
