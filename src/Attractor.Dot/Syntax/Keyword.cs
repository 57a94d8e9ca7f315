// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Syntax;

/// <summary>DOT keywords, recognised once by the lexer (case-insensitively, as Graphviz does).</summary>
internal enum Keyword : byte
{
    None,
    Digraph,
    Graph,
    Strict,
    Node,
    Edge,
    Subgraph,
}
