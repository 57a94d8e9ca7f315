// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text;

namespace Attractor.Dot.Syntax;

/// <summary>
/// Turns DOT text into tokens on demand. Comments are skipped here, so a <c>//</c> inside a
/// string is never mistaken for one; malformed input becomes a token plus a diagnostic, never an exception.
/// </summary>
internal sealed class Lexer
{
    private readonly string _text;
    private readonly SyntaxDiagnostics _diagnostics;
    private readonly StringBuilder _buffer = new();
    private static readonly char[] StringStops = { '"', '\\', '\n' };
    private static readonly bool[] AsciiWordChars = CreateWordCharTable();
    private readonly StringTable _words;
    private readonly LineMap _lines;
    private int _position;
    private int _lineStart;
    private int _deferMinLength = -1;

    public Lexer(string text, SyntaxDiagnostics diagnostics)
    {
        _text = text;
        _diagnostics = diagnostics;
        _words = new StringTable(text.Length);

        // A UTF-8 BOM decoded as U+FEFF is not content.
        if (_text.Length > 0 && _text[0] == '\uFEFF')
        {
            _position = 1;
            _lineStart = 1;
        }

        _lines = new LineMap(text, _lineStart);
    }

    /// <summary>Gets the line table of the text.</summary>
    public LineMap Lines => _lines;

    /// <summary>Gets a value indicating whether an unterminated string or comment was seen; later errors may be its echo.</summary>
    public bool SawUnterminated { get; private set; }

    /// <summary>Hands the lexer's scratch storage back once the last token has been read.</summary>
    public void Release() => _words.Release();

    /// <summary>
    /// Asks that the next token, when it is a string longer than <paramref name="minLength"/>, be
    /// returned without its text (<see cref="Token.Text"/> null; <see cref="Token.HasEscapes"/> says
    /// whether it has escapes, which are still checked): the parser keeps the value as a slice of the
    /// source, built when read (a prompt with <c>$goal</c> expanded, see <see cref="DeferredText"/>),
    /// so neither the string, nor the string as written, nor its entry in the string table is made
    /// during the parse. Applies to the next token only.
    /// </summary>
    public void DeferNextString(int minLength) => _deferMinLength = minLength;

    public Token Next()
    {
        var defer = _deferMinLength;
        _deferMinLength = -1;
        var firstOnLine = SkipTrivia();
        if (_position >= _text.Length)
        {
            return Make(TokenKind.EndOfFile, null, _position, 0, firstOnLine);
        }

        var c = _text[_position];
        switch (c)
        {
            case '{': return Single(TokenKind.OpenBrace, firstOnLine);
            case '}': return Single(TokenKind.CloseBrace, firstOnLine);
            case '[': return Single(TokenKind.OpenBracket, firstOnLine);
            case ']': return Single(TokenKind.CloseBracket, firstOnLine);
            case '=': return Single(TokenKind.Equals, firstOnLine);
            case ';': return Single(TokenKind.Semicolon, firstOnLine);
            case ',': return Single(TokenKind.Comma, firstOnLine);
            case ':': return Single(TokenKind.Colon, firstOnLine);
            case '"': return LexString(firstOnLine, defer);
            case '<': return LexHtml(firstOnLine);
            case '-':
                if (Peek(1) == '>')
                {
                    return Fixed(TokenKind.Arrow, 2, firstOnLine);
                }

                if (Peek(1) == '-')
                {
                    return Fixed(TokenKind.UndirectedEdge, 2, firstOnLine);
                }

                break;
        }

        if (IsWordChar(c))
        {
            return LexWord(firstOnLine);
        }

        var start = _position;
        var length = char.IsHighSurrogate(c) && _position + 1 < _text.Length ? 2 : 1;
        _position += length;
        var token = Make(TokenKind.Unknown, _text.Substring(start, length), start, length, firstOnLine);
        _diagnostics.Report(
            DiagnosticDescriptors.UnexpectedCharacter,
            token.Span,
            "Unexpected character '" + token.Text + "'.",
            "Remove it, or put the text in double quotes.");
        return token;
    }

    internal static bool IsWordChar(char c) => c < 128 ? AsciiWordChars[c] : char.IsLetterOrDigit(c);

    private static bool[] CreateWordCharTable()
    {
        var table = new bool[128];
        for (var c = 0; c < 128; c++)
        {
            table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
        }

        return table;
    }

    private char Peek(int offset) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

    private bool SkipTrivia()
    {
        var sawNewLine = _position == 0 || _position == _lineStart;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '\n')
            {
                NewLine(_position + 1);
                _position++;
                sawNewLine = true;
            }
            else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
            {
                _position++;
            }
            else if (c == '/' && Peek(1) == '/')
            {
                SkipToEndOfLine();
            }
            else if (c == '#' && _position == LineIndentEnd())
            {
                // Graphviz discards lines starting with '#' (C preprocessor output).
                SkipToEndOfLine();
            }
            else if (c == '/' && Peek(1) == '*')
            {
                SkipBlockComment();
            }
            else
            {
                break;
            }
        }

        return sawNewLine;
    }

    private int LineIndentEnd()
    {
        var i = _lineStart;
        while (i < _text.Length && (_text[i] == ' ' || _text[i] == '\t'))
        {
            i++;
        }

        return i;
    }

    private void SkipToEndOfLine()
    {
        var newLine = _text.IndexOf('\n', _position);
        _position = newLine < 0 ? _text.Length : newLine;
    }

    private void SkipBlockComment()
    {
        var start = _position;
        _position += 2;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '*' && Peek(1) == '/')
            {
                _position += 2;
                return;
            }

            if (c == '\n')
            {
                NewLine(_position + 1);
            }

            _position++;
        }

        SawUnterminated = true;
        _diagnostics.Report(
            DiagnosticDescriptors.UnterminatedComment,
            new SourceSpan(start, 2, _lines),
            "Block comment is not closed; everything after it is ignored.",
            "Close the comment with '*/'.");
    }

    private void NewLine(int nextLineStart) => _lineStart = nextLineStart;

    private Token Single(TokenKind kind, bool firstOnLine) => Fixed(kind, 1, firstOnLine);

    private Token Fixed(TokenKind kind, int length, bool firstOnLine)
    {
        var start = _position;
        _position += length;
        return Make(kind, null, start, length, firstOnLine);
    }

    private Token Make(TokenKind kind, string? text, int start, int length, bool firstOnLine) =>
        new(kind, text, null, start, length, _lines, firstOnLine);

    private Token LexWord(bool firstOnLine)
    {
        var text = _text;
        var start = _position;
        var position = start;

        // The interning hash is computed while scanning, so each character is read once.
        var hash = StringTable.InitialHash;
        while (position < text.Length)
        {
            var c = text[position];
            if (c < 128 ? !AsciiWordChars[c] : !char.IsLetterOrDigit(c))
            {
                if (!(c == ':' && position > start && IsValueColon(position)))
                {
                    break;
                }
            }
            else if (c == '-' && position + 1 < text.Length && (text[position + 1] == '>' || text[position + 1] == '-'))
            {
                break;
            }

            hash = StringTable.Hash(hash, c);
            position++;
        }

        _position = position;
        var length = position - start;
        return new Token(TokenKind.Word, _words.Get(text, start, length, hash), null, start, length, _lines, firstOnLine, ClassifyKeyword(text, start, length));
    }

    private static Keyword ClassifyKeyword(string text, int start, int length)
    {
        var candidate = length switch
        {
            4 => (text[start] | 0x20) == 'n' ? Keyword.Node : Keyword.Edge,
            5 => Keyword.Graph,
            6 => Keyword.Strict,
            7 => Keyword.Digraph,
            8 => Keyword.Subgraph,
            _ => Keyword.None,
        };

        if (candidate == Keyword.None)
        {
            return Keyword.None;
        }

        var spelling = candidate switch
        {
            Keyword.Node => "node",
            Keyword.Edge => "edge",
            Keyword.Graph => "graph",
            Keyword.Strict => "strict",
            Keyword.Digraph => "digraph",
            _ => "subgraph",
        };

        return string.Compare(text, start, spelling, 0, length, StringComparison.OrdinalIgnoreCase) == 0 ? candidate : Keyword.None;
    }

    // "summary:high" and "claude:opus" are single bare values (§2.2 BareValue allows ':'),
    // but "a:port" after a node ID is port syntax; the parser tells those apart by context,
    // so the lexer only joins a colon when a word character follows it directly.
    private bool IsValueColon(int position) => position + 1 < _text.Length && IsWordChar(_text[position + 1]) && _text[position + 1] != '-';

    private Token LexString(bool firstOnLine, int deferMinLength)
    {
        var start = _position;
        var startLineStart = _lineStart;
        _position++;
        var contentStart = _position;
        var hasEscapes = false;
        List<SourceSpan>? unknownEscapes = null;
        while (_position < _text.Length)
        {
            if (!hasEscapes)
            {
                // Jump over plain text; only quotes, escapes and line breaks need attention.
                var stop = _text.IndexOfAny(StringStops, _position);
                _position = stop < 0 ? _text.Length : stop;
                if (stop < 0)
                {
                    break;
                }
            }

            var c = _text[_position];
            if (c == '"')
            {
                _position++;
                ReportUnknownEscapes(unknownEscapes);
                if (deferMinLength >= 0 && _position - 1 - contentStart > deferMinLength)
                {
                    return new Token(TokenKind.String, null, null, start, _position - start, _lines, firstOnLine, hasEscapes: hasEscapes);
                }

                var raw = _words.Get(_text, contentStart, _position - 1 - contentStart);
                var value = hasEscapes ? _buffer.ToString() : raw;
                return new Token(TokenKind.String, value, hasEscapes ? raw : null, start, _position - start, _lines, firstOnLine);
            }

            if (c == '\\' && _position + 1 < _text.Length)
            {
                if (!hasEscapes)
                {
                    // Most strings have no escapes; copy only once the first one appears.
                    hasEscapes = true;
                    _buffer.Clear();
                    _buffer.Append(_text, contentStart, _position - contentStart);
                }

                var next = _text[_position + 1];
                switch (next)
                {
                    case '"': _buffer.Append('"'); break;
                    case '\\': _buffer.Append('\\'); break;
                    case 'n': _buffer.Append('\n'); break;
                    case 't': _buffer.Append('\t'); break;
                    case '\n':
                        // Line continuation: backslash-newline is removed, as in Graphviz.
                        NewLine(_position + 2);
                        break;
                    case '\r' when _position + 2 < _text.Length && _text[_position + 2] == '\n':
                        NewLine(_position + 3);
                        _position++;
                        break;
                    default:
                        // Reported only once the string is known to be closed: an unterminated
                        // string hands the following lines back to the parser as DOT.
                        (unknownEscapes ??= new List<SourceSpan>()).Add(EscapeSpan());
                        _buffer.Append('\\').Append(next);
                        break;
                }

                _position += 2;
                continue;
            }

            if (c == '\n')
            {
                NewLine(_position + 1);
            }

            if (hasEscapes)
            {
                _buffer.Append(c);
            }

            _position++;
        }

        // Unterminated: report at the opening quote, then resume after the opening line so the
        // rest of the file is still checked instead of vanishing into one giant string.
        SawUnterminated = true;
        _diagnostics.Report(
            DiagnosticDescriptors.UnterminatedString,
            new SourceSpan(start, 1, _lines),
            "String is not closed before the end of the file.",
            "Add the closing '\"'.");
        var lineEnd = _text.IndexOf('\n', contentStart);
        var end = lineEnd < 0 ? _text.Length : lineEnd;
        _position = end;
        _lineStart = startLineStart;
        var content = _text.Substring(contentStart, end - contentStart).TrimEnd('\r');
        return new Token(TokenKind.String, content, null, start, end - start, _lines, firstOnLine);
    }

    private SourceSpan EscapeSpan() => new(_position, 2, _lines);

    private void ReportUnknownEscapes(List<SourceSpan>? spans)
    {
        if (spans is null)
        {
            return;
        }

        foreach (var span in spans)
        {
            var escape = _text.Substring(span.Start, 2);
            _diagnostics.Report(
                DiagnosticDescriptors.UnknownEscape,
                span,
                "Unknown escape sequence '" + escape + "' is kept as written; the spec defines \\\", \\\\, \\n and \\t.",
                "Write '\\" + escape + "' for a literal backslash.");
        }
    }

    private Token LexHtml(bool firstOnLine)
    {
        var start = _position;
        var startLineStart = _lineStart;
        var depth = 0;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '<')
            {
                depth++;
            }
            else if (c == '>')
            {
                depth--;
                if (depth == 0)
                {
                    _position++;
                    break;
                }
            }
            else if (c == '\n')
            {
                NewLine(_position + 1);
            }

            _position++;
        }

        if (depth > 0)
        {
            // Never closed: give the following lines back, as for an unterminated string.
            SawUnterminated = true;
            var lineEnd = _text.IndexOf('\n', start);
            _position = lineEnd < 0 ? _text.Length : lineEnd;
            _lineStart = startLineStart;
        }

        var token = new Token(TokenKind.Html, _text.Substring(start, _position - start), null, start, _position - start, _lines, firstOnLine);
        _diagnostics.Report(
            DiagnosticDescriptors.HtmlLabel,
            token.Span,
            "HTML strings ('<...>') are not part of the Attractor DOT subset.",
            "Use a double-quoted string instead.");
        return token;
    }
}
