// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Attractor.Generators.Tests.Infrastructure;

/// <summary>
/// The severities of a <c>.globalconfig</c> (or an <c>.editorconfig</c> with <c>is_global = true</c>),
/// as the compiler hands them to the compilation: global, not tied to a syntax tree.
/// </summary>
internal sealed class GlobalSeverityOptions(ImmutableDictionary<string, ReportDiagnostic> severities) : SyntaxTreeOptionsProvider
{
    public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

    public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
    {
        severity = ReportDiagnostic.Default;
        return false;
    }

    public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
        severities.TryGetValue(diagnosticId, out severity);
}
