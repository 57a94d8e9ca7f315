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

    /// <summary>
    /// Returns the diagnostics ordered by position. Some problems are only recognised after the
    /// tokens that follow them (an unclosed list, an ID checked when its node is created), so the
    /// report order is not the source order; the sort is stable for equal positions.
    /// </summary>
    public IReadOnlyList<DotDiagnostic> InSourceOrder()
    {
        var sorted = Items.ToArray();
        var keys = new long[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            keys[i] = ((long)sorted[i].Span.Start << 32) | (uint)i;
        }

        System.Array.Sort(keys, sorted);
        return sorted;
    }

    public void Report(DiagnosticDescriptor descriptor, SourceSpan span, string message, string? fix = null, string? nodeId = null)
    {
        var diagnostic = descriptor.Create(message, _filePath, span, fix, nodeId);
        HasErrors |= diagnostic.IsError;
        Items.Add(diagnostic);
    }
}
