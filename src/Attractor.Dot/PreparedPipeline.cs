// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace Attractor.Dot;

/// <summary>
/// A pipeline ready to run or to report on: the graph after transforms and every diagnostic found on
/// the way (attractor-spec §9.1 <c>prepare_pipeline</c>). Produced by <see cref="PipelineLoader"/>.
/// </summary>
public sealed class PreparedPipeline
{
    private readonly DotDiagnostic[] _errors;
    private readonly ReadOnlyCollection<DotDiagnostic> _errorsView;

    /// <summary>Initializes a new instance of the <see cref="PreparedPipeline"/> class.</summary>
    /// <param name="graph">The graph after transforms.</param>
    /// <param name="diagnostics">Syntax diagnostics first, then transform and lint diagnostics.</param>
    /// <param name="isStructurallyComplete">Whether the parser read the whole file, so transforms and lint ran.</param>
    public PreparedPipeline(PipelineGraph graph, IReadOnlyList<DotDiagnostic> diagnostics, bool isStructurallyComplete = true)
    {
        Graph = graph ?? throw new ArgumentNullException(nameof(graph));
        Diagnostics = diagnostics ?? throw new ArgumentNullException(nameof(diagnostics));
        IsStructurallyComplete = isStructurallyComplete;

        var errors = new List<DotDiagnostic>();
        for (var i = 0; i < diagnostics.Count; i++)
        {
            if (diagnostics[i].IsError)
            {
                errors.Add(diagnostics[i]);
            }
        }

        _errors = errors.ToArray();
        _errorsView = new ReadOnlyCollection<DotDiagnostic>(_errors);
    }

    /// <summary>Gets the graph after the built-in and custom transforms; after syntax errors, what the parser recovered.</summary>
    public PipelineGraph Graph { get; }

    /// <summary>
    /// Gets every diagnostic in a stable order: syntax diagnostics in source order, then transform
    /// failures, then lint diagnostics grouped by rule in the order the rules run.
    /// </summary>
    public IReadOnlyList<DotDiagnostic> Diagnostics { get; }

    /// <summary>
    /// Gets a value indicating whether the parser read the whole file. When false, transforms and lint
    /// were skipped, since their findings would only echo the syntax error.
    /// </summary>
    public bool IsStructurallyComplete { get; }

    /// <summary>Gets a value indicating whether any diagnostic is an error; such a pipeline must not run (§7.1).</summary>
    public bool HasErrors => _errors.Length > 0;

    /// <summary>Gets the error-severity diagnostics, in the order of <see cref="Diagnostics"/>.</summary>
    public IEnumerable<DotDiagnostic> Errors => _errorsView;

    /// <inheritdoc />
    public override string ToString() => Graph + ": " + Diagnostics.Count + " diagnostic(s), " + _errors.Length + " error(s)";
}
