// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Syntax;

/// <summary>One token with its location; <see cref="Text"/> is unescaped for strings.</summary>
internal readonly struct Token
{
    private readonly LineMap _lines;

    public Token(TokenKind kind, string? text, string? rawText, int start, int length, LineMap lines, bool firstOnLine, Keyword keyword = Keyword.None, bool hasEscapes = false)
    {
        HasEscapes = hasEscapes;
        Keyword = keyword;
        Kind = kind;
        Text = text;
        RawText = rawText;
        Start = start;
        Length = length;
        _lines = lines;
        FirstOnLine = firstOnLine;
    }

    public TokenKind Kind { get; }

    /// <summary>Gets the keyword this word spells, if any.</summary>
    public Keyword Keyword { get; }

    /// <summary>Gets the word, or the unescaped string content.</summary>
    public string? Text { get; }

    /// <summary>Gets a value indicating whether a string left without its text (see <see cref="Lexer.DeferNextString"/>) contains escapes.</summary>
    public bool HasEscapes { get; }

    /// <summary>Gets the string content as written, when it differs from <see cref="Text"/>.</summary>
    public string? RawText { get; }

    public int Start { get; }

    public int Length { get; }

    /// <summary>Gets the 1-based line of the first character (computed; for messages only).</summary>
    public int Line => _lines.GetLine(Start);

    /// <summary>Gets the 1-based column of the first character (computed; for messages only).</summary>
    public int Column => _lines.GetColumn(Start);

    /// <summary>Gets a value indicating whether a line break precedes this token; used to resynchronise after errors.</summary>
    public bool FirstOnLine { get; }

    public SourceSpan Span => new(Start, Length, _lines);

    /// <summary>Gets the location of a string's content, without the quotes.</summary>
    public SourceSpan ContentSpan => Kind == TokenKind.String && Length >= 2
        ? new SourceSpan(Start + 1, Length - 2, _lines)
        : Span;

    public bool IsKeyword(Keyword keyword) => Keyword == keyword;

    public override string ToString() => Kind + (Text is null ? string.Empty : " '" + Text + "'");
}
