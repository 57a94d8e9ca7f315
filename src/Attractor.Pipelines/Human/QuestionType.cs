// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Human;

/// <summary>
/// What kind of answer a question expects (attractor-spec §6.2, §11.8). Wire names and their aliases
/// (e.g. <c>SINGLE_SELECT</c> for <see cref="MultipleChoice"/>) are in <see cref="QuestionTypeNames"/>.
/// </summary>
public enum QuestionType
{
    /// <summary>A yes/no choice.</summary>
    YesNo,

    /// <summary>One option from a list.</summary>
    MultipleChoice,

    /// <summary>Free text.</summary>
    Freeform,

    /// <summary>A yes/no confirmation of an action.</summary>
    Confirmation,

    /// <summary>
    /// Any number of options from a list (the <c>MULTI_SELECT</c> reading of the question types); the answer
    /// carries them in <see cref="Answer.SelectedOptions"/>.
    /// </summary>
    MultiSelect,
}
