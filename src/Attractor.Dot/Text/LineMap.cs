// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Threading;

namespace Attractor.Dot;

/// <summary>
/// The offsets at which the lines of one source file start, so a <see cref="SourceSpan"/> can store
/// just an offset and a length and compute its line and column when asked. Lines end at <c>\n</c>
/// (a <c>\r</c> before it is part of the line); columns count UTF-16 characters from 1.
/// </summary>
/// <remarks>
/// The table is built from the text the first time a line or column is asked for, not while
/// lexing: a file that loads without a diagnostic never needs it, and a large one would otherwise
/// carry a table of every line (0.3 MB for a 20,000-node pipeline) for as long as its graph lives.
/// Until then the map keeps the text, which it lets go of once the table is built.
/// </remarks>
internal sealed class LineMap
{
    private readonly int _firstLineStart;
    private string? _text;
    private int[]? _starts;

    /// <summary>Initializes a new instance of the <see cref="LineMap"/> class.</summary>
    /// <param name="text">The source text.</param>
    /// <param name="firstLineStart">Where line 1 starts (1 after a byte order mark).</param>
    public LineMap(string text, int firstLineStart)
    {
        _text = text;
        _firstLineStart = firstLineStart;
    }

    /// <summary>Gets a value indicating whether the table has been built (a line or column was asked for).</summary>
    public bool IsBuilt => Volatile.Read(ref _starts) is not null;

    /// <summary>Gets the 1-based line of an offset.</summary>
    public int GetLine(int offset) => LineIndex(Starts, offset) + 1;

    /// <summary>Gets the 1-based column of an offset.</summary>
    public int GetColumn(int offset)
    {
        var starts = Starts;
        return offset - starts[LineIndex(starts, offset)] + 1;
    }

    // Several threads may build the table at once; they build equal tables and any may win. The
    // text is dropped only after the table is published, so a thread that still sees the text
    // finds a complete table or builds one of its own.
    private int[] Starts => Volatile.Read(ref _starts) ?? Build();

    private static int LineIndex(int[] starts, int offset)
    {
        // The last line start at or before the offset.
        int low = 0, high = starts.Length - 1;
        while (low < high)
        {
            var middle = low + ((high - low + 1) >> 1);
            if (starts[middle] <= offset)
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

    private int[] Build()
    {
        var text = Volatile.Read(ref _text);
        if (text is null)
        {
            return Volatile.Read(ref _starts)!;
        }

        var count = 1;
        for (var i = text.IndexOf('\n', _firstLineStart); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            count++;
        }

        var starts = new int[count];
        starts[0] = _firstLineStart;
        var line = 1;
        for (var i = text.IndexOf('\n', _firstLineStart); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            starts[line++] = i + 1;
        }

        Interlocked.CompareExchange(ref _starts, starts, null);
        Volatile.Write(ref _text, null);
        return Volatile.Read(ref _starts)!;
    }
}
