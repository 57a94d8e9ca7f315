// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot;

/// <summary>One <c>key=value</c> pair with the location of its key and value.</summary>
public sealed class DotAttribute
{
    // A large pipeline has tens of thousands of attributes, all alive as long as its graph, so the
    // object is kept to 48 bytes (from 96): the two spans are stored as one offset plus one shared
    // line table (SourceSpan.Positions) instead of two 24-byte spans, and the rest in one packed
    // word: the attribute's length, where its value starts (an offset from the attribute's start:
    // after the key, the '=' and a quote), how far before the attribute's end the value ends (the
    // closing quote), the kind and the origin. What does not fit (a value with escapes and its raw
    // text, spans that cannot share a line table or have another shape, an attribute longer than
    // 65,535 characters, enum values outside their range) goes into a Detail. A long prompt may be
    // left unbuilt until read (see DeferredPrompts): _value is then null and _positions the
    // DeferredPrompts, which holds the line table in its place.
    private const int MaxLength = ushort.MaxValue;
    private const int MaxValueOffset = byte.MaxValue;
    private const int MaxEndGap = 3;
    private const int MaxEnum = 7;
    private const int ValueOffsetShift = 16;
    private const int EndGapShift = 24;
    private const int KindShift = 26;
    private const int OriginShift = 29;

    private readonly object? _positions;
    private string? _value;
    private readonly int _start;
    private readonly uint _packed;

    /// <summary>Initializes a new instance of the <see cref="DotAttribute"/> class.</summary>
    /// <param name="key">The key, possibly qualified (<c>tool_hooks.pre</c>).</param>
    /// <param name="value">The value; quoted strings are unescaped.</param>
    /// <param name="kind">How the value was written.</param>
    /// <param name="origin">Where the value came from.</param>
    /// <param name="span">The whole <c>key=value</c>.</param>
    /// <param name="valueSpan">The value, excluding quotes.</param>
    public DotAttribute(string key, string value, AttributeValueKind kind = AttributeValueKind.String, AttributeOrigin origin = AttributeOrigin.Explicit, SourceSpan span = default, SourceSpan valueSpan = default)
        : this(key ?? throw new System.ArgumentNullException(nameof(key)), value ?? throw new System.ArgumentNullException(nameof(value)), kind, origin, span, valueSpan, rawText: null)
    {
    }

    private DotAttribute(string key, string value, AttributeValueKind kind, AttributeOrigin origin, SourceSpan span, SourceSpan valueSpan, string? rawText)
    {
        Key = key;
        _value = value;
        if (rawText is null && Fits(span, valueSpan, kind, origin))
        {
            _positions = span.Positions;
            _start = span.Start;
            _packed = Pack(span, valueSpan, kind, origin);
        }
        else
        {
            _positions = new Detail(span, valueSpan, rawText, kind, origin);
        }
    }

    // A prompt left as a slice of the source until read (see DeferredPrompts); the caller checked
    // that the two spans share the prompts' line table and fit the compact fields.
    private DotAttribute(string key, DeferredPrompts prompts, SourceSpan span, SourceSpan valueSpan)
    {
        Key = key;
        _positions = prompts;
        _start = span.Start;
        _packed = Pack(span, valueSpan, AttributeValueKind.String, AttributeOrigin.Explicit);
    }

    // A copy with another value, kind or origin, sharing the location fields.
    private DotAttribute(DotAttribute location, string value, AttributeValueKind kind, AttributeOrigin origin, bool keepRawText)
    {
        Key = location.Key;
        _value = value;
        if (location._positions is Detail detail)
        {
            _positions = new Detail(detail.Span, detail.ValueSpan, keepRawText ? detail.RawText : null, kind, origin);
        }
        else if (EnumsFit(kind, origin))
        {
            _positions = location._positions;
            _start = location._start;
            _packed = (location._packed & ~(((uint)MaxEnum << KindShift) | ((uint)MaxEnum << OriginShift))) | ((uint)kind << KindShift) | ((uint)origin << OriginShift);
        }
        else
        {
            _positions = new Detail(location.Span, location.ValueSpan, rawText: null, kind, origin);
        }
    }

    /// <summary>Gets the key.</summary>
    public string Key { get; }

    /// <summary>Gets the value as text; quoted strings are unescaped.</summary>
    public string Value => _value ?? BuildDeferredValue();

    /// <summary>Gets how the value was written.</summary>
    public AttributeValueKind Kind => _positions is Detail detail ? detail.Kind : (AttributeValueKind)((_packed >> KindShift) & MaxEnum);

    /// <summary>Gets where the value came from.</summary>
    public AttributeOrigin Origin => _positions is Detail detail ? detail.Origin : (AttributeOrigin)((_packed >> OriginShift) & MaxEnum);

    /// <summary>Gets the location of the whole <c>key=value</c>.</summary>
    public SourceSpan Span => _positions is Detail detail ? detail.Span : SourceSpan.FromParts(_start, Length, SharedPositions);

    /// <summary>Gets the location of the value (inside the quotes for strings).</summary>
    public SourceSpan ValueSpan => _positions is Detail detail ? detail.ValueSpan : SourceSpan.FromParts(ValueStart, ValueLength, SharedPositions);

    /// <summary>Gets a value indicating whether the value is empty or white space, without building a deferred prompt.</summary>
    internal bool IsBlankValue => _value is null && _positions is DeferredPrompts prompts
        ? prompts.IsBlank(ValueStart, ValueLength)
        : Validation.LintSupport.IsBlank(Value);

    private int Length => (int)(_packed & MaxLength);

    private int ValueStart => _start + (int)((_packed >> ValueOffsetShift) & MaxValueOffset);

    private int ValueLength => Length - (int)((_packed >> ValueOffsetShift) & MaxValueOffset) - (int)((_packed >> EndGapShift) & MaxEndGap);

    // The line table of the compact fields; a deferred prompt keeps it in its DeferredPrompts.
    private object? SharedPositions => _positions is DeferredPrompts prompts ? prompts.Positions : _positions;

    /// <summary>
    /// Gets the value exactly as written between the quotes when it contained escapes; null when
    /// the value equals the source text. Used to map offsets inside the value back to the file.
    /// </summary>
    internal string? RawText => (_positions as Detail)?.RawText;

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
        new(key ?? throw new System.ArgumentNullException(nameof(key)), value ?? throw new System.ArgumentNullException(nameof(value)), kind, origin, span, valueSpan, rawText);

    /// <summary>
    /// Creates a prompt that is built, with <c>$goal</c> expanded, the first time its value is read;
    /// eagerly when the spans do not fit the compact fields.
    /// </summary>
    internal static DotAttribute DeferredPrompt(string key, DeferredPrompts prompts, SourceSpan span, SourceSpan valueSpan) =>
        ReferenceEquals(span.Positions, prompts.Positions) && Fits(span, valueSpan, AttributeValueKind.String, AttributeOrigin.Explicit)
            ? new DotAttribute(key, prompts, span, valueSpan)
            : new DotAttribute(key, prompts.Expand(valueSpan.Start, valueSpan.Length), AttributeValueKind.String, AttributeOrigin.Explicit, span, valueSpan, rawText: null);

    /// <summary>Returns a copy with another value and origin, keeping the location.</summary>
    public DotAttribute WithValue(string value, AttributeOrigin origin) =>
        new(this, value ?? throw new System.ArgumentNullException(nameof(value)), AttributeValueKind.String, origin, keepRawText: false);

    /// <summary>Returns a copy with another origin.</summary>
    public DotAttribute WithOrigin(AttributeOrigin origin) => new(this, Value, Kind, origin, keepRawText: true);

    /// <summary>
    /// Gets the location of the characters <paramref name="start"/>..<paramref name="start"/>+<paramref name="length"/>
    /// of <see cref="Value"/> in the source file, so errors inside a condition or stylesheet point at
    /// the exact token. Falls back to the whole value when the value has no location.
    /// </summary>
    public SourceSpan LocateInValue(int start, int length) => ValueLocator.Locate(this, start, length);

    /// <inheritdoc />
    public override string ToString() => Key + "=" + Value;

    // Several threads may build the same prompt at once; they build equal strings and any one may win.
    private string BuildDeferredValue()
    {
        var value = ((DeferredPrompts)_positions!).Expand(ValueStart, ValueLength);
        _value = value;
        return value;
    }

    private static bool EnumsFit(AttributeValueKind kind, AttributeOrigin origin) => (uint)kind <= MaxEnum && (uint)origin <= MaxEnum;

    private static bool Fits(SourceSpan span, SourceSpan valueSpan, AttributeValueKind kind, AttributeOrigin origin)
    {
        var valueOffset = valueSpan.Start - span.Start;
        var endGap = span.End - valueSpan.End;
        return SourceSpan.CanShare(span, valueSpan) && EnumsFit(kind, origin)
            && span.Length is >= 0 and <= MaxLength && valueSpan.Length >= 0
            && valueOffset is >= 0 and <= MaxValueOffset && endGap is >= 0 and <= MaxEndGap;
    }

    private static uint Pack(SourceSpan span, SourceSpan valueSpan, AttributeValueKind kind, AttributeOrigin origin) =>
        (uint)span.Length
        | ((uint)(valueSpan.Start - span.Start) << ValueOffsetShift)
        | ((uint)(span.End - valueSpan.End) << EndGapShift)
        | ((uint)kind << KindShift)
        | ((uint)origin << OriginShift);

    /// <summary>What does not fit the compact fields: spans that cannot share one line table, the raw text.</summary>
    private sealed class Detail
    {
        public Detail(SourceSpan span, SourceSpan valueSpan, string? rawText, AttributeValueKind kind, AttributeOrigin origin)
        {
            Span = span;
            ValueSpan = valueSpan;
            RawText = rawText;
            Kind = kind;
            Origin = origin;
        }

        public SourceSpan Span { get; }

        public SourceSpan ValueSpan { get; }

        public string? RawText { get; }

        public AttributeValueKind Kind { get; }

        public AttributeOrigin Origin { get; }
    }
}
