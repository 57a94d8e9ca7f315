// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot;

/// <summary>
/// The offsets at which the lines of one source file start, so a <see cref="SourceSpan"/> can store
/// just an offset and a length and compute its line and column when asked. Lines end at <c>\n</c>
/// (a <c>\r</c> before it is part of the line); columns count UTF-16 characters from 1.
/// </summary>
/// <remarks>
/// The lexer appends the start of each line as it passes it; spans made while lexing only ask
/// about offsets already passed, so the table is complete for every question asked of it.
/// </remarks>
internal sealed class LineMap
{
    // The starts are kept in a segmented list (segments of 32 KB), not one array grown by doubling:
    // the table lives as long as the graph, and one array for a large file (~60,000 lines for a
    // 20,000-node pipeline) would land on the large-object heap, with copies of each smaller size
    // left behind as garbage.
    private readonly SegmentedList<int> _starts;
    private int _last;

    /// <summary>Initializes a new instance of the <see cref="LineMap"/> class.</summary>
    /// <param name="textLength">The length of the text, to size the first segment.</param>
    /// <param name="firstLineStart">Where line 1 starts (1 after a byte order mark).</param>
    public LineMap(int textLength, int firstLineStart)
    {
        // A line per ~64 characters at most in practice; the list still grows past that.
        _starts = new SegmentedList<int>(textLength / 64);
        _starts.Add(firstLineStart);
        _last = firstLineStart;
    }

    /// <summary>Gets the number of lines seen so far.</summary>
    public int LineCount => _starts.Count;

    /// <summary>Records that a line starts at <paramref name="offset"/>; a line start already recorded is ignored.</summary>
    public void AddLineStart(int offset)
    {
        // The lexer rescans the rest of a line after an unterminated string, so it can pass the
        // same line break twice.
        if (offset <= _last)
        {
            return;
        }

        _starts.Add(offset);
        _last = offset;
    }

    /// <summary>Gets the 1-based line of an offset.</summary>
    public int GetLine(int offset) => LineIndex(offset) + 1;

    /// <summary>Gets the 1-based column of an offset.</summary>
    public int GetColumn(int offset) => offset - Start(LineIndex(offset)) + 1;

    private int Start(int line) => _starts[line];

    private int LineIndex(int offset)
    {
        // The last line start at or before the offset.
        int low = 0, high = _starts.Count - 1;
        while (low < high)
        {
            var middle = low + ((high - low + 1) >> 1);
            if (Start(middle) <= offset)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }
}
