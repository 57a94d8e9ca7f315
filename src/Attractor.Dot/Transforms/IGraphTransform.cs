// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Transforms;

/// <summary>
/// Rewrites a graph between parsing and validation (attractor-spec §9.1). Implementations must not
/// mutate the input; the model is immutable, so they return a new graph or the same instance.
/// </summary>
public interface IGraphTransform
{
    /// <summary>Returns the transformed graph.</summary>
    PipelineGraph Apply(PipelineGraph graph);
}
