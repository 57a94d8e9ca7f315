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
    // The starts are kept in chunks of 4,096 (16 KB), filled one after the other, not in one array
    // grown by doubling: the table lives as long as the graph, and one array for a large file
    // (~60,000 lines for a 20,000-node pipeline) would land on the large-object heap, with copies
    // of each smaller size left behind as garbage.
    private const int ChunkShift = 12;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private int[][] _chunks;
    private int _count;
    private int _last;

    /// <summary>Initializes a new instance of the <see cref="LineMap"/> class.</summary>
    /// <param name="textLength">The length of the text, to size the chunk list.</param>
    /// <param name="firstLineStart">Where line 1 starts (1 after a byte order mark).</param>
    public LineMap(int textLength, int firstLineStart)
    {
        // A line per ~64 characters at most in practice; the list of chunks still grows past that.
        _chunks = new int[Math.Max(1, (textLength / 64 >> ChunkShift) + 1)][];
        _chunks[0] = new int[Math.Min(ChunkSize, Math.Max(16, textLength / 64))];
        _chunks[0][0] = firstLineStart;
        _last = firstLineStart;
        _count = 1;
    }

    /// <summary>Gets the number of lines seen so far.</summary>
    public int LineCount => _count;

    /// <summary>Records that a line starts at <paramref name="offset"/>; a line start already recorded is ignored.</summary>
    public void AddLineStart(int offset)
    {
        // The lexer rescans the rest of a line after an unterminated string, so it can pass the
        // same line break twice.
        if (offset <= _last)
        {
            return;
        }

        var chunk = _count >> ChunkShift;
        var slot = _count & ChunkMask;
        if (chunk == _chunks.Length)
        {
            Array.Resize(ref _chunks, _chunks.Length * 2);
        }

        var starts = _chunks[chunk];
        if (starts is null)
        {
            starts = _chunks[chunk] = new int[ChunkSize];
        }
        else if (slot == starts.Length)
        {
            // Only the first chunk starts small (small files); it grows up to a full chunk.
            Array.Resize(ref starts, Math.Min(ChunkSize, starts.Length * 2));
            _chunks[chunk] = starts;
        }

        starts[slot] = offset;
        _last = offset;
        _count++;
    }

    /// <summary>Gets the 1-based line of an offset.</summary>
    public int GetLine(int offset) => LineIndex(offset) + 1;

    /// <summary>Gets the 1-based column of an offset.</summary>
    public int GetColumn(int offset) => offset - Start(LineIndex(offset)) + 1;

    private int Start(int line) => _chunks[line >> ChunkShift][line & ChunkMask];

    private int LineIndex(int offset)
    {
        // The last line start at or before the offset.
        int low = 0, high = _count - 1;
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
