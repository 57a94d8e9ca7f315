// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Conditions;

/// <summary>A reason a condition does not parse, located inside the condition text.</summary>
/// <param name="Start">Offset of the offending token in the condition string.</param>
/// <param name="Length">Length of the offending token; 0 at the end of the text.</param>
/// <param name="Message">What is wrong and what the condition language supports instead.</param>
/// <param name="Fix">A suggested rewrite, when there is an obvious one.</param>
public sealed record ConditionError(int Start, int Length, string Message, string? Fix = null);
