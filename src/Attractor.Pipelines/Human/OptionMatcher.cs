// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Human;

/// <summary>
/// Matches typed input to question options and yes/no words. An option matches by accelerator key, by
/// label, or by label without its accelerator prefix, all case-insensitively; keys are tried first.
/// </summary>
public static class OptionMatcher
{
    private static readonly char[] MultiSeparators = [',', ';', '+', ' '];

    /// <summary>Finds the option matching <paramref name="input"/>, or null.</summary>
    /// <param name="input">The typed text, e.g. <c>a</c> or <c>approve</c>.</param>
    /// <param name="options">The options, in order.</param>
    /// <returns>The first option whose key, then label, matches.</returns>
    public static QuestionOption? Match(string? input, IReadOnlyList<QuestionOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = (input ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        foreach (var option in options)
        {
            if (string.Equals(option.Key, text, StringComparison.OrdinalIgnoreCase))
            {
                return option;
            }
        }

        foreach (var option in options)
        {
            if (string.Equals(option.Label.Trim(), text, StringComparison.OrdinalIgnoreCase))
            {
                return option;
            }
        }

        var normalized = AcceleratorKeys.Normalize(text);
        foreach (var option in options)
        {
            if (AcceleratorKeys.Normalize(option.Label) == normalized)
            {
                return option;
            }
        }

        return null;
    }

    /// <summary>Matches a list such as <c>A,C</c> or <c>A C</c> to options; null when any item matches nothing.</summary>
    /// <param name="input">The typed text.</param>
    /// <param name="options">The options.</param>
    /// <returns>The matched options in input order (duplicates removed), or null.</returns>
    public static IReadOnlyList<QuestionOption>? MatchMany(string? input, IReadOnlyList<QuestionOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var whole = Match(input, options);
        if (whole is not null)
        {
            return [whole];
        }

        var parts = (input ?? string.Empty).Split(MultiSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            return null;
        }

        var selected = new List<QuestionOption>();
        foreach (var part in parts)
        {
            var option = Match(part, options);
            if (option is null)
            {
                return null;
            }

            if (!selected.Contains(option))
            {
                selected.Add(option);
            }
        }

        return selected;
    }

    /// <summary>Reads yes/no input: <c>y</c>, <c>yes</c>, <c>true</c>, <c>1</c> or <c>n</c>, <c>no</c>, <c>false</c>, <c>0</c> (case-insensitive).</summary>
    /// <param name="input">The typed text.</param>
    /// <returns><see cref="AnswerValue.Yes"/>, <see cref="AnswerValue.No"/>, or null when not a yes/no word.</returns>
    public static AnswerValue? MatchYesNo(string? input) => (input ?? string.Empty).Trim().ToUpperInvariant() switch
    {
        "Y" or "YES" or "TRUE" or "1" => AnswerValue.Yes,
        "N" or "NO" or "FALSE" or "0" => AnswerValue.No,
        _ => null,
    };

    /// <summary>Turns typed text into an answer for <paramref name="question"/>, or null when it is not valid for it.</summary>
    /// <param name="input">The typed text.</param>
    /// <param name="question">The question.</param>
    /// <returns>The answer, or null for input that matches no option / is no yes-no word.</returns>
    public static Answer? ToAnswer(string? input, Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        switch (question.Type)
        {
            case QuestionType.YesNo or QuestionType.Confirmation:
                return MatchYesNo(input) switch
                {
                    AnswerValue.Yes => Answer.Yes with { Text = input?.Trim() ?? string.Empty },
                    AnswerValue.No => Answer.No with { Text = input?.Trim() ?? string.Empty },
                    _ => null,
                };
            case QuestionType.MultipleChoice:
                var option = Match(input, question.Options);
                return option is null ? null : Answer.Select(option) with { Text = input?.Trim() ?? string.Empty };
            case QuestionType.MultiSelect:
                var options = MatchMany(input, question.Options);
                return options is null ? null : Answer.SelectMany(options);
            default:
                return Answer.FromText(input ?? string.Empty);
        }
    }
}
