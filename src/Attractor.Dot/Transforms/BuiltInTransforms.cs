// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;

namespace Attractor.Dot.Transforms;

/// <summary>The built-in transforms of attractor-spec §9.2, in the order they run.</summary>
public static class BuiltInTransforms
{
    /// <summary>
    /// Creates the built-in transforms: variable expansion, then the model stylesheet. The
    /// preamble transform of §9.2 depends on runtime state and belongs to the engine.
    /// </summary>
    public static IReadOnlyList<IGraphTransform> Create() => new IGraphTransform[]
    {
        new VariableExpansionTransform(),
        new StylesheetTransform(),
    };
}
