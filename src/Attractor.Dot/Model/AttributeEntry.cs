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
/// keep the entries inline (40 bytes each), and a <see cref="DotAttribute"/> is made only when
/// code asks for one. The two spans are offsets plus one shared line table (<see cref="SourceSpan.Positions"/>);
/// the value ends where the whole attribute does or just before it (the closing quote), so its end
/// is a byte; the rare parts (the raw text of a value with escapes, spans that cannot share a line
/// table) go into a <see cref="Detail"/>. A long prompt or label may be left unbuilt until read (see
/// <see cref="DeferredText"/>): <c>_value</c> is then null and <c>_positions</c> the
/// <see cref="DeferredText"/>, which holds the line table in its place. The struct is mutable
/// only in that: reading a deferred value through a reference to the stored entry keeps the
/// built string (several threads may build it at once; they build equal strings and any may win).
/// </remarks>
internal struct AttributeEntry
{
    private readonly object? _positions;
    private string? _value;
    private readonly int _start;
    private readonly int _length;
    private readonly int _valueStart;
    private readonly byte _valueEndGap;
    private readonly byte _kind;
    private readonly byte _origin;

    private AttributeEntry(string key, string value, AttributeValueKind kind, AttributeOrigin origin, SourceSpan span, SourceSpan valueSpan, string? rawText)
    {
        Key = key;
        _value = value;
        _kind = (byte)kind;
        _origin = (byte)origin;
        var valueEndGap = span.End - valueSpan.End;
        if (rawText is null && SourceSpan.CanShare(span, valueSpan) && valueEndGap is >= 0 and <= byte.MaxValue && valueSpan.Length >= 0)
        {
            _positions = span.Positions;
            _start = span.Start;
            _length = span.Length;
            _valueStart = valueSpan.Start;
            _valueEndGap = (byte)valueEndGap;
        }
        else
        {
            _positions = new Detail(span, valueSpan, rawText);
            _start = 0;
            _length = 0;
            _valueStart = 0;
            _valueEndGap = 0;
        }
    }

    // A prompt left as a slice of the source until read; the caller checked that the two spans
    // share the prompts' line table and fit the compact fields.
    private AttributeEntry(string key, DeferredText prompts, SourceSpan span, SourceSpan valueSpan)
    {
        Key = key;
        _value = null;
        _kind = (byte)AttributeValueKind.String;
        _origin = (byte)AttributeOrigin.Explicit;
        _positions = prompts;
        _start = span.Start;
        _length = span.Length;
        _valueStart = valueSpan.Start;
        _valueEndGap = (byte)(span.End - valueSpan.End);
    }

    // A copy with another value, kind or origin, sharing the location fields.
    private AttributeEntry(in AttributeEntry location, string? value, AttributeValueKind kind, AttributeOrigin origin, bool keepRawText)
    {
        Key = location.Key;
        _value = value;
        _kind = (byte)kind;
        _origin = (byte)origin;
        _positions = location._positions is Detail detail && detail.RawText is not null && !keepRawText
            ? new Detail(detail.Span, detail.ValueSpan, rawText: null)
            : location._positions;
        _start = location._start;
        _length = location._length;
        _valueStart = location._valueStart;
        _valueEndGap = location._valueEndGap;
    }

    /// <summary>Gets the key.</summary>
    public readonly string Key { get; }

    /// <summary>Gets the value as text; builds (and keeps) a deferred prompt on first read.</summary>
    public string Value => _value ?? BuildDeferredValue();

    /// <summary>Gets how the value was written.</summary>
    public readonly AttributeValueKind Kind => (AttributeValueKind)_kind;

    /// <summary>Gets where the value came from.</summary>
    public readonly AttributeOrigin Origin => (AttributeOrigin)_origin;

    /// <summary>Gets the location of the whole <c>key=value</c>.</summary>
    public readonly SourceSpan Span => _positions is Detail detail ? detail.Span : SourceSpan.FromParts(_start, _length, SharedPositions);

    /// <summary>Gets the location of the value (inside the quotes for strings).</summary>
    public readonly SourceSpan ValueSpan => _positions is Detail detail ? detail.ValueSpan : SourceSpan.FromParts(_valueStart, ValueLength, SharedPositions);

    /// <summary>Gets a value indicating whether the value is empty or white space, without building a deferred prompt.</summary>
    public readonly bool IsBlankValue => _value is null && _positions is DeferredText prompts
        ? prompts.IsBlank(_valueStart, ValueLength)
        : Validation.LintSupport.IsBlank(_value ?? BuildUncached());

    /// <summary>Gets the value exactly as written between the quotes when it contained escapes; null when the value equals the source text.</summary>
    public readonly string? RawText => (_positions as Detail)?.RawText;

    private readonly int ValueLength => _start + _length - _valueEndGap - _valueStart;

    // The line table of the compact fields; a deferred prompt keeps it in its DeferredText.
    private readonly object? SharedPositions => _positions is DeferredText prompts ? prompts.Positions : _positions;

    /// <summary>Creates an entry; <paramref name="rawText"/> is the text between the quotes when it differs from the value.</summary>
    public static AttributeEntry Create(string key, string value, AttributeValueKind kind, AttributeOrigin origin, SourceSpan span, SourceSpan valueSpan, string? rawText = null) =>
        new(key, value, kind, origin, span, valueSpan, rawText);

    /// <summary>A value (a prompt, with <c>$goal</c> expanded; a label) built the first time its value is read; eagerly when the spans do not fit the compact fields.</summary>
    public static AttributeEntry Deferred(string key, DeferredText prompts, SourceSpan span, SourceSpan valueSpan)
    {
        var valueEndGap = span.End - valueSpan.End;
        return SourceSpan.CanShare(span, valueSpan) && ReferenceEquals(span.Positions, prompts.Positions) && valueEndGap is >= 0 and <= byte.MaxValue && valueSpan.Length >= 0
            ? new AttributeEntry(key, prompts, span, valueSpan)
            : new AttributeEntry(key, prompts.Expand(valueSpan.Start, valueSpan.Length), AttributeValueKind.String, AttributeOrigin.Explicit, span, valueSpan, rawText: null);
    }

    /// <summary>Returns a copy with another value and origin, keeping the location.</summary>
    public readonly AttributeEntry WithValue(string value, AttributeOrigin origin) => new(this, value, AttributeValueKind.String, origin, keepRawText: false);

    /// <summary>Returns a copy with another origin; a deferred value stays deferred.</summary>
    public readonly AttributeEntry WithOrigin(AttributeOrigin origin) => new(this, _value, Kind, origin, keepRawText: true);

    private string BuildDeferredValue()
    {
        var value = BuildUncached();
        _value = value;
        return value;
    }

    private readonly string BuildUncached() => _value ?? ((DeferredText)_positions!).Expand(_valueStart, ValueLength);

    /// <summary>What does not fit the compact fields: spans that cannot share one line table, the raw text.</summary>
    private sealed class Detail
    {
        public Detail(SourceSpan span, SourceSpan valueSpan, string? rawText)
        {
            Span = span;
            ValueSpan = valueSpan;
            RawText = rawText;
        }

        public SourceSpan Span { get; }

        public SourceSpan ValueSpan { get; }

        public string? RawText { get; }
    }
}
