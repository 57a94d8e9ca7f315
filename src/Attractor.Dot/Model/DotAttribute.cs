// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot;

/// <summary>One <c>key=value</c> pair with the location of its key and value.</summary>
/// <remarks>
/// Maps store their attributes as <see cref="AttributeEntry"/> values; an instance of this class
/// is a copy made when code asks a map for an attribute, or one made to be put in a map.
/// </remarks>
public sealed class DotAttribute
{
    // Not readonly: reading a deferred prompt keeps the built string here.
    private AttributeEntry _entry;

    /// <summary>Initializes a new instance of the <see cref="DotAttribute"/> class.</summary>
    /// <param name="key">The key, possibly qualified (<c>tool_hooks.pre</c>).</param>
    /// <param name="value">The value; quoted strings are unescaped.</param>
    /// <param name="kind">How the value was written.</param>
    /// <param name="origin">Where the value came from.</param>
    /// <param name="span">The whole <c>key=value</c>.</param>
    /// <param name="valueSpan">The value, excluding quotes.</param>
    public DotAttribute(string key, string value, AttributeValueKind kind = AttributeValueKind.String, AttributeOrigin origin = AttributeOrigin.Explicit, SourceSpan span = default, SourceSpan valueSpan = default)
        : this(AttributeEntry.Create(key ?? throw new System.ArgumentNullException(nameof(key)), value ?? throw new System.ArgumentNullException(nameof(value)), kind, origin, span, valueSpan))
    {
    }

    internal DotAttribute(in AttributeEntry entry) => _entry = entry;

    /// <summary>Gets the key.</summary>
    public string Key => _entry.Key;

    /// <summary>Gets the value as text; quoted strings are unescaped.</summary>
    public string Value => _entry.Value;

    /// <summary>Gets how the value was written.</summary>
    public AttributeValueKind Kind => _entry.Kind;

    /// <summary>Gets where the value came from.</summary>
    public AttributeOrigin Origin => _entry.Origin;

    /// <summary>Gets the location of the whole <c>key=value</c>.</summary>
    public SourceSpan Span => _entry.Span;

    /// <summary>Gets the location of the value (inside the quotes for strings).</summary>
    public SourceSpan ValueSpan => _entry.ValueSpan;

    /// <summary>
    /// Gets the value exactly as written between the quotes when it contained escapes; null when
    /// the value equals the source text. Used to map offsets inside the value back to the file.
    /// </summary>
    internal string? RawText => _entry.RawText;

    /// <summary>Gets a copy of the stored form.</summary>
    internal AttributeEntry Entry => _entry;

    /// <summary>
    /// Creates an attribute exactly as the parser produced it, including the text written between
    /// the quotes when it differs from <paramref name="value"/> (escapes). Generated runners rebuild
    /// their graph with this, so offsets inside a value still map to the right column of the file.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The unescaped value.</param>
    /// <param name="kind">How the value was written.</param>
    /// <param name="origin">Where the value came from.</param>
    /// <param name="span">The whole <c>key=value</c>.</param>
    /// <param name="valueSpan">The value, excluding quotes.</param>
    /// <param name="rawText">The value as written between the quotes, or null when it equals <paramref name="value"/>.</param>
    public static DotAttribute FromSource(string key, string value, AttributeValueKind kind, AttributeOrigin origin, SourceSpan span, SourceSpan valueSpan, string? rawText) =>
        new(AttributeEntry.Create(key ?? throw new System.ArgumentNullException(nameof(key)), value ?? throw new System.ArgumentNullException(nameof(value)), kind, origin, span, valueSpan, rawText));

    /// <summary>Returns a copy with another value and origin, keeping the location.</summary>
    public DotAttribute WithValue(string value, AttributeOrigin origin) =>
        new(_entry.WithValue(value ?? throw new System.ArgumentNullException(nameof(value)), origin));

    /// <summary>Returns a copy with another origin.</summary>
    public DotAttribute WithOrigin(AttributeOrigin origin) => new(_entry.WithOrigin(origin));

    /// <summary>
    /// Gets the location of the characters <paramref name="start"/>..<paramref name="start"/>+<paramref name="length"/>
    /// of <see cref="Value"/> in the source file, so errors inside a condition or stylesheet point at
    /// the exact token. Falls back to the whole value when the value has no location.
    /// </summary>
    public SourceSpan LocateInValue(int start, int length) => ValueLocator.Locate(ref _entry, start, length);

    /// <inheritdoc />
    public override string ToString() => Key + "=" + Value;
}
