// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Human;

/// <summary>A human's answer (attractor-spec §6.3).</summary>
/// <param name="Value">Yes, no, skipped, timeout, or selected (see <see cref="SelectedOption"/> / <see cref="Text"/>).</param>
public sealed record Answer(AnswerValue Value)
{
    /// <summary>Gets the selected option of a multiple-choice question.</summary>
    public QuestionOption? SelectedOption { get; init; }

    /// <summary>Gets the selected options of a <see cref="QuestionType.MultiSelect"/> question (a single selection also appears here).</summary>
    public IReadOnlyList<QuestionOption> SelectedOptions { get; init; } = [];

    /// <summary>Gets the free-text response, or the raw input that selected an option.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>Gets an affirmative answer.</summary>
    public static Answer Yes { get; } = new(AnswerValue.Yes);

    /// <summary>Gets a negative answer.</summary>
    public static Answer No { get; } = new(AnswerValue.No);

    /// <summary>Gets the answer for a skipped question.</summary>
    public static Answer Skipped { get; } = new(AnswerValue.Skipped);

    /// <summary>Gets the answer for a question nobody answered in time.</summary>
    public static Answer TimedOut { get; } = new(AnswerValue.Timeout);

    /// <summary>Creates an answer selecting an option.</summary>
    public static Answer Select(QuestionOption option) =>
        new(AnswerValue.Selected) { SelectedOption = option, SelectedOptions = option is null ? [] : [option], Text = option?.Key ?? string.Empty };

    /// <summary>Creates an answer selecting several options (<see cref="QuestionType.MultiSelect"/>); the first is also <see cref="SelectedOption"/>.</summary>
    /// <param name="options">The selected options, in order.</param>
    /// <returns>The answer.</returns>
    public static Answer SelectMany(IReadOnlyList<QuestionOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(AnswerValue.Selected)
        {
            SelectedOption = options.Count > 0 ? options[0] : null,
            SelectedOptions = [.. options],
            Text = string.Join(",", options.Select(static o => o.Key)),
        };
    }

    /// <summary>Creates a free-text answer.</summary>
    public static Answer FromText(string text) => new(AnswerValue.Selected) { Text = text };
}
