// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Microsoft.CodeAnalysis;

namespace Attractor.Generators.Configuration;

/// <summary>A diagnostic with the severity the project's <c>.editorconfig</c> files give it, ready to report.</summary>
/// <param name="Info">The diagnostic.</param>
/// <param name="Severity">Its effective severity (the descriptor's default when nothing is configured).</param>
internal sealed record ReportedDiagnostic(DiagnosticInfo Info, DiagnosticSeverity Severity)
{
    /// <summary>
    /// Creates the compiler diagnostic. The compiler still applies <c>NoWarn</c>, <c>WarningsAsErrors</c>,
    /// <c>TreatWarningsAsErrors</c> and global configs to it, on top of this severity.
    /// </summary>
    public Diagnostic ToDiagnostic() => Info.ToDiagnostic(Severity);
}
