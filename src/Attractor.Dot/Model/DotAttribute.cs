// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot;

/// <summary>One <c>key=value</c> pair with the location of its key and value.</summary>
public sealed class DotAttribute
{
    // A large pipeline has tens of thousands of attributes, all alive as long as its graph, so the
    // object is kept to 56 bytes (from 96): the two spans are stored as offsets plus one shared line
    // table (SourceSpan.Positions) instead of two 24-byte spans; the value ends where the whole
    // attribute does or just before it (the closing quote), so its end is a byte; the enums are
    // bytes; the rare parts (the raw text of a value with escapes, spans that cannot share a line
    // table or have another shape) go into a Detail. A long prompt may be left unbuilt until read
    // (see DeferredPrompts): _value is then null and _positions the DeferredPrompts, which holds the
    // line table in its place.
    private readonly object? _positions;
    private string? _value;
    private readonly int _start;
    private readonly int _length;
    private readonly int _valueStart;
    private readonly byte _valueEndGap;
    private readonly byte _kind;
    private readonly byte _origin;

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
        }
    }

    // A prompt left as a slice of the source until read (see DeferredPrompts); the caller checked
    // that the two spans share the prompts' line table and fit the compact fields.
    private DotAttribute(string key, DeferredPrompts prompts, SourceSpan span, SourceSpan valueSpan)
    {
        Key = key;
        _kind = (byte)AttributeValueKind.String;
        _origin = (byte)AttributeOrigin.Explicit;
        _positions = prompts;
        _start = span.Start;
        _length = span.Length;
        _valueStart = valueSpan.Start;
        _valueEndGap = (byte)(span.End - valueSpan.End);
    }

    // A copy with another value, kind or origin, sharing the location fields.
    private DotAttribute(DotAttribute location, string value, AttributeValueKind kind, AttributeOrigin origin, bool keepRawText)
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
    public string Key { get; }

    /// <summary>Gets the value as text; quoted strings are unescaped.</summary>
    public string Value => _value ?? BuildDeferredValue();

    /// <summary>Gets how the value was written.</summary>
    public AttributeValueKind Kind => (AttributeValueKind)_kind;

    /// <summary>Gets where the value came from.</summary>
    public AttributeOrigin Origin => (AttributeOrigin)_origin;

    /// <summary>Gets the location of the whole <c>key=value</c>.</summary>
    public SourceSpan Span => _positions is Detail detail ? detail.Span : SourceSpan.FromParts(_start, _length, SharedPositions);

    /// <summary>Gets the location of the value (inside the quotes for strings).</summary>
    public SourceSpan ValueSpan => _positions is Detail detail ? detail.ValueSpan : SourceSpan.FromParts(_valueStart, ValueLength, SharedPositions);

    /// <summary>Gets a value indicating whether the value is empty or white space, without building a deferred prompt.</summary>
    internal bool IsBlankValue => _value is null && _positions is DeferredPrompts prompts
        ? prompts.IsBlank(_valueStart, ValueLength)
        : Validation.LintSupport.IsBlank(Value);

    private int ValueLength => _start + _length - _valueEndGap - _valueStart;

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
    internal static DotAttribute DeferredPrompt(string key, DeferredPrompts prompts, SourceSpan span, SourceSpan valueSpan)
    {
        var valueEndGap = span.End - valueSpan.End;
        return SourceSpan.CanShare(span, valueSpan) && ReferenceEquals(span.Positions, prompts.Positions) && valueEndGap is >= 0 and <= byte.MaxValue && valueSpan.Length >= 0
            ? new DotAttribute(key, prompts, span, valueSpan)
            : new DotAttribute(key, prompts.Expand(valueSpan.Start, valueSpan.Length), AttributeValueKind.String, AttributeOrigin.Explicit, span, valueSpan, rawText: null);
    }

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
        var value = ((DeferredPrompts)_positions!).Expand(_valueStart, ValueLength);
        _value = value;
        return value;
    }

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
