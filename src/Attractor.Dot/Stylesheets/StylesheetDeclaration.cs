// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Stylesheets;

/// <summary>One <c>property: value</c> of a stylesheet rule, located inside the stylesheet text.</summary>
public sealed class StylesheetDeclaration
{
    internal StylesheetDeclaration(string property, int propertyStart, string value, bool isQuoted, int valueStart, int valueLength)
    {
        Property = property;
        PropertyStart = propertyStart;
        Value = value;
        IsQuoted = isQuoted;
        ValueStart = valueStart;
        ValueLength = valueLength;
        Name = StylesheetProperties.Canonicalize(property, out var isAlias) ?? property;
        IsAlias = isAlias;
        IsKnown = StylesheetProperties.IsKnown(Name);
    }

    /// <summary>Gets the property as written, e.g. <c>llm_model</c> or the alias <c>model</c>.</summary>
    public string Property { get; }

    /// <summary>
    /// Gets the node attribute the declaration sets: the canonical name for known properties and
    /// aliases (<c>model</c> → <c>llm_model</c>), else <see cref="Property"/>.
    /// </summary>
    public string Name { get; }

    /// <summary>Gets a value indicating whether the property is one of §8.4 (directly or by alias).</summary>
    public bool IsKnown { get; }

    /// <summary>Gets a value indicating whether the property was written as an alias such as <c>model</c>.</summary>
    public bool IsAlias { get; }

    /// <summary>Gets the value; quoted values are unescaped.</summary>
    public string Value { get; }

    /// <summary>Gets a value indicating whether the value was double-quoted.</summary>
    public bool IsQuoted { get; }

    /// <summary>Gets the offset of the property name in the stylesheet text.</summary>
    public int PropertyStart { get; }

    /// <summary>Gets the length of the property name.</summary>
    public int PropertyLength => Property.Length;

    /// <summary>Gets the offset of the value in the stylesheet text (inside the quotes when quoted).</summary>
    public int ValueStart { get; }

    /// <summary>Gets the length of the value as written (inside the quotes when quoted).</summary>
    public int ValueLength { get; }

    /// <summary>Gets the offset of the declaration (its property name).</summary>
    public int Start => PropertyStart;

    /// <summary>Gets the length of the declaration, from the property to the end of the value (closing quote included).</summary>
    public int Length => ValueStart + ValueLength + (IsQuoted ? 1 : 0) - PropertyStart;

    /// <inheritdoc />
    public override string ToString() => Property + ": " + (IsQuoted ? "\"" + Value + "\"" : Value);
}
