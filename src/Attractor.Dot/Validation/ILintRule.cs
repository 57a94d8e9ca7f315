// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>A validation rule (attractor-spec §7.4). Custom rules run after the built-in ones.</summary>
public interface ILintRule
{
    /// <summary>Gets the rule name, e.g. <c>start_node</c>.</summary>
    string Name { get; }

    /// <summary>Checks the graph and returns what is wrong with it; an empty sequence when nothing is.</summary>
    /// <param name="graph">The transformed graph; <see cref="PipelineGraph.FilePath"/> locates diagnostics.</param>
    IEnumerable<DotDiagnostic> Apply(PipelineGraph graph);
}
