// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;

namespace Attractor.Dot;

/// <summary>The outcome of parsing DOT text: a graph (possibly partial) and every syntax diagnostic.</summary>
public sealed class DotParseResult
{
    internal DotParseResult(PipelineGraph graph, IReadOnlyList<DotDiagnostic> diagnostics, bool hasErrors, bool isStructurallyComplete, bool builtInTransformsApplied = false)
    {
        BuiltInTransformsApplied = builtInTransformsApplied;
        Graph = graph;
        Diagnostics = diagnostics;
        HasErrors = hasErrors;
        IsStructurallyComplete = isStructurallyComplete;
    }

    /// <summary>Gets the graph. After syntax errors it holds everything the parser could recover.</summary>
    public PipelineGraph Graph { get; }

    /// <summary>Gets the syntax diagnostics (ATR1xxx) in source order.</summary>
    public IReadOnlyList<DotDiagnostic> Diagnostics { get; }

    /// <summary>Gets a value indicating whether any diagnostic is an error.</summary>
    public bool HasErrors { get; }

    /// <summary>
    /// Gets a value indicating whether the whole file was read: no unterminated string or comment and
    /// no unbalanced braces. When false, lint findings would mostly echo the syntax error, so
    /// callers skip lint.
    /// </summary>
    public bool IsStructurallyComplete { get; }

    /// <summary>Gets a value indicating whether <see cref="Graph"/> already has the built-in transforms applied (see <see cref="DotParser.ParseAndApplyBuiltIns"/>).</summary>
    internal bool BuiltInTransformsApplied { get; }
}
