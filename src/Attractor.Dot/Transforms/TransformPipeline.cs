// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace Attractor.Dot.Transforms;

/// <summary>
/// An ordered list of transforms (attractor-spec §9.1, §9.3): the built-in transforms first, then
/// custom transforms in registration order. Itself a transform, so pipelines compose.
/// </summary>
/// <remarks>
/// Registration is not thread-safe; register before applying. <see cref="PipelineLoader"/> uses
/// the same order and also turns a failing custom transform into a diagnostic.
/// </remarks>
public sealed class TransformPipeline : IGraphTransform
{
    private readonly List<IGraphTransform> _transforms;

    /// <summary>Initializes a new instance of the <see cref="TransformPipeline"/> class with the built-in transforms.</summary>
    public TransformPipeline()
        : this(includeBuiltIns: true)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TransformPipeline"/> class.</summary>
    /// <param name="includeBuiltIns">Whether to start with the built-in transforms of §9.2.</param>
    public TransformPipeline(bool includeBuiltIns)
    {
        _transforms = includeBuiltIns ? new List<IGraphTransform>(BuiltInTransforms.Create()) : new List<IGraphTransform>();
    }

    /// <summary>Gets the transforms in the order they run.</summary>
    public IReadOnlyList<IGraphTransform> Transforms => _transforms;

    /// <summary>Adds a custom transform after those already registered (§9.3 <c>register_transform</c>).</summary>
    /// <param name="transform">The transform.</param>
    /// <returns>This pipeline, for chaining.</returns>
    public TransformPipeline Register(IGraphTransform transform)
    {
        _transforms.Add(transform ?? throw new ArgumentNullException(nameof(transform)));
        return this;
    }

    /// <summary>Applies every transform in order, each to the result of the previous one.</summary>
    /// <param name="graph">The parsed graph; not modified.</param>
    /// <returns>The transformed graph; the same instance when no transform changed anything.</returns>
    /// <exception cref="InvalidOperationException">A transform returned null.</exception>
    public PipelineGraph Apply(PipelineGraph graph)
    {
        if (graph is null)
        {
            throw new ArgumentNullException(nameof(graph));
        }

        for (var i = 0; i < _transforms.Count; i++)
        {
            if (StartsBuiltInPair(_transforms, i))
            {
                graph = StylesheetTransform.ApplyAfterGoalExpansion(graph);
                i++;
                continue;
            }

            var transform = _transforms[i];
            graph = transform.Apply(graph) ?? throw new InvalidOperationException("Transform '" + transform.GetType().FullName + "' returned no graph.");
        }

        return graph;
    }

    /// <summary>
    /// Returns whether the transforms at <paramref name="index"/> are the built-in variable expansion
    /// followed by the built-in stylesheet transform, which <see cref="StylesheetTransform.ApplyAfterGoalExpansion"/>
    /// applies in one pass (one copy of each node instead of two; same result).
    /// </summary>
    internal static bool StartsBuiltInPair(IReadOnlyList<IGraphTransform> transforms, int index) =>
        index + 1 < transforms.Count
        && transforms[index].GetType() == typeof(VariableExpansionTransform)
        && transforms[index + 1].GetType() == typeof(StylesheetTransform);
}
