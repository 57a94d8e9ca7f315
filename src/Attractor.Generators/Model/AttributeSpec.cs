// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;

namespace Attractor.Generators.Model;

/// <summary>One attribute of the validated graph, as the generated code must rebuild it.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value, unescaped.</param>
/// <param name="Kind">How the value was written.</param>
/// <param name="Origin">Where the value came from (file, default block, stylesheet, transform).</param>
/// <param name="Span">The whole <c>key=value</c>.</param>
/// <param name="ValueSpan">The value, excluding quotes.</param>
/// <param name="RawText">The value as written between the quotes when it had escapes, else null.</param>
internal sealed record AttributeSpec(string Key, string Value, AttributeValueKind Kind, AttributeOrigin Origin, SourceSpan Span, SourceSpan ValueSpan, string? RawText)
{
    public static AttributeSpec From(DotAttribute attribute) =>
        new(attribute.Key, attribute.Value, attribute.Kind, attribute.Origin, attribute.Span, attribute.ValueSpan, attribute.RawText);
}
