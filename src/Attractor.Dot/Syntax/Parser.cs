// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;

namespace Attractor.Dot.Syntax;

/// <summary>
/// Recursive-descent parser with error recovery. Statements are flattened as they are read:
/// defaults are copied into nodes and edges at creation, subgraphs only scope defaults and
/// contribute classes, chained edges expand into pairs.
/// </summary>
internal sealed class Parser
{
    private const int MaxNesting = 64;
    private readonly Lexer _lexer;
    private readonly SyntaxDiagnostics _diagnostics;
    private readonly string? _filePath;
    private const int LargeNodeTable = 4096;

    // Labels of node and edge statements up to this length go through the string table (short ones
    // repeat: "Start", "Review", "Yes", "Approve"); longer ones are mostly unique ("Retry from
    // review", "Implement the parser"), and are left as slices of the source until read: nothing
    // reads labels in bulk (lint only those of prompt-less nodes, the engine those of the edges
    // leaving one node), so a label kept unbuilt costs nothing and a built one a string per element.
    private const int DeferredLabelMinLength = 8;

    // The node table of the last large parse, emptied, for the next one: at ~24 bytes per entry a
    // table for a large file is on the large-object heap, and it does not outlive the parse.
    private static NodeTable? s_spareNodeTable;

    private readonly NodeTable _nodeTable;
    private readonly Dictionary<string, NodeBuilder> _nodes;
    private readonly List<NodeBuilder> _nodeOrder;
    private int _nodeCount;
    private readonly SegmentedList<PipelineEdge> _edges;
    private readonly List<AttributeEntry> _graphAttributes = new();
    private readonly HashSet<string> _checkedIds = new(StringComparer.Ordinal);

    // Scratch buffers reused by every statement; statements never nest inside these phases.
    private readonly List<Token> _endpoints = new();
    private readonly List<string> _endpointIds = new();
    private readonly List<int> _endpointPositions = new();
    private readonly List<AttributeEntry> _attributeScratch = new();
    private readonly AttributeArena _arena = AttributeArena.Rent();
    private readonly EntryStore _store;
    private Token _current;
    private Token? _peeked;
    private string _graphId = string.Empty;
    private SourceSpan _graphIdSpan;
    private readonly bool _applyBuiltInTransforms;
    private readonly string _text;
    private bool _builtInTransformsApplied;

    // Prompts expanded while parsing (loader only): a long prompt in a node statement, once the goal
    // is known, is left as a slice of the source that is built with $goal expanded when first read
    // (DeferredText), so neither the prompt as written nor, for lint, the expanded one is
    // allocated. Checked against the final goal when the nodes are built; see BuildGraph.
    private bool _inNodeStatement;
    private bool _inEdgeStatement;
    private string? _goalSoFar;
    private string? _preExpansionGoal;
    private bool _anyPreExpanded;
    private bool _preExpansionStale;
    private bool _lastPromptPreExpanded;
    private readonly List<DeferredText> _deferredSources = new(4);
    private bool _structureBroken;
    private int _depth;

    public Parser(string text, string? filePath, bool applyBuiltInTransforms)
    {
        _filePath = filePath;
        _applyBuiltInTransforms = applyBuiltInTransforms;
        _text = text;
        _diagnostics = new SyntaxDiagnostics(filePath);

        // Sized for a node per ~256 characters and an edge per ~128 (large generated pipelines
        // have one per ~400 and ~200), so big files do not grow them step by step: every doubling
        // copies what the parse has built so far, and the copies are garbage at once. Small files
        // get the defaults.
        _nodeTable = NodeTable.Rent(Math.Min(text.Length / 256, 1 << 20));
        _nodes = _nodeTable.Nodes;
        _nodeOrder = _nodeTable.Builders;
        _edges = new SegmentedList<PipelineEdge>(text.Length / 128);
        _lexer = new Lexer(text, _diagnostics);
        _store = new EntryStore(_lexer.Lines);
        _current = _lexer.Next();
    }

    public DotParseResult ParseFile()
    {
        SkipUntilGraphKeyword(reportFirst: true);
        if (_current.Kind == TokenKind.EndOfFile)
        {
            _structureBroken = true;
            _diagnostics.Report(
                DiagnosticDescriptors.MissingGraph,
                _current.Span,
                "No 'digraph' found; a pipeline file holds exactly one 'digraph Name { ... }'.",
                "Wrap the pipeline in 'digraph Name { ... }'.");
        }
        else
        {
            ParseGraph();
            while (_current.Kind != TokenKind.EndOfFile)
            {
                // After a broken graph header the leftovers are its body, already reported.
                SkipUntilGraphKeyword(reportFirst: !_structureBroken);
                if (_current.Kind == TokenKind.EndOfFile)
                {
                    break;
                }

                _diagnostics.Report(
                    DiagnosticDescriptors.MultipleGraphs,
                    _current.Span,
                    "A pipeline file holds exactly one graph; this second graph is ignored.",
                    "Move each graph into its own .dot file.");
                SkipGraph();
            }
        }

        var graph = BuildGraph();
        _lexer.Release();
        _nodeTable.Return(_nodeCount);
        _arena.Return();
        return new DotParseResult(graph, _diagnostics.InSourceOrder(), _diagnostics.HasErrors, !_structureBroken && !_lexer.SawUnterminated, _builtInTransformsApplied);
    }

    private static bool IsGraphKeyword(Token token) => token.IsKeyword(Keyword.Digraph) || token.IsKeyword(Keyword.Graph) || token.IsKeyword(Keyword.Strict);

    private static bool IsStandardIdentifier(string id)
    {
        if (id.Length == 0 || !(char.IsLetter(id[0]) && id[0] < 128 || id[0] == '_'))
        {
            return false;
        }

        for (var i = 1; i < id.Length; i++)
        {
            var c = id[i];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static string DeriveClass(string label)
    {
        var chars = new char[label.Length];
        var length = 0;
        foreach (var raw in label)
        {
            var c = char.ToLowerInvariant(raw);
            if (c == ' ')
            {
                chars[length++] = '-';
            }
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')
            {
                chars[length++] = c;
            }
        }

        return new string(chars, 0, length);
    }

    private static void SetAttribute(List<AttributeEntry> attributes, in AttributeEntry attribute)
    {
        for (var i = 0; i < attributes.Count; i++)
        {
            if (string.Equals(attributes[i].Key, attribute.Key, StringComparison.Ordinal))
            {
                attributes[i] = attribute;
                return;
            }
        }

        attributes.Add(attribute);
    }

    private static string Describe(in Token token) => token.Kind switch
    {
        TokenKind.EndOfFile => "end of file",
        TokenKind.Word => "'" + token.Text + "'",
        TokenKind.String => "string \"" + Shorten(token.Text) + "\"",
        TokenKind.Html => "HTML string",
        TokenKind.OpenBrace => "'{'",
        TokenKind.CloseBrace => "'}'",
        TokenKind.OpenBracket => "'['",
        TokenKind.CloseBracket => "']'",
        TokenKind.Equals => "'='",
        TokenKind.Semicolon => "';'",
        TokenKind.Comma => "','",
        TokenKind.Arrow => "'->'",
        TokenKind.UndirectedEdge => "'--'",
        TokenKind.Colon => "':'",
        _ => "'" + token.Text + "'",
    };

    private static string Shorten(string? text)
    {
        text ??= string.Empty;
        return text.Length <= 30 ? text : text.Substring(0, 27) + "...";
    }

    private SourceSpan Between(in Token first, in Token last) =>
        new(first.Start, last.Start + last.Length - first.Start, _lexer.Lines);

    private static string Position(in Token token) =>
        "(" + token.Line.ToString(CultureInfo.InvariantCulture) + "," + token.Column.ToString(CultureInfo.InvariantCulture) + ")";

    private Token Advance()
    {
        var previous = _current;
        if (_peeked is { } peeked)
        {
            _current = peeked;
            _peeked = null;
        }
        else
        {
            _current = _lexer.Next();
        }

        return previous;
    }

    private Token PeekNext()
    {
        _peeked ??= _lexer.Next();
        return _peeked.Value;
    }

    private void SkipUntilGraphKeyword(bool reportFirst)
    {
        var reported = !reportFirst;
        while (_current.Kind != TokenKind.EndOfFile && !IsGraphKeyword(_current))
        {
            if (!reported && _current.Kind is not (TokenKind.Unknown or TokenKind.Html))
            {
                _diagnostics.Report(
                    DiagnosticDescriptors.UnexpectedToken,
                    _current.Span,
                    "Expected 'digraph' but found " + Describe(_current) + ".",
                    "Start the file with 'digraph Name {'.");
                reported = true;
            }

            Advance();
        }
    }

    private void SkipGraph()
    {
        while (_current.Kind != TokenKind.EndOfFile && _current.Kind != TokenKind.OpenBrace)
        {
            Advance();
        }

        SkipBalancedBraces();
    }

    // Skips from the current '{' past its matching '}' without recursion (nesting is unbounded here).
    private void SkipBalancedBraces()
    {
        var depth = 0;
        while (_current.Kind != TokenKind.EndOfFile)
        {
            var token = Advance();
            if (token.Kind == TokenKind.OpenBrace)
            {
                depth++;
            }
            else if (token.Kind == TokenKind.CloseBrace && --depth == 0)
            {
                return;
            }
        }
    }

    private void ParseGraph()
    {
        if (_current.IsKeyword(Keyword.Strict))
        {
            _diagnostics.Report(
                DiagnosticDescriptors.StrictGraph,
                _current.Span,
                "'strict' graphs are not supported; Attractor pipelines may have parallel edges between the same nodes.",
                "Remove 'strict'.");
            Advance();
        }

        var keyword = _current;
        if (keyword.IsKeyword(Keyword.Graph))
        {
            _diagnostics.Report(
                DiagnosticDescriptors.UndirectedGraph,
                keyword.Span,
                "Pipelines are directed graphs: 'graph' must be 'digraph'.",
                "Replace 'graph' with 'digraph'.");
            Advance();
        }
        else if (keyword.IsKeyword(Keyword.Digraph))
        {
            Advance();
        }
        else
        {
            _diagnostics.Report(
                DiagnosticDescriptors.UnexpectedToken,
                keyword.Span,
                "Expected 'digraph' but found " + Describe(keyword) + ".",
                "Start the file with 'digraph Name {'.");
        }

        if (_current.Kind is TokenKind.Word or TokenKind.String)
        {
            var id = Advance();
            _graphId = id.Text ?? string.Empty;
            _graphIdSpan = id.Span;
            CheckIdentifier(id, "graph");
        }
        else
        {
            _graphIdSpan = keyword.Span;
        }

        if (_current.Kind != TokenKind.OpenBrace)
        {
            _structureBroken = true;
            _diagnostics.Report(
                DiagnosticDescriptors.MissingToken,
                _current.Span,
                "Expected '{' to open the graph body but found " + Describe(_current) + ".",
                "Write 'digraph Name { ... }'.");
            return;
        }

        var open = Advance();
        var root = new Scope(null, isSubgraph: false);
        ParseStatements(root);
        ExpectCloseBrace(open, "graph");
    }

    private void ExpectCloseBrace(in Token open, string what)
    {
        if (_current.Kind == TokenKind.CloseBrace)
        {
            Advance();
            return;
        }

        _structureBroken = true;
        _diagnostics.Report(
            DiagnosticDescriptors.MissingToken,
            _current.Span,
            "Expected '}' to close the " + what + " opened at " + Position(open) + ".",
            "Add the closing '}'.");
    }

    private void ParseStatements(Scope scope)
    {
        while (_current.Kind is not (TokenKind.CloseBrace or TokenKind.EndOfFile))
        {
            ParseStatement(scope);
        }
    }

    private void ParseStatement(Scope scope)
    {
        var token = _current;
        switch (token.Kind)
        {
            case TokenKind.Semicolon:
                Advance();
                return;
            case TokenKind.OpenBrace:
                ParseSubgraph(scope, null);
                return;
            case TokenKind.Html:
                Advance();
                Recover();
                return;
            case TokenKind.Word when token.IsKeyword(Keyword.Subgraph):
                ParseSubgraph(scope, Advance());
                return;
            case TokenKind.Word when (token.IsKeyword(Keyword.Graph) || token.IsKeyword(Keyword.Node) || token.IsKeyword(Keyword.Edge)) && PeekNext().Kind == TokenKind.OpenBracket:
                ParseDefaults(scope, Advance());
                return;
            case TokenKind.Word when IsGraphKeyword(token) && (PeekNext().Kind == TokenKind.OpenBrace || (PeekNext().Kind == TokenKind.Word && !PeekNext().FirstOnLine)):
                // A second graph opened inside the first: most likely a missing '}' above.
                _structureBroken = true;
                _diagnostics.Report(
                    DiagnosticDescriptors.MissingToken,
                    token.Span,
                    "Found " + Describe(token) + " inside the graph body; is a '}' missing above?",
                    "Close the previous graph with '}' before starting another.");
                Advance();
                Recover();
                return;
            case TokenKind.Word when token.IsKeyword(Keyword.Node) || token.IsKeyword(Keyword.Edge) || IsGraphKeyword(token):
                // Keywords alone are not node IDs (Graphviz rejects them too).
                _diagnostics.Report(
                    DiagnosticDescriptors.UnexpectedToken,
                    token.Span,
                    "'" + token.Text + "' is a keyword and cannot be a node ID.",
                    token.IsKeyword(Keyword.Node) || token.IsKeyword(Keyword.Edge) || token.IsKeyword(Keyword.Graph)
                        ? "Write '" + token.Text + " [key=value]' to set defaults, or rename the node."
                        : "Remove it, or rename the node.");
                Advance();
                return;
            case TokenKind.Word:
            case TokenKind.String:
                ParseIdStatement(scope);
                return;
            default:
                if (token.Kind != TokenKind.Unknown)
                {
                    _diagnostics.Report(
                        DiagnosticDescriptors.UnexpectedToken,
                        token.Span,
                        "Unexpected " + Describe(token) + "; expected a node, edge, attribute or subgraph statement.",
                        token.Kind == TokenKind.Arrow ? "Start the edge with its source node ID." : "Remove it.");
                }

                Advance();
                Recover();
                return;
        }
    }

    // Skips to a plausible statement start so one error does not hide the next.
    private void Recover()
    {
        while (true)
        {
            switch (_current.Kind)
            {
                case TokenKind.EndOfFile:
                case TokenKind.CloseBrace:
                    return;
                case TokenKind.Semicolon:
                    Advance();
                    return;
                case TokenKind.Word:
                case TokenKind.String:
                    if (_current.FirstOnLine)
                    {
                        return;
                    }

                    break;
            }

            Advance();
        }
    }

    private void ParseDefaults(Scope scope, Token keyword)
    {
        var attributes = ParseAttributeBlocks();
        if (keyword.IsKeyword(Keyword.Graph))
        {
            foreach (var attribute in attributes)
            {
                SetGraphAttribute(scope, attribute);
            }
        }
        else
        {
            var defaults = keyword.IsKeyword(Keyword.Node) ? scope.NodeDefaults : scope.EdgeDefaults;
            foreach (var attribute in attributes)
            {
                SetAttribute(defaults, attribute.WithOrigin(AttributeOrigin.Default));
            }
        }
    }

    private void SetGraphAttribute(Scope scope, AttributeEntry attribute)
    {
        if (scope.IsSubgraph)
        {
            if (string.Equals(attribute.Key, AttributeNames.Label, StringComparison.Ordinal))
            {
                scope.Label = attribute.Value;
            }
        }
        else
        {
            SetAttribute(_graphAttributes, attribute);
            if (string.Equals(attribute.Key, AttributeNames.Goal, StringComparison.Ordinal))
            {
                _preExpansionStale |= _anyPreExpanded && !string.Equals(attribute.Value, _preExpansionGoal, StringComparison.Ordinal);
                _goalSoFar = attribute.Value;
            }
        }
    }

    private void ParseSubgraph(Scope parent, Token? keyword)
    {
        if (keyword is not null && _current.Kind is TokenKind.Word or TokenKind.String)
        {
            Advance();
        }

        if (_current.Kind != TokenKind.OpenBrace)
        {
            _diagnostics.Report(
                DiagnosticDescriptors.UnsupportedSyntax,
                keyword?.Span ?? _current.Span,
                "A subgraph must have a body '{ ... }'; references to subgraphs are not supported.",
                "Write 'subgraph name { ... }'.");
            Recover();
            return;
        }

        if (_depth >= MaxNesting)
        {
            // Recursion depth is bounded so hostile input cannot overflow the stack (the source
            // generator runs on small compiler threads); the block is skipped iteratively.
            _structureBroken = true;
            _diagnostics.Report(
                DiagnosticDescriptors.UnsupportedSyntax,
                _current.Span,
                "Subgraphs are nested more than " + MaxNesting.ToString(CultureInfo.InvariantCulture) + " levels deep; the rest of this block is ignored.",
                "Flatten the subgraphs.");
            SkipBracedBlock();
            return;
        }

        var open = Advance();
        var scope = new Scope(parent, isSubgraph: true);
        _depth++;
        ParseStatements(scope);
        _depth--;
        ExpectCloseBrace(open, "subgraph");

        var derived = scope.Label is null ? string.Empty : DeriveClass(scope.Label);
        foreach (var member in scope.Members)
        {
            if (derived.Length > 0)
            {
                member.AddClass(derived);
            }

            parent.Members.Add(member);
        }
    }

    private void ParseIdStatement(Scope scope)
    {
        var first = Advance();
        if (_current.Kind == TokenKind.Equals)
        {
            ParseGraphDeclaration(scope, first);
            return;
        }

        if (_current.Kind is TokenKind.Arrow or TokenKind.UndirectedEdge)
        {
            ParseEdgeStatement(scope, first);
            return;
        }

        if (_current.Kind == TokenKind.Colon)
        {
            SkipPort(first);
            if (_current.Kind is TokenKind.Arrow or TokenKind.UndirectedEdge)
            {
                ParseEdgeStatement(scope, first);
                return;
            }
        }

        var id = NodeId(first);
        _inNodeStatement = true;
        _lastPromptPreExpanded = false;
        var attributes = ParseAttributeBlocks();
        _inNodeStatement = false;
        DeclareNode(scope, id, first, explicitly: true, attributes);
    }

    private void ParseGraphDeclaration(Scope scope, in Token key)
    {
        Advance();
        if (!TryParseValue(key, out var attribute))
        {
            return;
        }

        SetGraphAttribute(scope, attribute);
    }

    private void ParseEdgeStatement(Scope scope, in Token first)
    {
        var endpoints = _endpoints;
        endpoints.Clear();
        endpoints.Add(first);
        while (_current.Kind is TokenKind.Arrow or TokenKind.UndirectedEdge)
        {
            var arrow = Advance();
            if (arrow.Kind == TokenKind.UndirectedEdge)
            {
                _diagnostics.Report(
                    DiagnosticDescriptors.UndirectedEdge,
                    arrow.Span,
                    "Undirected edges ('--') are not supported; pipelines are directed.",
                    "Replace '--' with '->'.");
            }

            if (_current.Kind is TokenKind.Word or TokenKind.String && !_current.IsKeyword(Keyword.Subgraph))
            {
                endpoints.Add(Advance());
                if (_current.Kind == TokenKind.Colon)
                {
                    SkipPort(endpoints[endpoints.Count - 1]);
                }
            }
            else if (_current.Kind == TokenKind.OpenBrace || _current.IsKeyword(Keyword.Subgraph))
            {
                _diagnostics.Report(
                    DiagnosticDescriptors.UnsupportedSyntax,
                    _current.Span,
                    "Subgraphs as edge endpoints are not supported.",
                    "Write one edge per target, e.g. 'a -> b' and 'a -> c'.");
                SkipBracedBlock();
            }
            else
            {
                _diagnostics.Report(
                    DiagnosticDescriptors.MissingToken,
                    _current.Span,
                    "Expected a target node ID after " + Describe(arrow) + " but found " + Describe(_current) + ".",
                    "Name the node the edge goes to.");
                break;
            }
        }

        _inEdgeStatement = true;
        var explicitAttributes = ParseAttributeBlocks();
        _inEdgeStatement = false;
        if (endpoints.Count < 2)
        {
            DeclareNode(scope, NodeId(first), first, explicitly: false);
            return;
        }

        var ids = _endpointIds;
        var positions = _endpointPositions;
        ids.Clear();
        positions.Clear();
        for (var i = 0; i < endpoints.Count; i++)
        {
            ids.Add(NodeId(endpoints[i]));
            positions.Add(DeclareNode(scope, ids[i], endpoints[i], explicitly: false).Position);
        }

        // The edges of one statement share one run of the store.
        var chunk = StoreEdgeAttributes(scope.EdgeDefaults, explicitAttributes, out var offset, out var count);
        for (var i = 0; i + 1 < endpoints.Count; i++)
        {
            _edges.Add(new PipelineEdge(ids[i], ids[i + 1], chunk, offset, count, Between(endpoints[i], endpoints[i + 1]), endpoints[i].Span, endpoints[i + 1].Span, positions[i], positions[i + 1]));
        }
    }

    private EntryChunk StoreEdgeAttributes(List<AttributeEntry> defaults, List<AttributeEntry> explicitAttributes, out int offset, out int count)
    {
        var attributes = explicitAttributes;
        if (defaults.Count > 0)
        {
            attributes = new List<AttributeEntry>(defaults);
            foreach (var attribute in explicitAttributes)
            {
                SetAttribute(attributes, attribute);
            }
        }

        count = attributes.Count;
        var chunk = _store.Reserve(count, out offset);
        for (var i = 0; i < count; i++)
        {
            chunk.Set(offset + i, attributes[i]);
        }

        return chunk;
    }

    private void SkipBracedBlock()
    {
        if (_current.IsKeyword(Keyword.Subgraph))
        {
            Advance();
            if (_current.Kind is TokenKind.Word or TokenKind.String)
            {
                Advance();
            }
        }

        if (_current.Kind != TokenKind.OpenBrace)
        {
            return;
        }

        SkipBalancedBraces();
    }

    // 'a : port' and 'a : port : compass': reported once, and the edge keeps node 'a'.
    private void SkipPort(in Token id)
    {
        var colon = _current;
        var end = colon;
        while (_current.Kind == TokenKind.Colon)
        {
            end = Advance();
            if (_current.Kind is TokenKind.Word or TokenKind.String)
            {
                end = Advance();
            }
        }

        _diagnostics.Report(
            DiagnosticDescriptors.UnsupportedSyntax,
            Between(colon, end),
            "Node ports are not supported; the edge uses node '" + id.Text + "'.",
            "Remove the port; edges connect whole nodes.");
    }

    private string NodeId(in Token token)
    {
        var id = token.Text ?? string.Empty;
        if (token.Kind == TokenKind.Word)
        {
            var colon = id.IndexOf(':');
            if (colon > 0)
            {
                if (_checkedIds.Add(id))
                {
                    _diagnostics.Report(
                        DiagnosticDescriptors.UnsupportedSyntax,
                        token.Span,
                        "Node ports ('" + id + "') are not supported; the edge uses node '" + id.Substring(0, colon) + "'.",
                        "Remove the port; edges connect whole nodes.");
                }

                return id.Substring(0, colon);
            }
        }

        return id;
    }

    private void CheckIdentifier(in Token token, string what)
    {
        var id = token.Text ?? string.Empty;
        var standard = IsStandardIdentifier(id);
        if ((standard && token.Kind == TokenKind.Word) || !_checkedIds.Add(id))
        {
            return;
        }

        if (token.Kind == TokenKind.String)
        {
            _diagnostics.Report(
                DiagnosticDescriptors.QuotedIdentifier,
                token.Span,
                standard
                    ? "The spec expects bare " + what + " IDs; the quotes around \"" + id + "\" are not needed."
                    : "The spec expects bare " + what + " IDs matching [A-Za-z_][A-Za-z0-9_]*; \"" + Shorten(id) + "\" is accepted, but generated code will rename it.",
                standard ? "Remove the quotes." : "Use an ID such as '" + SuggestIdentifier(id) + "' and put the text in 'label'.",
                what == "node" ? id : null);
        }
        else
        {
            _diagnostics.Report(
                DiagnosticDescriptors.NonStandardIdentifier,
                token.Span,
                "The spec expects " + what + " IDs matching [A-Za-z_][A-Za-z0-9_]*; '" + id + "' is accepted, but generated code will rename it.",
                "Use an ID such as '" + SuggestIdentifier(id) + "'.",
                what == "node" ? id : null);
        }
    }

    private static string SuggestIdentifier(string id)
    {
        var chars = new char[id.Length + 1];
        var length = 0;
        foreach (var c in id)
        {
            chars[length++] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ? c : '_';
        }

        var suggestion = new string(chars, 0, length);
        return suggestion.Length == 0 || (suggestion[0] >= '0' && suggestion[0] <= '9') ? "_" + suggestion : suggestion;
    }

    private NodeBuilder DeclareNode(Scope scope, string id, in Token token, bool explicitly, List<AttributeEntry>? attributes = null)
    {
        if (!_nodes.TryGetValue(id, out var node))
        {
            // A reused table keeps the builders of the last parse, emptied.
            if (_nodeCount == _nodeOrder.Count)
            {
                _nodeOrder.Add(new NodeBuilder());
            }

            node = _nodeOrder[_nodeCount];
            node.Reset(_arena, id, _nodeCount, token.Span, explicitly, scope.NodeDefaults, attributes);

            _nodeCount++;
            _nodes.Add(id, node);
            if (token.Kind == TokenKind.String || id.IndexOf(':') < 0)
            {
                CheckIdentifier(token, "node");
            }
        }
        else if (explicitly && !node.DeclaredExplicitly)
        {
            // Diagnostics about a node point at its declaration, not at an earlier edge mention.
            node.DeclaredExplicitly = true;
            node.Span = token.Span;
        }

        if (attributes is not null && !node.Fresh)
        {
            foreach (var attribute in attributes)
            {
                node.Set(attribute);
            }
        }

        if (attributes is not null && _lastPromptPreExpanded)
        {
            node.PromptPreExpanded = true;
            _lastPromptPreExpanded = false;
        }

        node.Fresh = false;
        if (scope.IsSubgraph)
        {
            scope.Members.Add(node);
        }

        return node;
    }

    private List<AttributeEntry> ParseAttributeBlocks()
    {
        var attributes = _attributeScratch;
        attributes.Clear();
        while (_current.Kind == TokenKind.OpenBracket)
        {
            if (!ParseAttributeBlock(attributes))
            {
                break;
            }
        }

        return attributes;
    }

    // Returns false when the block was not closed, so the caller stops looking for more.
    private bool ParseAttributeBlock(List<AttributeEntry> attributes)
    {
        var open = Advance();
        var blockStart = attributes.Count;
        var separated = true;
        while (true)
        {
            var token = _current;
            switch (token.Kind)
            {
                case TokenKind.CloseBracket:
                    Advance();
                    return true;
                case TokenKind.Comma:
                    Advance();
                    separated = true;
                    continue;
                case TokenKind.Semicolon:
                    _diagnostics.Report(
                        DiagnosticDescriptors.SemicolonInAttributeList,
                        token.Span,
                        "The spec separates attributes with ','; ';' is accepted.",
                        "Replace ';' with ','.");
                    Advance();
                    separated = true;
                    continue;
                case TokenKind.Word when token.FirstOnLine && PeekNext().Kind is TokenKind.OpenBracket or TokenKind.Arrow or TokenKind.UndirectedEdge:
                    // A new statement on the next line: the ']' was forgotten.
                    ReportUnclosedBlock(open, token);
                    return false;
                case TokenKind.Word:
                case TokenKind.String:
                    if (!separated)
                    {
                        _diagnostics.Report(
                            DiagnosticDescriptors.MissingComma,
                            token.Span,
                            "The spec requires ',' between attributes; missing before '" + token.Text + "' (accepted).",
                            "Insert ',' before '" + token.Text + "'.");
                    }

                    ParseAttribute(attributes, blockStart);
                    separated = false;
                    continue;
                case TokenKind.CloseBrace:
                case TokenKind.EndOfFile:
                case TokenKind.Arrow:
                case TokenKind.OpenBracket:
                    ReportUnclosedBlock(open, token);
                    return false;
                default:
                    if (token.Kind != TokenKind.Unknown && token.Kind != TokenKind.Html)
                    {
                        _diagnostics.Report(
                            DiagnosticDescriptors.UnexpectedToken,
                            token.Span,
                            "Unexpected " + Describe(token) + " in attribute list; expected 'key=value'.",
                            "Write attributes as key=value separated by ','.");
                    }

                    Advance();
                    continue;
            }
        }
    }

    private void ReportUnclosedBlock(in Token open, in Token found) =>
        _diagnostics.Report(
            DiagnosticDescriptors.MissingToken,
            open.Span,
            "Attribute list is not closed: expected ']' before " + Describe(found) + " at " + Position(found) + ".",
            "Add the closing ']'.");

    private void ParseAttribute(List<AttributeEntry> attributes, int blockStart)
    {
        var key = Advance();
        if (_current.Kind != TokenKind.Equals)
        {
            _diagnostics.Report(
                DiagnosticDescriptors.MissingToken,
                key.Span,
                "Attribute '" + key.Text + "' has no value; expected '=' after it.",
                "Write '" + key.Text + "=value'.");
            return;
        }

        if ((_inNodeStatement || _inEdgeStatement) && _peeked is null)
        {
            if (_inNodeStatement && string.Equals(key.Text, AttributeNames.Prompt, StringComparison.Ordinal))
            {
                _lexer.DeferNextString(StringTable.MaxLength);
            }
            else if (string.Equals(key.Text, AttributeNames.Label, StringComparison.Ordinal)
                || (_inNodeStatement && string.Equals(key.Text, AttributeNames.ToolCommand, StringComparison.Ordinal)))
            {
                _lexer.DeferNextString(DeferredLabelMinLength);
            }
        }

        Advance();
        if (!TryParseValue(key, out var attribute))
        {
            return;
        }

        for (var i = blockStart; i < attributes.Count; i++)
        {
            if (string.Equals(attributes[i].Key, attribute.Key, StringComparison.Ordinal))
            {
                _diagnostics.Report(
                    DiagnosticDescriptors.DuplicateAttribute,
                    attribute.Span,
                    "Attribute '" + attribute.Key + "' is set twice in one list; the last value wins.",
                    "Remove one of them.");
                attributes[i] = attribute;
                return;
            }
        }

        attributes.Add(attribute);
    }

    private bool TryParseValue(in Token key, out AttributeEntry attribute)
    {
        var value = _current;

        // A value on the next line is far more often a missing value than a wrapped one.
        if (value.Kind is TokenKind.Word or TokenKind.String or TokenKind.Html && !(value.FirstOnLine && value.Kind == TokenKind.Word && PeekNext().Kind is TokenKind.OpenBracket or TokenKind.Arrow or TokenKind.Equals))
        {
            Advance();
            if (value.Kind == TokenKind.String && value.Text is null)
            {
                attribute = _applyBuiltInTransforms && _goalSoFar is not null && string.Equals(key.Text, AttributeNames.Prompt, StringComparison.Ordinal)
                    ? PreExpandPrompt(key, value)
                    : DeferAsWritten(key, value);
                return true;
            }

            if (string.Equals(key.Text, AttributeNames.Prompt, StringComparison.Ordinal))
            {
                // Replaces any pre-expanded prompt earlier in the same statement.
                _lastPromptPreExpanded = false;
            }

            var text = value.Text ?? string.Empty;
            var kind = value.Kind == TokenKind.Word ? AttributeValues.ClassifyBare(text) : AttributeValueKind.String;
            attribute = AttributeEntry.Create(key.Text ?? string.Empty, text, kind, AttributeOrigin.Explicit, Between(key, value), value.ContentSpan, value.RawText);
            return true;
        }

        _diagnostics.Report(
            DiagnosticDescriptors.MissingToken,
            value.Kind == TokenKind.EndOfFile || value.FirstOnLine ? key.Span : value.Span,
            "Attribute '" + key.Text + "' has no value after '='.",
            "Write '" + key.Text + "=value'.");
        attribute = default;
        return false;
    }

    // A prompt the lexer returned without its text (see Lexer.DeferNextString): left as a slice of
    // the source, built with $goal expanded (as the built-in transform would make it) when it is first
    // read; see DeferredText.
    private AttributeEntry PreExpandPrompt(in Token key, in Token value)
    {
        var span = Between(key, value);
        var goal = _goalSoFar!;
        var prompts = DeferredSource(goal, span.Positions, StartsVisible(value), value.HasEscapes);
        var attribute = AttributeEntry.Deferred(key.Text ?? string.Empty, prompts, span, value.ContentSpan);
        _anyPreExpanded = true;
        _preExpansionGoal = goal;
        _lastPromptPreExpanded = true;
        return attribute;
    }

    // A label, tool command or prompt (not expanded while parsing) the lexer returned without its
    // text: left as a slice of the source, built when read.
    private AttributeEntry DeferAsWritten(in Token key, in Token value)
    {
        var span = Between(key, value);
        var source = DeferredSource(goal: null, span.Positions, StartsVisible(value), value.HasEscapes);
        return AttributeEntry.Deferred(key.Text ?? string.Empty, source, span, value.ContentSpan);
    }

    // Lint asks whether prompts and tool commands are blank; most start with a visible character,
    // which is checked here while the text is in the cache instead of when the rule runs.
    private bool StartsVisible(in Token value) => StartsVisibleAt(value.Start + 1);

    private bool StartsVisibleAt(int index)
    {
        var first = _text[index];
        return !char.IsWhiteSpace(first) && first != '$' && first != '\\';
    }

    // A prompt built with $goal expanded while parsing, put back as written: still a slice of the
    // source, built when read. Pre-expanded prompts are ones the lexer left unbuilt, so they are long;
    // they have escapes when a backslash is in them.
    private AttributeEntry PromptAsWritten(in AttributeEntry prompt)
    {
        var span = prompt.Span;
        var valueSpan = prompt.ValueSpan;
        var unescapes = _text.IndexOf('\\', valueSpan.Start, valueSpan.Length) >= 0;
        var source = DeferredSource(goal: null, span.Positions, valueSpan.Length > 0 && StartsVisibleAt(valueSpan.Start), unescapes);
        return AttributeEntry.Deferred(prompt.Key, source, span, valueSpan);
    }

    // The parse's source of deferred values of this kind; a handful per parse at most.
    private DeferredText DeferredSource(string? goal, object? positions, bool startsVisible, bool unescapes)
    {
        foreach (var source in _deferredSources)
        {
            if (source.Serves(goal, positions, startsVisible, unescapes))
            {
                return source;
            }
        }

        var created = new DeferredText(_text, goal, positions, startsVisible, unescapes);
        _deferredSources.Add(created);
        return created;
    }

    // Puts the prompts as written back in place of those expanded while parsing: the goal changed
    // after them, or the nodes are built without the built-in transforms.
    private void RevertPreExpansions()
    {
        for (var i = 0; i < _nodeCount; i++)
        {
            var node = _nodeOrder[i];
            if (node.PromptPreExpanded)
            {
                node.RevertPrompt(this);
            }
        }

        _anyPreExpanded = false;
    }

    private PipelineGraph BuildGraph()
    {
        var attributes = AttributeMap.FromDistinct(_graphAttributes.ToArray());
        var nodes = SegmentedList<PipelineNode>.WithCount(_nodeCount);
        var applyBuiltIns = _applyBuiltInTransforms && !_structureBroken && !_lexer.SawUnterminated;
        var goal = attributes.GetString(AttributeNames.Goal);
        if (_anyPreExpanded && !(applyBuiltIns && !_preExpansionStale && string.Equals(goal, _preExpansionGoal, StringComparison.Ordinal)))
        {
            RevertPreExpansions();
        }

        // For the loader, the built-in transforms run here, on each node's attributes before the node
        // exists, so a node they change is built once instead of twice. Only for a complete file: the
        // loader hands an incomplete one on untransformed. Should they ever throw, the nodes are
        // built plainly and the loader runs the transforms itself and reports the failure as usual.
        if (applyBuiltIns)
        {
            try
            {
                var rewriter = Transforms.StylesheetTransform.NodeRewriter.Create(attributes, goal);
                for (var i = 0; i < nodes.Count; i++)
                {
                    nodes.Set(i, _nodeOrder[i].Build(rewriter, _store));
                }

                _builtInTransformsApplied = true;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                _builtInTransformsApplied = false;
                RevertPreExpansions();
            }
        }

        if (!_builtInTransformsApplied)
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                nodes.Set(i, _nodeOrder[i].Build(rewriter: null, _store));
            }
        }

        // The parsed edges read their endpoint IDs from these nodes.
        var built = nodes.ToReadOnly();
        _store.Nodes = built;
        return new PipelineGraph(_graphId, attributes, built, _edges.ToReadOnly(), _filePath, _graphIdSpan);
    }

    /// <summary>The node table of one parse; large ones are kept, emptied, for the next parse.</summary>
    private sealed class NodeTable
    {
        private NodeTable(int capacity)
        {
            Capacity = capacity;
            Nodes = new Dictionary<string, NodeBuilder>(capacity, StringComparer.Ordinal);
            Builders = new List<NodeBuilder>(capacity);
        }

        public int Capacity { get; }

        public Dictionary<string, NodeBuilder> Nodes { get; }

        /// <summary>Gets the builders in node order; a reused table keeps them, emptied, for the next parse.</summary>
        public List<NodeBuilder> Builders { get; }

        public static NodeTable Rent(int capacity)
        {
            if (capacity >= LargeNodeTable)
            {
                var spare = System.Threading.Interlocked.Exchange(ref s_spareNodeTable, null);
                if (spare is not null && spare.Capacity >= capacity)
                {
                    return spare;
                }
            }

            return new NodeTable(capacity);
        }

        public void Return(int used)
        {
            if (Capacity < LargeNodeTable || Capacity > 1 << 20)
            {
                return;
            }

            Nodes.Clear();
            for (var i = 0; i < used; i++)
            {
                Builders[i].Clear();
            }

            var spare = System.Threading.Volatile.Read(ref s_spareNodeTable);
            if (spare is null || spare.Capacity < Capacity)
            {
                System.Threading.Interlocked.CompareExchange(ref s_spareNodeTable, this, spare);
            }
        }
    }

    private sealed class Scope
    {
        public Scope(Scope? parent, bool isSubgraph)
        {
            IsSubgraph = isSubgraph;
            NodeDefaults = parent is null ? new List<AttributeEntry>() : new List<AttributeEntry>(parent.NodeDefaults);
            EdgeDefaults = parent is null ? new List<AttributeEntry>() : new List<AttributeEntry>(parent.EdgeDefaults);
        }

        public bool IsSubgraph { get; }

        public List<AttributeEntry> NodeDefaults { get; }

        public List<AttributeEntry> EdgeDefaults { get; }

        public List<NodeBuilder> Members { get; } = new();

        public string? Label { get; set; }
    }

    private sealed class NodeBuilder
    {
        // The attributes so far, in the parse's arena (see AttributeArena): Build stores the
        // node's final attributes once, in the parse's EntryStore. Builders of large parses are reused (see
        // NodeTable), so their fields are set by Reset, not by a constructor.
        private AttributeArena _arena = null!;
        private AttributeEntry[] _attributes = [];
        private int _offset;
        private int _capacity;
        private int _count;
        private List<string>? _classes;

        public void Reset(AttributeArena arena, string id, int position, SourceSpan span, bool declaredExplicitly, List<AttributeEntry> defaults, List<AttributeEntry>? attributes)
        {
            _arena = arena;
            Id = id;
            Position = position;
            Span = span;
            DeclaredExplicitly = declaredExplicitly;
            Fresh = true;
            PromptPreExpanded = false;
            _classes = null;

            // Room for the defaults and the node's own attributes, and a little for a later
            // statement about the same node.
            _capacity = defaults.Count + (attributes?.Count ?? 0) + 2;
            _attributes = arena.Allocate(_capacity, out _offset);
            defaults.CopyTo(0, _attributes, _offset, defaults.Count);
            _count = defaults.Count;
            if (attributes is not null)
            {
                foreach (var attribute in attributes)
                {
                    Set(attribute);
                }
            }
        }

        /// <summary>Gets or sets a value indicating whether the node was created by the current statement (its attributes are already in).</summary>
        public bool Fresh { get; set; }

        public string Id { get; private set; } = string.Empty;

        /// <summary>Gets the node's position in the graph's node list.</summary>
        public int Position { get; private set; }

        /// <summary>Gets or sets a value indicating whether the node's prompt was built with $goal already expanded.</summary>
        public bool PromptPreExpanded { get; set; }

        public SourceSpan Span { get; set; }

        public bool DeclaredExplicitly { get; set; }

        public void Set(in AttributeEntry attribute)
        {
            if (string.Equals(attribute.Key, AttributeNames.Prompt, StringComparison.Ordinal))
            {
                // The statement that set this prompt says again whether it was pre-expanded.
                PromptPreExpanded = false;
            }

            for (var i = _offset; i < _offset + _count; i++)
            {
                if (string.Equals(_attributes[i].Key, attribute.Key, StringComparison.Ordinal))
                {
                    _attributes[i] = attribute;
                    return;
                }
            }

            if (_count == _capacity)
            {
                var capacity = _capacity + Math.Max(4, _capacity / 2);
                var moved = _arena.Allocate(capacity, out var offset);
                Array.Copy(_attributes, _offset, moved, offset, _count);
                _attributes = moved;
                _offset = offset;
                _capacity = capacity;
            }

            _attributes[_offset + _count++] = attribute;
        }

        /// <summary>Puts the prompt as written back in place of the one built with $goal expanded.</summary>
        public void RevertPrompt(Parser parser)
        {
            for (var i = _offset; i < _offset + _count; i++)
            {
                ref var prompt = ref _attributes[i];
                if (string.Equals(prompt.Key, AttributeNames.Prompt, StringComparison.Ordinal))
                {
                    prompt = parser.PromptAsWritten(prompt);
                    break;
                }
            }

            PromptPreExpanded = false;
        }

        /// <summary>Drops what the builder holds of its parse, for reuse.</summary>
        public void Clear()
        {
            _arena = null!;
            _attributes = [];
            _classes = null;
            Id = string.Empty;
            Span = default;
        }

        public void AddClass(string name)
        {
            _classes ??= new List<string>(1);
            if (!_classes.Contains(name))
            {
                _classes.Add(name);
            }
        }

        // May run twice (see BuildGraph): it reads the arena and never changes it (a second run takes new room in the store).
        public PipelineNode Build(Transforms.StylesheetTransform.NodeRewriter? rewriter, EntryStore store)
        {
            var classes = _classes?.ToArray();
            if (rewriter is not null && rewriter.Rewrite(Id, classes ?? (IReadOnlyList<string>)Array.Empty<string>(), _attributes, _offset, _count, PromptPreExpanded, store, out var own, out var ownOffset, out var tail))
            {
                return new(Id, own, ownOffset, _count, tail, Span, classes);
            }

            var chunk = store.Add(_attributes, _offset, _count, out var offset);
            return new(Id, chunk, offset, _count, [], Span, classes);
        }
    }
}
