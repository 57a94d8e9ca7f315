// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Validation;

/// <summary>An <see cref="ElementCheck"/> that judges elements by the graph's shared <see cref="PipelineTopology"/>.</summary>
internal abstract class TopologyCheck : ElementCheck
{
    protected TopologyCheck(PipelineGraph graph, bool checksNodes, bool checksEdges)
        : base(graph, checksNodes, checksEdges) => Topology = PipelineTopology.Of(graph);

    protected PipelineTopology Topology { get; }
}
