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
/// keep the entries inline (24 bytes each), and a <see cref="DotAttribute"/> is made only when
/// code asks for one (the attributes of parsed nodes and edges are kept in 16 bytes each, without
/// the line table: see <see cref="StoredEntry"/>). The key is a 7-bit id (<see cref="AttributeKeyIds"/>). The two spans are
/// offsets plus one shared line table (<see cref="SourceSpan.Positions"/>): the attribute's start
/// and length (12 bits), where the value starts inside it (7 bits: after the key, the <c>=</c> and a
/// quote) and whether it ends one character before the attribute (the closing quote), packed with
/// the kind and the origin. The rare parts (keys without an id, the raw text of a value with
/// escapes, spans that cannot share a line table or do not fit those fields) go into a
/// <see cref="Detail"/>.
/// A long prompt or label may be left unbuilt until read (see <see cref="DeferredText"/>):
/// <c>_value</c> is then null and <c>_positions</c> the <see cref="DeferredText"/>, which holds the
/// line table in its place. The struct is mutable only in that: reading a deferred value through a
/// reference to the stored entry keeps the built string (several threads may build it at once; they
/// build equal strings and any may win).
/// </remarks>
internal struct AttributeEntry
{
    // _bits, from the lowest: the attribute's length (12), the value's offset in it (7), whether the
    // value ends one character before the attribute (1), the kind (3), the origin (2), the key id (7).
    private const int LengthBits = 12;
    private const int OffsetShift = LengthBits;
    private const int OffsetBits = 7;
    private const int EndGapShift = OffsetShift + OffsetBits;
    private const int KindShift = EndGapShift + 1;
    private const int KindBits = 3;
    private const int OriginShift = KindShift + KindBits;
    private const int OriginBits = 2;
    private const int KeyShift = OriginShift + OriginBits;
    private const uint LocationMask = (1u << KindShift) - 1;

    private readonly object? _positions;
    private string? _value;
    private readonly int _start;
    private readonly uint _bits;

    private AttributeEntry(string key, string value, AttributeValueKind kind, AttributeOrigin origin, SourceSpan span, SourceSpan valueSpan, string? rawText)
    {
        _value = value;
        var keyId = AttributeKeyIds.IdOf(key);
        if (rawText is null && keyId != 0 && Fits(kind, origin) && SourceSpan.CanShare(span, valueSpan) && Fits(span, valueSpan))
        {
            _positions = span.Positions;
            _start = span.Start;
            _bits = PackLocation(span, valueSpan) | PackRest(kind, origin, keyId);
        }
        else
        {
            _positions = new Detail(key, span, valueSpan, rawText, kind, origin);
        }
    }

    // A prompt or label left as a slice of the source until read; the caller checked that the key
    // has an id and the two spans share the prompts' line table and fit the compact fields.
    private AttributeEntry(int keyId, DeferredText prompts, SourceSpan span, SourceSpan valueSpan)
    {
        _value = null;
        _positions = prompts;
        _start = span.Start;
        _bits = PackLocation(span, valueSpan) | PackRest(AttributeValueKind.String, AttributeOrigin.Explicit, keyId);
    }

    // Unpacked from a StoredEntry: the fields as they were.
    private AttributeEntry(object? positions, string? value, int start, uint bits)
    {
        _positions = positions;
        _value = value;
        _start = start;
        _bits = bits;
    }

    // A copy with another value, kind or origin, sharing the location fields.
    private AttributeEntry(in AttributeEntry location, string? value, AttributeValueKind kind, AttributeOrigin origin, bool keepRawText)
    {
        _value = value;
        if (location._positions is Detail detail)
        {
            var rawText = keepRawText ? detail.RawText : null;
            _positions = rawText == detail.RawText && detail.Kind == kind && detail.Origin == origin
                ? detail
                : new Detail(detail.Key, detail.Span, detail.ValueSpan, rawText, kind, origin);
        }
        else if (Fits(kind, origin))
        {
            // A value given for an entry deferred with escapes leaves the escaped text behind.
            _positions = !keepRawText && value is not null && location._positions is DeferredText { Unescapes: true } source ? source.Positions : location._positions;
            _start = location._start;
            _bits = (location._bits & LocationMask) | PackRest(kind, origin, (int)(location._bits >> KeyShift));
        }
        else
        {
            // A kind or origin the packed bits cannot hold moves with the spans into a Detail,
            // which cannot hold a deferred value: that is built now.
            _value = value ?? location.BuildUncached();
            _positions = new Detail(location.Key, location.Span, location.ValueSpan, keepRawText ? location.RawText : null, kind, origin);
        }
    }

    /// <summary>Gets the key.</summary>
    public readonly string Key => _positions is Detail detail ? detail.Key : AttributeKeyIds.NameOf((int)(_bits >> KeyShift))!;

    /// <summary>Gets the value as text; builds (and keeps) a deferred prompt on first read.</summary>
    public string Value => _value ?? BuildDeferredValue();

    /// <summary>Gets how the value was written.</summary>
    public readonly AttributeValueKind Kind => _positions is Detail detail ? detail.Kind : (AttributeValueKind)((_bits >> KindShift) & ((1u << KindBits) - 1));

    /// <summary>Gets where the value came from.</summary>
    public readonly AttributeOrigin Origin => _positions is Detail detail ? detail.Origin : (AttributeOrigin)((_bits >> OriginShift) & ((1u << OriginBits) - 1));

    /// <summary>Gets the location of the whole <c>key=value</c>.</summary>
    public readonly SourceSpan Span => _positions is Detail detail ? detail.Span : SourceSpan.FromParts(_start, Length, SharedPositions);

    /// <summary>Gets the location of the value (inside the quotes for strings).</summary>
    public readonly SourceSpan ValueSpan => _positions is Detail detail ? detail.ValueSpan : SourceSpan.FromParts(ValueStart, ValueLength, SharedPositions);

    /// <summary>Gets a value indicating whether the value is empty or white space, without building a deferred prompt.</summary>
    public readonly bool IsBlankValue => _value is null && _positions is DeferredText prompts
        ? prompts.IsBlank(ValueStart, ValueLength)
        : Validation.LintSupport.IsBlank(_value ?? BuildUncached());

    /// <summary>Gets the value exactly as written between the quotes when it contained escapes; null when the value equals the source text.</summary>
    public readonly string? RawText => _positions switch
    {
        Detail detail => detail.RawText,
        DeferredText source => source.RawText(ValueStart, ValueLength),
        _ => null,
    };

    private readonly int Length => (int)(_bits & ((1u << LengthBits) - 1));

    private readonly int ValueOffset => (int)((_bits >> OffsetShift) & ((1u << OffsetBits) - 1));

    private readonly int ValueStart => _start + ValueOffset;

    private readonly int ValueLength => Length - (int)((_bits >> EndGapShift) & 1u) - ValueOffset;

    // The line table of the compact fields; a deferred prompt keeps it in its DeferredText.
    private readonly object? SharedPositions => _positions is DeferredText prompts ? prompts.Positions : _positions;

    /// <summary>Creates an entry; <paramref name="rawText"/> is the text between the quotes when it differs from the value.</summary>
    public static AttributeEntry Create(string key, string value, AttributeValueKind kind, AttributeOrigin origin, SourceSpan span, SourceSpan valueSpan, string? rawText = null) =>
        new(key, value, kind, origin, span, valueSpan, rawText);

    /// <summary>A value (a prompt, with <c>$goal</c> expanded; a label) built the first time its value is read; eagerly when the spans do not fit the compact fields.</summary>
    public static AttributeEntry Deferred(string key, DeferredText prompts, SourceSpan span, SourceSpan valueSpan)
    {
        var keyId = AttributeKeyIds.IdOf(key);
        return keyId != 0 && SourceSpan.CanShare(span, valueSpan) && ReferenceEquals(span.Positions, prompts.Positions) && Fits(span, valueSpan)
            ? new AttributeEntry(keyId, prompts, span, valueSpan)
            : new AttributeEntry(key, prompts.Expand(valueSpan.Start, valueSpan.Length), AttributeValueKind.String, AttributeOrigin.Explicit, span, valueSpan, prompts.RawText(valueSpan.Start, valueSpan.Length));
    }

    /// <summary>Returns a copy with another value and origin, keeping the location.</summary>
    public readonly AttributeEntry WithValue(string value, AttributeOrigin origin) => new(this, value, AttributeValueKind.String, origin, keepRawText: false);

    /// <summary>Returns a copy with another origin; a deferred value stays deferred.</summary>
    public readonly AttributeEntry WithOrigin(AttributeOrigin origin) => new(this, _value, Kind, origin, keepRawText: true);

    /// <summary>
    /// The entry in the 16-byte form of an <see cref="EntryChunk"/>, whose spans take their line table
    /// from <paramref name="chunkPositions"/>: an entry with another line table (or none), or one
    /// that needs its <see cref="Detail"/> or keeps a built value and its text as written, is boxed.
    /// </summary>
    internal readonly StoredEntry Pack(object? chunkPositions)
    {
        switch (_positions)
        {
            case Detail:
                return StoredEntry.Boxed(this);
            case DeferredText source:
                if (!ReferenceEquals(source.Positions, chunkPositions) || (_value is not null && source.Unescapes))
                {
                    return StoredEntry.Boxed(this);
                }

                return new StoredEntry((object?)_value ?? source, _start, _bits);
            default:
                return ReferenceEquals(_positions, chunkPositions) && _value is not null
                    ? new StoredEntry(_value, _start, _bits)
                    : StoredEntry.Boxed(this);
        }
    }

    /// <summary>The entry a <see cref="StoredEntry"/> packed: its value (a string, or the <see cref="DeferredText"/> of an unbuilt one) and its compact fields.</summary>
    internal static AttributeEntry Unpack(object value, int start, uint bits, object? chunkPositions) =>
        value is DeferredText source ? new AttributeEntry(source, null, start, bits) : new AttributeEntry(chunkPositions, (string)value, start, bits);

    /// <summary>The key of packed fields.</summary>
    internal static string KeyOf(uint bits) => AttributeKeyIds.NameOf((int)(bits >> KeyShift))!;

    // Whether the two spans fit the compact fields: the value inside the attribute, near its start,
    // and ending at its end or one character (a quote) before.
    private static bool Fits(in SourceSpan span, in SourceSpan valueSpan) =>
        span.Length is >= 0 and < 1 << LengthBits
        && valueSpan.Start - span.Start is >= 0 and < 1 << OffsetBits
        && span.End - valueSpan.End is 0 or 1
        && valueSpan.Length >= 0;

    // Whether the kind and origin fit their packed bits (any enum value may be given; only declared ones are packed).
    private static bool Fits(AttributeValueKind kind, AttributeOrigin origin) =>
        (uint)kind < 1u << KindBits && (uint)origin < 1u << OriginBits;

    private static uint PackLocation(in SourceSpan span, in SourceSpan valueSpan) =>
        (uint)span.Length | ((uint)(valueSpan.Start - span.Start) << OffsetShift) | ((uint)(span.End - valueSpan.End) << EndGapShift);

    private static uint PackRest(AttributeValueKind kind, AttributeOrigin origin, int keyId) =>
        ((uint)kind << KindShift) | ((uint)origin << OriginShift) | ((uint)keyId << KeyShift);

    private string BuildDeferredValue()
    {
        var value = BuildUncached();
        _value = value;
        return value;
    }

    private readonly string BuildUncached() => _value ?? ((DeferredText)_positions!).Expand(ValueStart, ValueLength);

    /// <summary>What does not fit the compact fields: keys without an id, spans that cannot share one line table or are too long, the raw text, undeclared kinds and origins.</summary>
    private sealed class Detail
    {
        public Detail(string key, SourceSpan span, SourceSpan valueSpan, string? rawText, AttributeValueKind kind, AttributeOrigin origin)
        {
            Key = key;
            Span = span;
            ValueSpan = valueSpan;
            RawText = rawText;
            Kind = kind;
            Origin = origin;
        }

        public string Key { get; }

        public AttributeValueKind Kind { get; }

        public AttributeOrigin Origin { get; }

        public SourceSpan Span { get; }

        public SourceSpan ValueSpan { get; }

        public string? RawText { get; }
    }
}
