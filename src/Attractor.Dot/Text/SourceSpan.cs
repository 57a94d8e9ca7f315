// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot;

/// <summary>
/// A range of source text: a character offset and length (for editors and the compiler) and the
/// 1-based line and column of both ends (for people and MSBuild's canonical error format).
/// </summary>
/// <remarks>
/// <para>The default value means "no location", e.g. for graphs built in code.</para>
/// <para>
/// Spans made by the parser store only the offset, the length and a reference to the file's line
/// table; the line and column are computed when asked for, so a parsed graph does not carry four
/// extra integers per location. Two spans are equal when their offsets, lengths, lines and columns
/// are, however they are stored.
/// </para>
/// </remarks>
public readonly record struct SourceSpan
{
    // A LineMap (parsed spans: line and column computed from the offsets) or a FixedPosition
    // (spans built with explicit lines and columns); null for an unknown location.
    private readonly object? _positions;

    /// <summary>Initializes a new instance of the <see cref="SourceSpan"/> struct.</summary>
    /// <param name="start">The offset of the first character.</param>
    /// <param name="length">The number of characters.</param>
    /// <param name="startLine">The 1-based line of the first character; 0 for an unknown location.</param>
    /// <param name="startColumn">The 1-based column of the first character.</param>
    /// <param name="endLine">The 1-based line of the end.</param>
    /// <param name="endColumn">The 1-based column just past the end.</param>
    public SourceSpan(int start, int length, int startLine, int startColumn, int endLine, int endColumn)
    {
        Start = start;
        Length = length;
        _positions = startLine == 0 && startColumn == 0 && endLine == 0 && endColumn == 0
            ? null
            : new FixedPosition(startLine, startColumn, endLine, endColumn);
    }

    internal SourceSpan(int start, int length, LineMap lines)
    {
        Start = start;
        Length = length;
        _positions = lines;
    }

    // Rebuilds a span from its parts (see Positions): a line table, null, or the explicit
    // positions of a span with exactly this start and length.
    private SourceSpan(int start, int length, object? positions)
    {
        Start = start;
        Length = length;
        _positions = positions;
    }

    /// <summary>Gets the offset of the first character.</summary>
    public int Start { get; }

    /// <summary>Gets the number of characters.</summary>
    public int Length { get; }

    /// <summary>Gets the 1-based line of the first character; 0 for an unknown location.</summary>
    public int StartLine => _positions switch
    {
        LineMap lines => lines.GetLine(Start),
        FixedPosition fixedPosition => fixedPosition.StartLine,
        _ => 0,
    };

    /// <summary>Gets the 1-based column of the first character.</summary>
    public int StartColumn => _positions switch
    {
        LineMap lines => lines.GetColumn(Start),
        FixedPosition fixedPosition => fixedPosition.StartColumn,
        _ => 0,
    };

    /// <summary>Gets the 1-based line of the end.</summary>
    public int EndLine => _positions switch
    {
        LineMap lines => lines.GetLine(End),
        FixedPosition fixedPosition => fixedPosition.EndLine,
        _ => 0,
    };

    /// <summary>Gets the 1-based column just past the end.</summary>
    public int EndColumn => _positions switch
    {
        LineMap lines => lines.GetColumn(End),
        FixedPosition fixedPosition => fixedPosition.EndColumn,
        _ => 0,
    };

    /// <summary>Gets a value indicating whether this span points into a source file.</summary>
    public bool IsKnown => _positions is LineMap || StartLine > 0;

    /// <summary>Gets the offset just past the end of the span.</summary>
    public int End => Start + Length;

    /// <summary>Gets the line table of the file this span was parsed from, or null.</summary>
    internal LineMap? Lines => _positions as LineMap;

    /// <summary>Gets what the line and column are computed from; spans of one parse share it.</summary>
    internal object? Positions => _positions;

    /// <summary>
    /// Rebuilds a span stored as <paramref name="start"/>, <paramref name="length"/> and the
    /// <see cref="Positions"/> of a span with that same start and length (or of any span of the same
    /// parse, when those are a line table). Lets the model keep one reference for several spans.
    /// </summary>
    internal static SourceSpan FromParts(int start, int length, object? positions) => new(start, length, positions);

    /// <summary>Returns whether two spans can be stored with one shared <see cref="Positions"/> reference.</summary>
    internal static bool CanShare(in SourceSpan first, in SourceSpan second) =>
        ReferenceEquals(first._positions, second._positions) && (first._positions is null or LineMap || (first.Start == second.Start && first.Length == second.Length));

    /// <summary>Deconstructs the span into its offset, length, lines and columns.</summary>
    /// <param name="start">The offset of the first character.</param>
    /// <param name="length">The number of characters.</param>
    /// <param name="startLine">The 1-based line of the first character.</param>
    /// <param name="startColumn">The 1-based column of the first character.</param>
    /// <param name="endLine">The 1-based line of the end.</param>
    /// <param name="endColumn">The 1-based column just past the end.</param>
    public void Deconstruct(out int start, out int length, out int startLine, out int startColumn, out int endLine, out int endColumn)
    {
        start = Start;
        length = Length;
        startLine = StartLine;
        startColumn = StartColumn;
        endLine = EndLine;
        endColumn = EndColumn;
    }

    /// <summary>Returns the smallest span covering both spans; an unknown span is ignored.</summary>
    public SourceSpan Union(SourceSpan other)
    {
        if (!IsKnown)
        {
            return other;
        }

        if (!other.IsKnown)
        {
            return this;
        }

        var first = other.Start < Start ? other : this;
        var last = other.End > End ? other : this;
        if (_positions is LineMap lines && ReferenceEquals(lines, other._positions))
        {
            return new SourceSpan(first.Start, last.End - first.Start, lines);
        }

        return new SourceSpan(first.Start, last.End - first.Start, first.StartLine, first.StartColumn, last.EndLine, last.EndColumn);
    }

    /// <inheritdoc />
    public bool Equals(SourceSpan other)
    {
        if (Start != other.Start || Length != other.Length)
        {
            return false;
        }

        return ReferenceEquals(_positions, other._positions)
            || (StartLine == other.StartLine && StartColumn == other.StartColumn && EndLine == other.EndLine && EndColumn == other.EndColumn);
    }

    /// <inheritdoc />
    public override int GetHashCode() => unchecked((Start * 397) ^ Length);

    /// <inheritdoc />
    public override string ToString() => IsKnown ? $"({StartLine},{StartColumn},{EndLine},{EndColumn})" : "(unknown)";

    private sealed class FixedPosition
    {
        public FixedPosition(int startLine, int startColumn, int endLine, int endColumn)
        {
            StartLine = startLine;
            StartColumn = startColumn;
            EndLine = endLine;
            EndColumn = endColumn;
        }

        public int StartLine { get; }

        public int StartColumn { get; }

        public int EndLine { get; }

        public int EndColumn { get; }
    }
}
