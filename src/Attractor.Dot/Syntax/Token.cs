// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Syntax;

/// <summary>One token with its location; <see cref="Text"/> is unescaped for strings.</summary>
internal readonly struct Token
{
    public Token(TokenKind kind, string? text, string? rawText, int start, int length, int line, int column, int endLine, int endColumn, bool firstOnLine, Keyword keyword = Keyword.None)
    {
        Keyword = keyword;
        Kind = kind;
        Text = text;
        RawText = rawText;
        Start = start;
        Length = length;
        Line = line;
        Column = column;
        EndLine = endLine;
        EndColumn = endColumn;
        FirstOnLine = firstOnLine;
    }

    public TokenKind Kind { get; }

    /// <summary>Gets the keyword this word spells, if any.</summary>
    public Keyword Keyword { get; }

    /// <summary>Gets the word, or the unescaped string content.</summary>
    public string? Text { get; }

    /// <summary>Gets the string content as written, when it differs from <see cref="Text"/>.</summary>
    public string? RawText { get; }

    public int Start { get; }

    public int Length { get; }

    public int Line { get; }

    public int Column { get; }

    public int EndLine { get; }

    public int EndColumn { get; }

    /// <summary>Gets a value indicating whether a line break precedes this token; used to resynchronise after errors.</summary>
    public bool FirstOnLine { get; }

    public SourceSpan Span => new(Start, Length, Line, Column, EndLine, EndColumn);

    /// <summary>Gets the location of a string's content, without the quotes.</summary>
    public SourceSpan ContentSpan => Kind == TokenKind.String && Length >= 2
        ? new SourceSpan(Start + 1, Length - 2, Line, Column + 1, EndLine, EndColumn - 1)
        : Span;

    public bool IsKeyword(Keyword keyword) => Keyword == keyword;

    public override string ToString() => Kind + (Text is null ? string.Empty : " '" + Text + "'");
}
