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
    /// Creates the diagnostic at the descriptor's default severity. The compiler then applies
    /// <c>NoWarn</c>, <c>WarningsAsErrors</c> and global configs (<c>.globalconfig</c>); sections of an
    /// <c>.editorconfig</c> do not reach diagnostics located in additional files (dotnet/roslyn#31916).
    /// </summary>
    public Diagnostic ToDiagnostic() => Diagnostic.Create(GeneratorDiagnostics.Get(Id), Location.ToLocation(), Message);
}
