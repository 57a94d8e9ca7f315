// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot;

/// <summary>
/// One attribute as an <see cref="AttributeMap"/> stores it: the fields of a <see cref="DotAttribute"/>
/// without an object of its own.
/// </summary>
/// <remarks>
/// A large pipeline has tens of thousands of attributes, all alive as long as its graph, and
/// everything a load allocates is work for the garbage collector, which copies what survives. As
/// objects they cost a header and a reference each on top of their fields (64 bytes in all); maps
/// keep the entries inline (32 bytes each), and a <see cref="DotAttribute"/> is made only when
/// code asks for one. The two spans are offsets plus one shared line table (<see cref="SourceSpan.Positions"/>):
/// the attribute's start and length (16 bits), where the value starts inside it (8 bits: after the
/// key, the <c>=</c> and a quote) and how far before its end the value ends (3 bits: the closing
/// quote), packed with the kind and the origin. The rare parts (the raw text of a value with escapes,
/// spans that cannot share a line table or do not fit those fields) go into a <see cref="Detail"/>.
/// A long prompt or label may be left unbuilt until read (see <see cref="DeferredText"/>):
/// <c>_value</c> is then null and <c>_positions</c> the <see cref="DeferredText"/>, which holds the
/// line table in its place. The struct is mutable only in that: reading a deferred value through a
/// reference to the stored entry keeps the built string (several threads may build it at once; they
/// build equal strings and any may win).
/// </remarks>
internal struct AttributeEntry
{
    private const int KindBits = 3;
    private const int OriginBits = 2;
    private const int GapShift = KindBits + OriginBits;
    private const int MaxValueEndGap = (1 << (8 - GapShift)) - 1;

    private readonly object? _positions;
    private string? _value;
    private readonly int _start;
    private readonly ushort _length;
    private readonly byte _valueOffset;

    // Kind (bits 0-2), origin (bits 3-4), the value's end gap (bits 5-7).
    private readonly byte _flags;

    private AttributeEntry(string key, string value, AttributeValueKind kind, AttributeOrigin origin, SourceSpan span, SourceSpan valueSpan, string? rawText)
    {
        Key = key;
        _value = value;
        if (rawText is null && Fits(kind, origin) && SourceSpan.CanShare(span, valueSpan) && Fits(span, valueSpan))
        {
            _positions = span.Positions;
            _start = span.Start;
            _length = (ushort)span.Length;
            _valueOffset = (byte)(valueSpan.Start - span.Start);
            _flags = Pack(kind, origin, span.End - valueSpan.End);
        }
        else
        {
            _positions = new Detail(span, valueSpan, rawText, kind, origin);
        }
    }

    // A prompt left as a slice of the source until read; the caller checked that the two spans
    // share the prompts' line table and fit the compact fields.
    private AttributeEntry(string key, DeferredText prompts, SourceSpan span, SourceSpan valueSpan)
    {
        Key = key;
        _value = null;
        _positions = prompts;
        _start = span.Start;
        _length = (ushort)span.Length;
        _valueOffset = (byte)(valueSpan.Start - span.Start);
        _flags = Pack(AttributeValueKind.String, AttributeOrigin.Explicit, span.End - valueSpan.End);
    }

    // A copy with another value, kind or origin, sharing the location fields.
    private AttributeEntry(in AttributeEntry location, string? value, AttributeValueKind kind, AttributeOrigin origin, bool keepRawText)
    {
        Key = location.Key;
        _value = value;
        if (location._positions is Detail detail)
        {
            var rawText = keepRawText ? detail.RawText : null;
            _positions = rawText == detail.RawText && detail.Kind == kind && detail.Origin == origin
                ? detail
                : new Detail(detail.Span, detail.ValueSpan, rawText, kind, origin);
        }
        else if (Fits(kind, origin))
        {
            _positions = location._positions;
            _start = location._start;
            _length = location._length;
            _valueOffset = location._valueOffset;
            _flags = Pack(kind, origin, location._flags >> GapShift);
        }
        else
        {
            // A kind or origin the packed bits cannot hold moves with the spans into a Detail,
            // which cannot hold a deferred value: that is built now.
            _value = value ?? location.BuildUncached();
            _positions = new Detail(location.Span, location.ValueSpan, rawText: null, kind, origin);
        }
    }

    /// <summary>Gets the key.</summary>
    public readonly string Key { get; }

    /// <summary>Gets the value as text; builds (and keeps) a deferred prompt on first read.</summary>
    public string Value => _value ?? BuildDeferredValue();

    /// <summary>Gets how the value was written.</summary>
    public readonly AttributeValueKind Kind => _positions is Detail detail ? detail.Kind : (AttributeValueKind)(_flags & ((1 << KindBits) - 1));

    /// <summary>Gets where the value came from.</summary>
    public readonly AttributeOrigin Origin => _positions is Detail detail ? detail.Origin : (AttributeOrigin)((_flags >> KindBits) & ((1 << OriginBits) - 1));

    /// <summary>Gets the location of the whole <c>key=value</c>.</summary>
    public readonly SourceSpan Span => _positions is Detail detail ? detail.Span : SourceSpan.FromParts(_start, _length, SharedPositions);

    /// <summary>Gets the location of the value (inside the quotes for strings).</summary>
    public readonly SourceSpan ValueSpan => _positions is Detail detail ? detail.ValueSpan : SourceSpan.FromParts(ValueStart, ValueLength, SharedPositions);

    /// <summary>Gets a value indicating whether the value is empty or white space, without building a deferred prompt.</summary>
    public readonly bool IsBlankValue => _value is null && _positions is DeferredText prompts
        ? prompts.IsBlank(ValueStart, ValueLength)
        : Validation.LintSupport.IsBlank(_value ?? BuildUncached());

    /// <summary>Gets the value exactly as written between the quotes when it contained escapes; null when the value equals the source text.</summary>
    public readonly string? RawText => (_positions as Detail)?.RawText;

    private readonly int ValueStart => _start + _valueOffset;

    private readonly int ValueLength => _length - (_flags >> GapShift) - _valueOffset;

    // The line table of the compact fields; a deferred prompt keeps it in its DeferredText.
    private readonly object? SharedPositions => _positions is DeferredText prompts ? prompts.Positions : _positions;

    /// <summary>Creates an entry; <paramref name="rawText"/> is the text between the quotes when it differs from the value.</summary>
    public static AttributeEntry Create(string key, string value, AttributeValueKind kind, AttributeOrigin origin, SourceSpan span, SourceSpan valueSpan, string? rawText = null) =>
        new(key, value, kind, origin, span, valueSpan, rawText);

    /// <summary>A value (a prompt, with <c>$goal</c> expanded; a label) built the first time its value is read; eagerly when the spans do not fit the compact fields.</summary>
    public static AttributeEntry Deferred(string key, DeferredText prompts, SourceSpan span, SourceSpan valueSpan)
    {
        return SourceSpan.CanShare(span, valueSpan) && ReferenceEquals(span.Positions, prompts.Positions) && Fits(span, valueSpan)
            ? new AttributeEntry(key, prompts, span, valueSpan)
            : new AttributeEntry(key, prompts.Expand(valueSpan.Start, valueSpan.Length), AttributeValueKind.String, AttributeOrigin.Explicit, span, valueSpan, rawText: null);
    }

    /// <summary>Returns a copy with another value and origin, keeping the location.</summary>
    public readonly AttributeEntry WithValue(string value, AttributeOrigin origin) => new(this, value, AttributeValueKind.String, origin, keepRawText: false);

    /// <summary>Returns a copy with another origin; a deferred value stays deferred.</summary>
    public readonly AttributeEntry WithOrigin(AttributeOrigin origin) => new(this, _value, Kind, origin, keepRawText: true);

    // Whether the two spans fit the compact fields: the value inside the attribute, near its start and end.
    private static bool Fits(in SourceSpan span, in SourceSpan valueSpan) =>
        span.Length is >= 0 and <= ushort.MaxValue
        && valueSpan.Start - span.Start is >= 0 and <= byte.MaxValue
        && span.End - valueSpan.End is >= 0 and <= MaxValueEndGap
        && valueSpan.Length >= 0;

    // Whether the kind and origin fit their packed bits (any enum value may be given; only declared ones are packed).
    private static bool Fits(AttributeValueKind kind, AttributeOrigin origin) =>
        (uint)kind < 1u << KindBits && (uint)origin < 1u << OriginBits;

    private static byte Pack(AttributeValueKind kind, AttributeOrigin origin, int valueEndGap) =>
        (byte)((int)kind | ((int)origin << KindBits) | (valueEndGap << GapShift));

    private string BuildDeferredValue()
    {
        var value = BuildUncached();
        _value = value;
        return value;
    }

    private readonly string BuildUncached() => _value ?? ((DeferredText)_positions!).Expand(ValueStart, ValueLength);

    /// <summary>What does not fit the compact fields: spans that cannot share one line table or are too long, the raw text, undeclared kinds and origins.</summary>
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

        public AttributeValueKind Kind { get; }

        public AttributeOrigin Origin { get; }

        public SourceSpan Span { get; }

        public SourceSpan ValueSpan { get; }

        public string? RawText { get; }
    }
}
