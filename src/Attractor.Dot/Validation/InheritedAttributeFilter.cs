// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// Reports a bad value from a <c>node [...]</c> or <c>edge [...]</c> default block once, at the
/// block, rather than once per node that inherits it; a thousand identical warnings at one token
/// would bury everything else.
/// </summary>
internal sealed class InheritedAttributeFilter
{
    private HashSet<int>? _reported;

    /// <summary>Returns true the first time an inherited attribute token is seen, and for every other attribute.</summary>
    public bool ShouldReport(DotAttribute attribute) => ShouldReport(attribute.Entry);

    /// <summary>Returns true the first time an inherited attribute token is seen, and for every other attribute.</summary>
    public bool ShouldReport(in AttributeEntry attribute)
    {
        if (attribute.Origin != AttributeOrigin.Default || !attribute.Span.IsKnown)
        {
            return true;
        }

        _reported ??= new HashSet<int>();
        return _reported.Add(attribute.Span.Start);
    }
}
