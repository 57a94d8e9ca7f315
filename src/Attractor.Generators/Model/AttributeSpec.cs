// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;

namespace Attractor.Generators.Model;

/// <summary>One attribute of the validated graph, as the generated code must rebuild it.</summary>
internal sealed record AttributeSpec(string Key, string Value, AttributeValueKind Kind, AttributeOrigin Origin, SourceSpan Span, SourceSpan ValueSpan)
{
    public static AttributeSpec From(DotAttribute attribute) =>
        new(attribute.Key, attribute.Value, attribute.Kind, attribute.Origin, attribute.Span, attribute.ValueSpan);
}
