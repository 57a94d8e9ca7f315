// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot;

/// <summary>Where a diagnostic comes from: ATR1xxx syntax or ATR2xxx lint.</summary>
public enum DiagnosticCategory
{
    /// <summary>The text could not be read as the DOT subset (ATR1xxx).</summary>
    Syntax,

    /// <summary>The graph parsed but breaks a validation rule (ATR2xxx).</summary>
    Lint,
}
