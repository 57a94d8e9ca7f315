// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Stylesheets;

/// <summary>The selector forms of attractor-spec §8.3; the numeric value is the specificity.</summary>
public enum StylesheetSelectorKind
{
    /// <summary><c>*</c>: every node (specificity 0).</summary>
    Universal = 0,

    /// <summary>A shape name such as <c>box</c> (specificity 1).</summary>
    Shape = 1,

    /// <summary><c>.class</c>: nodes with that class (specificity 2).</summary>
    Class = 2,

    /// <summary><c>#id</c>: one node by ID (specificity 3).</summary>
    Id = 3,
}
