// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Human;

/// <summary>One choice of a multiple-choice question.</summary>
/// <param name="Key">The accelerator key, e.g. <c>A</c>.</param>
/// <param name="Label">The display text, e.g. <c>[A] Approve</c>.</param>
public sealed record QuestionOption(string Key, string Label);
