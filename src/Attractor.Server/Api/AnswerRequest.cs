// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Server.Api;

/// <summary>
/// The body of <c>POST /pipelines/{id}/questions/{qid}/answer</c>: <c>option</c> (key or label) for a choice,
/// <c>options</c> for a multi-select, <c>value</c> (<c>yes</c>/<c>no</c>, or <c>skip</c> for any question)
/// for yes/no and confirmations, <c>text</c> for free text.
/// </summary>
internal sealed record AnswerRequest
{
    public string? Option { get; init; }

    public IReadOnlyList<string>? Options { get; init; }

    public string? Value { get; init; }

    public string? Text { get; init; }
}
