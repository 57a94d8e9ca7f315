// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Validation;

/// <summary>
/// A built-in rule that judges the graph one node or edge at a time. <see cref="PipelineValidator"/>
/// runs all such rules together over a block of nodes, then a block of edges, before moving on, so a
/// large graph is read from memory once per validation instead of once per rule: a graph of 20,000
/// nodes is larger than the processor's cache, and twenty separate passes over it cost more than the
/// checks themselves.
/// </summary>
internal interface IElementLintRule
{
    /// <summary>Starts checking <paramref name="graph"/>; null when the rule has nothing to check in it.</summary>
    ElementCheck? Begin(PipelineGraph graph);
}
