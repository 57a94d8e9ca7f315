// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;

namespace Attractor.Dot.Syntax;

/// <summary>Collects the syntax diagnostics of one parse.</summary>
internal sealed class SyntaxDiagnostics
{
    private readonly string? _filePath;

    public SyntaxDiagnostics(string? filePath) => _filePath = filePath;

    public List<DotDiagnostic> Items { get; } = new();

    public bool HasErrors { get; private set; }

    public void Report(DiagnosticDescriptor descriptor, SourceSpan span, string message, string? fix = null, string? nodeId = null)
    {
        var diagnostic = descriptor.Create(message, _filePath, span, fix, nodeId);
        HasErrors |= diagnostic.IsError;
        Items.Add(diagnostic);
    }
}
