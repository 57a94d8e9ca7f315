// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Human;

/// <summary>The fixed answer values of attractor-spec §6.3; <see cref="Selected"/> means "see the option or text".</summary>
public enum AnswerValue
{
    /// <summary>An option was selected or text was given.</summary>
    Selected,

    /// <summary>Affirmative.</summary>
    Yes,

    /// <summary>Negative.</summary>
    No,

    /// <summary>The human skipped the question.</summary>
    Skipped,

    /// <summary>No answer within the timeout.</summary>
    Timeout,
}
