// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Microsoft.CodeAnalysis;

namespace Attractor.Generators;

/// <summary>A diagnostic waiting to be reported, held as plain values for the generator's cache.</summary>
/// <param name="Id">The diagnostic ID, e.g. <c>ATR2001</c>; selects the descriptor at report time.</param>
/// <param name="Message">The finished message.</param>
/// <param name="Location">Where it points.</param>
internal sealed record DiagnosticInfo(string Id, string Message, LocationInfo Location)
{
    /// <summary>
    /// Creates the diagnostic with the severity the <c>.editorconfig</c> sections give it (the descriptor
    /// keeps the default, so the compiler still knows a raised warning was a warning). The compiler then
    /// applies <c>NoWarn</c>, <c>WarningsAsErrors</c> and global configs (<c>.globalconfig</c>) on top.
    /// </summary>
    public Diagnostic ToDiagnostic(DiagnosticSeverity severity) =>
        Diagnostic.Create(GeneratorDiagnostics.Get(Id), Location.ToLocation(), severity, additionalLocations: null, properties: null, Message);
}
