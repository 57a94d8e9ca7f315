// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot;

/// <summary>The fixed facts about one diagnostic ID: its rule name, default severity and help.</summary>
/// <param name="Id">Stable identifier such as <c>ATR2001</c>.</param>
/// <param name="Rule">Rule name; for lint rules the spec's name such as <c>start_node</c>.</param>
/// <param name="Title">One-line summary used in documentation and IDE rule lists.</param>
/// <param name="DefaultSeverity">Severity unless configured otherwise.</param>
/// <param name="Category">Syntax or lint.</param>
public sealed record DiagnosticDescriptor(string Id, string Rule, string Title, DiagnosticSeverity DefaultSeverity, DiagnosticCategory Category)
{
    /// <summary>Gets the documentation anchor for this ID, relative to the repository root.</summary>
    public string HelpLink => "docs/diagnostics.md#" + Id.ToLowerInvariant();

    /// <summary>Creates a diagnostic of this kind at its default severity.</summary>
    /// <param name="message">What is wrong, naming the user's node, edge or attribute.</param>
    /// <param name="filePath">The file, when known.</param>
    /// <param name="span">The offending token.</param>
    /// <param name="fix">A suggested fix.</param>
    /// <param name="nodeId">The related node.</param>
    /// <param name="edge">The related edge.</param>
    public DotDiagnostic Create(string message, string? filePath, SourceSpan span, string? fix = null, string? nodeId = null, EdgeReference? edge = null) =>
        new(this, DefaultSeverity, message, filePath, span) { Fix = fix, NodeId = nodeId, Edge = edge };
}
