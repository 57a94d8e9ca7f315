// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Human;

/// <summary>A question for a human (attractor-spec §6.2).</summary>
/// <param name="Text">The question.</param>
/// <param name="Type">What kind of answer it expects.</param>
/// <param name="Stage">The node asking.</param>
public sealed record Question(string Text, QuestionType Type, string Stage)
{
    /// <summary>Gets the options of a multiple-choice question.</summary>
    public IReadOnlyList<QuestionOption> Options { get; init; } = [];

    /// <summary>Gets the answer used on timeout, if any.</summary>
    public Answer? Default { get; init; }

    /// <summary>Gets how long to wait for an answer; null waits indefinitely.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Gets arbitrary extra data for frontends.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
