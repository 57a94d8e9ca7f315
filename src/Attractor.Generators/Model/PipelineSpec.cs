// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;

namespace Attractor.Generators.Model;

/// <summary>Everything the emitter needs for one pipeline class; equal specs produce equal code.</summary>
/// <param name="Path">The .dot file as Roslyn names it; internal errors point here.</param>
/// <param name="RelativePath">The .dot file relative to the project.</param>
/// <param name="Namespace">The namespace, or empty for the global namespace.</param>
/// <param name="ClassName">The runner class name.</param>
/// <param name="GraphId">The graph ID as written (may be empty).</param>
/// <param name="GraphAttributes">Graph attributes after transforms.</param>
/// <param name="IdSpan">Where the graph ID was written.</param>
/// <param name="Label">The graph label, or empty.</param>
/// <param name="Goal">The pipeline goal, or empty.</param>
/// <param name="Nodes">The nodes in declaration order.</param>
/// <param name="Edges">The edges in declaration order.</param>
/// <param name="Handlers">The custom handler types, ordered by type name.</param>
internal sealed record PipelineSpec(
    string Path,
    string RelativePath,
    string Namespace,
    string ClassName,
    string GraphId,
    EquatableArray<AttributeSpec> GraphAttributes,
    SourceSpan IdSpan,
    string Label,
    string Goal,
    EquatableArray<NodeSpec> Nodes,
    EquatableArray<EdgeSpec> Edges,
    EquatableArray<HandlerSpec> Handlers);
