// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;

namespace Attractor.Agent.Patching;

/// <summary>
/// A text file split into lines, remembering what the split removed so that <see cref="Render"/>
/// writes the same line ending, trailing newline and byte order mark back.
/// </summary>
internal sealed class TextFile
{
    private TextFile(List<string> lines, string newLine, bool trailingNewline, bool byteOrderMark)
    {
        Lines = lines;
        NewLine = newLine;
        TrailingNewline = trailingNewline;
        ByteOrderMark = byteOrderMark;
    }

    public List<string> Lines { get; }

    /// <summary>Gets the file's line ending: that of its first line (CRLF or LF).</summary>
    public string NewLine { get; }

    public bool TrailingNewline { get; }

    public bool ByteOrderMark { get; }

    public static TextFile Parse(string content)
    {
        var bom = content.StartsWith('\uFEFF');
        if (bom)
        {
            content = content[1..];
        }

        var firstNewline = content.IndexOf('\n', StringComparison.Ordinal);
        var newLine = firstNewline > 0 && content[firstNewline - 1] == '\r' ? "\r\n" : "\n";
        if (content.Length == 0)
        {
            // An empty file gets a trailing newline once lines are added, as a new file would.
            return new TextFile([], newLine, trailingNewline: true, bom);
        }

        var lines = new List<string>(content.Split('\n'));
        var trailing = lines[^1].Length == 0;
        if (trailing)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].EndsWith('\r'))
            {
                lines[i] = lines[i][..^1];
            }
        }

        return new TextFile(lines, newLine, trailing, bom);
    }

    public string Render()
    {
        var builder = new StringBuilder();
        if (ByteOrderMark)
        {
            builder.Append('\uFEFF');
        }

        builder.AppendJoin(NewLine, Lines);
        if (TrailingNewline && Lines.Count > 0)
        {
            builder.Append(NewLine);
        }

        return builder.ToString();
    }
}
