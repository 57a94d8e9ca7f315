// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot;

/// <summary>Maps character positions inside an attribute value back to the source file.</summary>
internal static class ValueLocator
{
    public static SourceSpan Locate(ref AttributeEntry attribute, int start, int length)
    {
        var origin = attribute.ValueSpan;
        if (!origin.IsKnown)
        {
            return attribute.Span;
        }

        var raw = attribute.RawText ?? attribute.Value;
        var end = start + length;
        // A parsed value's offsets are file offsets and its file's line table gives lines and columns
        // when someone asks; asking here would build that table for every load with a stylesheet.
        var lines = origin.Lines;
        int line = lines is null ? origin.StartLine : 0, column = lines is null ? origin.StartColumn : 0, offset = origin.Start;
        int valueIndex = 0, rawIndex = 0;
        SourceSpan? startSpan = null;
        var startOffset = offset;
        int startLine = line, startColumn = column;

        while (true)
        {
            if (startSpan is null && valueIndex >= start)
            {
                startSpan = default(SourceSpan);
                startOffset = offset;
                startLine = line;
                startColumn = column;
            }

            if (valueIndex >= end || rawIndex >= raw.Length)
            {
                break;
            }

            var consumedRaw = 1;
            var producedValue = 1;
            if (attribute.RawText is not null && raw[rawIndex] == '\\' && rawIndex + 1 < raw.Length)
            {
                consumedRaw = 2;
                producedValue = raw[rawIndex + 1] switch
                {
                    '"' or '\\' or 'n' or 't' => 1,
                    '\n' => 0,
                    '\r' => 0,
                    _ => 2,
                };
                if (raw[rawIndex + 1] == '\r' && rawIndex + 2 < raw.Length && raw[rawIndex + 2] == '\n')
                {
                    consumedRaw = 3;
                }
            }

            for (var i = 0; i < consumedRaw; i++)
            {
                if (raw[rawIndex + i] == '\n')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }
            }

            offset += consumedRaw;
            rawIndex += consumedRaw;
            valueIndex += producedValue;
        }

        if (startSpan is null)
        {
            startOffset = offset;
            startLine = line;
            startColumn = column;
        }

        return lines is not null
            ? new SourceSpan(startOffset, offset - startOffset, lines)
            : new SourceSpan(startOffset, offset - startOffset, startLine, startColumn, line, column);
    }
}
