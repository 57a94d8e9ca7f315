// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Human;

/// <summary>
/// Wire names of <see cref="QuestionType"/>. The §6.2/§11.8 names (<c>YES_NO</c>, <c>MULTIPLE_CHOICE</c>,
/// <c>FREEFORM</c>, <c>CONFIRMATION</c>) are canonical; the other naming in circulation
/// (<c>SINGLE_SELECT</c>, <c>MULTI_SELECT</c>, <c>FREE_TEXT</c>, <c>CONFIRM</c>) is accepted as aliases.
/// </summary>
public static class QuestionTypeNames
{
    /// <summary>Gets the canonical upper-case name, e.g. <c>MULTIPLE_CHOICE</c>.</summary>
    /// <param name="type">The question type.</param>
    /// <returns>The canonical name.</returns>
    public static string ToWireName(this QuestionType type) => type switch
    {
        QuestionType.YesNo => "YES_NO",
        QuestionType.MultipleChoice => "MULTIPLE_CHOICE",
        QuestionType.Freeform => "FREEFORM",
        QuestionType.Confirmation => "CONFIRMATION",
        QuestionType.MultiSelect => "MULTI_SELECT",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown question type."),
    };

    /// <summary>Parses a canonical name or an alias, case-insensitively; <c>-</c> and spaces count as <c>_</c>.</summary>
    /// <param name="text">The name, e.g. <c>single_select</c>.</param>
    /// <param name="type">The question type.</param>
    /// <returns><see langword="true"/> when the name is known.</returns>
    public static bool TryParse(string? text, out QuestionType type)
    {
        var key = (text ?? string.Empty).Trim().Replace('-', '_').Replace(' ', '_').ToUpperInvariant();
        switch (key)
        {
            case "YES_NO" or "YESNO" or "BOOLEAN":
                type = QuestionType.YesNo;
                return true;
            case "MULTIPLE_CHOICE" or "MULTIPLECHOICE" or "SINGLE_SELECT" or "SINGLESELECT" or "CHOICE":
                type = QuestionType.MultipleChoice;
                return true;
            case "FREEFORM" or "FREE_FORM" or "FREE_TEXT" or "FREETEXT" or "TEXT":
                type = QuestionType.Freeform;
                return true;
            case "CONFIRMATION" or "CONFIRM":
                type = QuestionType.Confirmation;
                return true;
            case "MULTI_SELECT" or "MULTISELECT" or "MULTIPLE_SELECT":
                type = QuestionType.MultiSelect;
                return true;
            default:
                type = default;
                return false;
        }
    }

    /// <summary>Gets whether the type expects a yes/no answer (<see cref="QuestionType.YesNo"/> or <see cref="QuestionType.Confirmation"/>).</summary>
    /// <param name="type">The question type.</param>
    /// <returns><see langword="true"/> for yes/no kinds.</returns>
    public static bool IsYesNo(this QuestionType type) => type is QuestionType.YesNo or QuestionType.Confirmation;

    /// <summary>Gets whether the type selects from options (<see cref="QuestionType.MultipleChoice"/> or <see cref="QuestionType.MultiSelect"/>).</summary>
    /// <param name="type">The question type.</param>
    /// <returns><see langword="true"/> for option kinds.</returns>
    public static bool HasOptions(this QuestionType type) => type is QuestionType.MultipleChoice or QuestionType.MultiSelect;
}
