// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Agent.Patching;

/// <summary>
/// Parses v4a patch text (<c>*** Begin Patch</c> ... <c>*** End Patch</c>) into a
/// <see cref="PatchDocument"/>. Errors name the 1-based patch line and what was expected there.
/// </summary>
internal static class PatchParser
{
    internal const string BeginPatch = "*** Begin Patch";
    internal const string EndPatch = "*** End Patch";
    internal const string AddFile = "*** Add File: ";
    internal const string DeleteFile = "*** Delete File: ";
    internal const string UpdateFile = "*** Update File: ";
    internal const string MoveTo = "*** Move to: ";
    internal const string EndOfFile = "*** End of File";

    private const string OperationHeaders = "'*** Add File: ', '*** Delete File: ' or '*** Update File: '";

    public static PatchDocument Parse(string patch)
    {
        ArgumentNullException.ThrowIfNull(patch);

        // CRLF patches are read as LF; trailing whitespace on marker lines is ignored below.
        var lines = patch.Split('\n').Select(l => l.EndsWith('\r') ? l[..^1] : l).ToArray();
        var first = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        if (first < 0)
        {
            throw new PatchParseException(1, $"expected '{BeginPatch}', found an empty patch");
        }

        var last = Array.FindLastIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        if (HeredocTerminator(lines[first]) is { } terminator && last > first && lines[last].Trim() == terminator)
        {
            // Models sometimes send the shell form (<<'EOF' ... EOF) that codex's lenient mode
            // accepts; the wrapper lines are dropped and line numbers stay those of the text.
            first = Array.FindIndex(lines, first + 1, l => !string.IsNullOrWhiteSpace(l));
            last = Array.FindLastIndex(lines, last - 1, l => !string.IsNullOrWhiteSpace(l));
        }

        if (lines[first].Trim() != BeginPatch)
        {
            throw Error(first, $"expected '{BeginPatch}'", lines[first]);
        }

        if (last == first || lines[last].Trim() != EndPatch)
        {
            throw new PatchParseException(last + 1, $"expected '{EndPatch}' as the last line, found '{lines[last]}'");
        }

        var reader = new Reader(lines, first + 1, last);
        var operations = new List<FileOperation>();
        while (!reader.AtEnd)
        {
            var line = reader.Current;
            if (string.IsNullOrWhiteSpace(line))
            {
                reader.Advance();
            }
            else if (line.StartsWith(AddFile, StringComparison.Ordinal))
            {
                operations.Add(ParseAdd(reader));
            }
            else if (line.StartsWith(DeleteFile, StringComparison.Ordinal))
            {
                operations.Add(new DeleteFileOperation(HeaderPath(reader, DeleteFile), reader.LineNumber));
                reader.Advance();
            }
            else if (line.StartsWith(UpdateFile, StringComparison.Ordinal))
            {
                operations.Add(ParseUpdate(reader));
            }
            else if (line.Trim() == EndPatch)
            {
                throw Error(reader.Index, $"'{EndPatch}' must be the last line; expected {OperationHeaders}", line);
            }
            else
            {
                throw Error(reader.Index, $"expected {OperationHeaders}", line);
            }
        }

        if (operations.Count == 0)
        {
            // An empty patch is almost certainly a mistake; saying so beats reporting success.
            throw Error(last, $"expected at least one of {OperationHeaders}", lines[last]);
        }

        return new PatchDocument(operations);
    }

    private static AddFileOperation ParseAdd(Reader reader)
    {
        var path = HeaderPath(reader, AddFile);
        var header = reader.LineNumber;
        reader.Advance();
        var content = new List<string>();
        while (!reader.AtEnd && !reader.Current.StartsWith("***", StringComparison.Ordinal))
        {
            var line = reader.Current;
            if (line.StartsWith('+'))
            {
                content.Add(line[1..]);
            }
            else if (!(string.IsNullOrWhiteSpace(line) && reader.OnlyBlankLinesBeforeNextHeader()))
            {
                throw Error(reader.Index, $"expected a line starting with '+' in the content of '{path}' (every line of an added file starts with '+')", line);
            }

            reader.Advance();
        }

        return new AddFileOperation(path, header, content);
    }

    private static UpdateFileOperation ParseUpdate(Reader reader)
    {
        var path = HeaderPath(reader, UpdateFile);
        var header = reader.LineNumber;
        reader.Advance();
        string? moveTo = null;
        if (!reader.AtEnd && reader.Current.StartsWith(MoveTo, StringComparison.Ordinal))
        {
            moveTo = HeaderPath(reader, MoveTo);
            reader.Advance();
        }

        var hunks = new List<PatchHunk>();
        while (!reader.AtEnd && !IsOperationHeader(reader.Current))
        {
            if (string.IsNullOrWhiteSpace(reader.Current) && reader.OnlyBlankLinesBeforeNextHeader())
            {
                reader.Advance();
                continue;
            }

            if (reader.Current.StartsWith(MoveTo, StringComparison.Ordinal))
            {
                throw Error(reader.Index, $"'{MoveTo.TrimEnd()}' must directly follow '{UpdateFile}{path}'", reader.Current);
            }

            hunks.Add(ParseHunk(reader, path, first: hunks.Count == 0));
        }

        if (hunks.Count == 0 && moveTo is null)
        {
            throw new PatchParseException(header, $"'{UpdateFile}{path}' has no hunks; expected a line starting with '@@' (or a '{MoveTo}' line to only move the file)");
        }

        return new UpdateFileOperation(path, header, moveTo, hunks);
    }

    private static PatchHunk ParseHunk(Reader reader, string path, bool first)
    {
        var start = reader.LineNumber;
        var hints = new List<string>();
        var sawHeader = false;
        while (!reader.AtEnd && reader.Current.StartsWith("@@", StringComparison.Ordinal))
        {
            var line = reader.Current.TrimEnd();
            if (line != "@@" && !line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                throw Error(reader.Index, "expected '@@' or '@@ ' followed by a line of context", reader.Current);
            }

            sawHeader = true;
            var hint = line.Length > 3 ? line[3..] : string.Empty;
            if (hint.Trim().Length > 0)
            {
                hints.Add(hint);
            }

            reader.Advance();
        }

        // Only the first hunk may omit its '@@' line (codex accepts this too); later hunks are
        // separated by '@@', so a missing one means a line was not part of any hunk.
        if (!sawHeader && !first)
        {
            throw Error(reader.Index, $"expected '@@' to start the next hunk of '{path}', or a file operation", reader.Current);
        }

        var lines = new List<HunkLine>();
        var endOfFile = false;
        while (!reader.AtEnd)
        {
            var line = reader.Current;
            if (line.TrimEnd() == EndOfFile)
            {
                endOfFile = true;
                reader.Advance();
                break;
            }

            if (line.StartsWith("***", StringComparison.Ordinal) || line.StartsWith("@@", StringComparison.Ordinal))
            {
                break;
            }

            if (line.Length == 0 && reader.OnlyBlankLinesBeforeNextHeader())
            {
                // Blank lines between operations separate them; they are not context.
                break;
            }

            if (line.Length == 0)
            {
                // Editors and models drop the space of an empty context line.
                lines.Add(new HunkLine(HunkLineKind.Context, string.Empty));
            }
            else
            {
                var kind = line[0] switch
                {
                    ' ' => HunkLineKind.Context,
                    '-' => HunkLineKind.Removed,
                    '+' => HunkLineKind.Added,
                    _ => throw Error(reader.Index, $"expected a hunk line of '{path}' starting with ' ' (context), '-' (remove) or '+' (add), '@@' or '{EndOfFile}'", line),
                };
                lines.Add(new HunkLine(kind, line[1..]));
            }

            reader.Advance();
        }

        if (lines.Count == 0)
        {
            throw new PatchParseException(start, $"a hunk of '{path}' has no lines; expected lines starting with ' ', '-' or '+' after '@@'");
        }

        return new PatchHunk(start, hints, lines, endOfFile);
    }

    private static string? HeredocTerminator(string line)
    {
        var text = line.Trim();
        if (!text.StartsWith("<<", StringComparison.Ordinal))
        {
            return null;
        }

        var word = text[2..].Trim().Trim('\'', '"');
        return word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? word : null;
    }

    private static bool IsOperationHeader(string line) =>
        line.StartsWith(AddFile, StringComparison.Ordinal)
        || line.StartsWith(DeleteFile, StringComparison.Ordinal)
        || line.StartsWith(UpdateFile, StringComparison.Ordinal);

    private static string HeaderPath(Reader reader, string prefix)
    {
        var path = reader.Current[prefix.Length..].Trim();
        if (path.Length == 0)
        {
            throw Error(reader.Index, $"expected a path after '{prefix.TrimEnd()}'", reader.Current);
        }

        return path;
    }

    private static PatchParseException Error(int index, string expected, string found) =>
        new(index + 1, $"{expected}, found '{found}'");

    /// <summary>A cursor over the lines between the begin and end markers.</summary>
    private sealed class Reader(string[] lines, int start, int end)
    {
        public int Index { get; private set; } = start;

        public int LineNumber => Index + 1;

        public bool AtEnd => Index >= end;

        public string Current => lines[Index];

        public void Advance() => Index++;

        /// <summary>Whether the blank lines from here run up to an operation header or the end marker.</summary>
        public bool OnlyBlankLinesBeforeNextHeader()
        {
            for (var i = Index; i < end; i++)
            {
                if (!string.IsNullOrWhiteSpace(lines[i]))
                {
                    return IsOperationHeader(lines[i]);
                }
            }

            return true;
        }
    }
}
