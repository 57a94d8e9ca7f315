// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Human;

/// <summary>What kind of answer a question expects (attractor-spec §6.2).</summary>
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
}
