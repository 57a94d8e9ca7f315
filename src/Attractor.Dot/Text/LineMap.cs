// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;

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
    private int[] _starts;
    private int _count;

    /// <summary>Initializes a new instance of the <see cref="LineMap"/> class.</summary>
    /// <param name="textLength">The length of the text, to size the table.</param>
    /// <param name="firstLineStart">Where line 1 starts (1 after a byte order mark).</param>
    public LineMap(int textLength, int firstLineStart)
    {
        _starts = new int[Math.Max(16, textLength / 64)];
        _starts[0] = firstLineStart;
        _count = 1;
    }

    /// <summary>Gets the number of lines seen so far.</summary>
    public int LineCount => _count;

    /// <summary>Records that a line starts at <paramref name="offset"/>; a line start already recorded is ignored.</summary>
    public void AddLineStart(int offset)
    {
        // The lexer rescans the rest of a line after an unterminated string, so it can pass the
        // same line break twice.
        if (offset <= _starts[_count - 1])
        {
            return;
        }

        if (_count == _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
        }

        _starts[_count++] = offset;
    }

    /// <summary>Gets the 1-based line of an offset.</summary>
    public int GetLine(int offset) => LineIndex(offset) + 1;

    /// <summary>Gets the 1-based column of an offset.</summary>
    public int GetColumn(int offset) => offset - _starts[LineIndex(offset)] + 1;

    private int LineIndex(int offset)
    {
        // The last line start at or before the offset.
        int low = 0, high = _count - 1;
        while (low < high)
        {
            var middle = low + ((high - low + 1) >> 1);
            if (_starts[middle] <= offset)
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
