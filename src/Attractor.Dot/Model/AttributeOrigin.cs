// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot;

/// <summary>Where an attribute's value came from; decides precedence when transforms fill values in.</summary>
public enum AttributeOrigin
{
    /// <summary>Written on the node, edge or graph itself.</summary>
    Explicit,

    /// <summary>Inherited from a <c>node [...]</c> or <c>edge [...]</c> default block.</summary>
    Default,

    /// <summary>Set by the model stylesheet transform.</summary>
    Stylesheet,

    /// <summary>Set by another transform.</summary>
    Transform,
}
