// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Syntax;

/// <summary>The kinds of token in the DOT subset.</summary>
internal enum TokenKind
{
    EndOfFile,
    Word,
    String,
    Html,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Equals,
    Semicolon,
    Comma,
    Arrow,
    UndirectedEdge,
    Colon,
    Unknown,
}
