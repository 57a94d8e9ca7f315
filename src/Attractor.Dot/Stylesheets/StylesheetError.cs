// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Stylesheets;

/// <summary>A reason a stylesheet does not parse, located inside the stylesheet text.</summary>
/// <param name="Start">Offset of the offending token in the stylesheet string.</param>
/// <param name="Length">Length of the offending token; 0 at the end of the text.</param>
/// <param name="Message">What is wrong and what the stylesheet grammar (§8.2) expects.</param>
/// <param name="Fix">A suggested rewrite, when there is an obvious one.</param>
public sealed record StylesheetError(int Start, int Length, string Message, string? Fix = null);
