// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;

namespace Attractor.Dot;

/// <summary>
/// Every diagnostic the front-end can report. IDs are stable: never renumber or reuse one.
/// Each is documented in <c>docs/diagnostics.md</c> with an example and the fix.
/// </summary>
public static class DiagnosticDescriptors
{
    // ATR1xxx: syntax. The text is not the DOT subset of attractor-spec §2.

    /// <summary>A character that cannot start any token.</summary>
    public static readonly DiagnosticDescriptor UnexpectedCharacter = Syntax("ATR1001", "unexpected_character", "Unexpected character");

    /// <summary>A token that does not fit the grammar at this point.</summary>
    public static readonly DiagnosticDescriptor UnexpectedToken = Syntax("ATR1002", "unexpected_token", "Unexpected token");

    /// <summary>A string literal without its closing quote.</summary>
    public static readonly DiagnosticDescriptor UnterminatedString = Syntax("ATR1003", "unterminated_string", "Unterminated string");

    /// <summary>A block comment without its closing <c>*/</c>.</summary>
    public static readonly DiagnosticDescriptor UnterminatedComment = Syntax("ATR1004", "unterminated_comment", "Unterminated block comment");

    /// <summary>An undirected edge <c>--</c>.</summary>
    public static readonly DiagnosticDescriptor UndirectedEdge = Syntax("ATR1005", "undirected_edge", "Undirected edge");

    /// <summary>The <c>strict</c> modifier.</summary>
    public static readonly DiagnosticDescriptor StrictGraph = Syntax("ATR1006", "strict_graph", "Strict graph");

    /// <summary><c>graph</c> used where <c>digraph</c> is required.</summary>
    public static readonly DiagnosticDescriptor UndirectedGraph = Syntax("ATR1007", "undirected_graph", "Undirected graph");

    /// <summary>More than one graph in a file.</summary>
    public static readonly DiagnosticDescriptor MultipleGraphs = Syntax("ATR1008", "multiple_graphs", "Multiple graphs in one file");

    /// <summary>An HTML label <c>&lt;...&gt;</c>.</summary>
    public static readonly DiagnosticDescriptor HtmlLabel = Syntax("ATR1009", "html_label", "HTML labels are not supported");

    /// <summary>A missing closing brace, bracket, or similar.</summary>
    public static readonly DiagnosticDescriptor MissingToken = Syntax("ATR1010", "missing_token", "Missing token");

    /// <summary>No graph at all in the file.</summary>
    public static readonly DiagnosticDescriptor MissingGraph = Syntax("ATR1011", "missing_graph", "No digraph found");

    /// <summary>Attributes not separated by commas (accepted).</summary>
    public static readonly DiagnosticDescriptor MissingComma = Syntax("ATR1012", "missing_comma", "Missing comma between attributes", DiagnosticSeverity.Warning);

    /// <summary>A quoted node or graph ID (accepted).</summary>
    public static readonly DiagnosticDescriptor QuotedIdentifier = Syntax("ATR1013", "quoted_identifier", "Quoted identifier", DiagnosticSeverity.Warning);

    /// <summary>An ID that is not <c>[A-Za-z_][A-Za-z0-9_]*</c> (accepted).</summary>
    public static readonly DiagnosticDescriptor NonStandardIdentifier = Syntax("ATR1014", "nonstandard_identifier", "Identifier outside the spec's grammar", DiagnosticSeverity.Warning);

    /// <summary>A semicolon used to separate attributes inside <c>[...]</c> (accepted).</summary>
    public static readonly DiagnosticDescriptor SemicolonInAttributeList = Syntax("ATR1015", "attribute_semicolon", "Semicolon between attributes", DiagnosticSeverity.Warning);

    /// <summary>An attribute set twice in one attribute block; the last one wins.</summary>
    public static readonly DiagnosticDescriptor DuplicateAttribute = Syntax("ATR1016", "duplicate_attribute", "Duplicate attribute", DiagnosticSeverity.Warning);

    /// <summary>A DOT feature outside the subset (ports, subgraph edge endpoints, ...).</summary>
    public static readonly DiagnosticDescriptor UnsupportedSyntax = Syntax("ATR1017", "unsupported_syntax", "Unsupported DOT syntax");

    /// <summary>An unknown escape sequence inside a string (kept as written).</summary>
    public static readonly DiagnosticDescriptor UnknownEscape = Syntax("ATR1018", "unknown_escape", "Unknown escape sequence", DiagnosticSeverity.Warning);

    // ATR2xxx: lint. The graph parsed but breaks a rule of attractor-spec §7.2 (2001-2013) or one of ours.

    /// <summary>§7.2 <c>start_node</c>.</summary>
    public static readonly DiagnosticDescriptor StartNode = Lint("ATR2001", "start_node", "Exactly one start node", DiagnosticSeverity.Error);

    /// <summary>§7.2 <c>terminal_node</c>.</summary>
    public static readonly DiagnosticDescriptor TerminalNode = Lint("ATR2002", "terminal_node", "Exactly one terminal node", DiagnosticSeverity.Error);

    /// <summary>§7.2 <c>reachability</c>.</summary>
    public static readonly DiagnosticDescriptor Reachability = Lint("ATR2003", "reachability", "Node unreachable from start", DiagnosticSeverity.Error);

    /// <summary>§7.2 <c>edge_target_exists</c>.</summary>
    public static readonly DiagnosticDescriptor EdgeTargetExists = Lint("ATR2004", "edge_target_exists", "Edge endpoint does not exist", DiagnosticSeverity.Error);

    /// <summary>§7.2 <c>start_no_incoming</c>.</summary>
    public static readonly DiagnosticDescriptor StartNoIncoming = Lint("ATR2005", "start_no_incoming", "Start node has incoming edges", DiagnosticSeverity.Error);

    /// <summary>§7.2 <c>exit_no_outgoing</c>.</summary>
    public static readonly DiagnosticDescriptor ExitNoOutgoing = Lint("ATR2006", "exit_no_outgoing", "Exit node has outgoing edges", DiagnosticSeverity.Error);

    /// <summary>§7.2 <c>condition_syntax</c>.</summary>
    public static readonly DiagnosticDescriptor ConditionSyntax = Lint("ATR2007", "condition_syntax", "Invalid edge condition", DiagnosticSeverity.Error);

    /// <summary>§7.2 <c>stylesheet_syntax</c>.</summary>
    public static readonly DiagnosticDescriptor StylesheetSyntax = Lint("ATR2008", "stylesheet_syntax", "Invalid model stylesheet", DiagnosticSeverity.Error);

    /// <summary>§7.2 <c>type_known</c>.</summary>
    public static readonly DiagnosticDescriptor TypeKnown = Lint("ATR2009", "type_known", "Unknown handler type", DiagnosticSeverity.Warning);

    /// <summary>§7.2 <c>fidelity_valid</c>.</summary>
    public static readonly DiagnosticDescriptor FidelityValid = Lint("ATR2010", "fidelity_valid", "Invalid fidelity mode", DiagnosticSeverity.Warning);

    /// <summary>§7.2 <c>retry_target_exists</c>.</summary>
    public static readonly DiagnosticDescriptor RetryTargetExists = Lint("ATR2011", "retry_target_exists", "Retry target does not exist", DiagnosticSeverity.Warning);

    /// <summary>§7.2 <c>goal_gate_has_retry</c>.</summary>
    public static readonly DiagnosticDescriptor GoalGateHasRetry = Lint("ATR2012", "goal_gate_has_retry", "Goal gate without retry target", DiagnosticSeverity.Warning);

    /// <summary>§7.2 <c>prompt_on_llm_nodes</c>.</summary>
    public static readonly DiagnosticDescriptor PromptOnLlmNodes = Lint("ATR2013", "prompt_on_llm_nodes", "LLM node without prompt", DiagnosticSeverity.Warning);

    /// <summary>A node from which no exit can be reached.</summary>
    public static readonly DiagnosticDescriptor ExitReachable = Lint("ATR2014", "exit_reachable", "No path to the exit", DiagnosticSeverity.Warning);

    /// <summary>A shape with no handler mapping.</summary>
    public static readonly DiagnosticDescriptor ShapeKnown = Lint("ATR2015", "shape_known", "Unknown shape", DiagnosticSeverity.Warning);

    /// <summary>A condition literal that no outcome can ever have.</summary>
    public static readonly DiagnosticDescriptor ConditionNeverMatches = Lint("ATR2016", "condition_never_matches", "Condition can never match", DiagnosticSeverity.Warning);

    /// <summary>A manager loop node without a child pipeline.</summary>
    public static readonly DiagnosticDescriptor ManagerChildPipeline = Lint("ATR2017", "manager_child_pipeline", "Manager loop without child pipeline", DiagnosticSeverity.Warning);

    /// <summary>A tool node without <c>tool_command</c>.</summary>
    public static readonly DiagnosticDescriptor ToolCommandPresent = Lint("ATR2018", "tool_command_present", "Tool node without tool_command", DiagnosticSeverity.Warning);

    /// <summary>A stylesheet property the spec does not define.</summary>
    public static readonly DiagnosticDescriptor StylesheetPropertyKnown = Lint("ATR2019", "stylesheet_property_known", "Unknown stylesheet property", DiagnosticSeverity.Warning);

    /// <summary><c>model:</c>/<c>provider:</c> used instead of <c>llm_model:</c>/<c>llm_provider:</c> (accepted).</summary>
    public static readonly DiagnosticDescriptor StylesheetAlias = Lint("ATR2020", "stylesheet_alias", "Stylesheet property alias", DiagnosticSeverity.Warning);

    /// <summary>A typed attribute whose value does not parse as its type.</summary>
    public static readonly DiagnosticDescriptor AttributeValue = Lint("ATR2021", "attribute_value", "Invalid attribute value", DiagnosticSeverity.Warning);

    /// <summary>A <c>reasoning_effort</c> other than low, medium or high.</summary>
    public static readonly DiagnosticDescriptor ReasoningEffortValid = Lint("ATR2022", "reasoning_effort_valid", "Invalid reasoning effort", DiagnosticSeverity.Warning);

    /// <summary>An <c>llm_backend</c> that names no known backend.</summary>
    public static readonly DiagnosticDescriptor LlmBackendKnown = Lint("ATR2023", "llm_backend_known", "Unknown LLM backend", DiagnosticSeverity.Warning);

    /// <summary>A custom lint rule or transform threw; reported instead of crashing.</summary>
    public static readonly DiagnosticDescriptor InternalError = Lint("ATR2999", "internal_error", "Internal error in a rule or transform", DiagnosticSeverity.Error);

    /// <summary>Gets every descriptor, in ID order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
    {
        UnexpectedCharacter, UnexpectedToken, UnterminatedString, UnterminatedComment, UndirectedEdge, StrictGraph,
        UndirectedGraph, MultipleGraphs, HtmlLabel, MissingToken, MissingGraph, MissingComma, QuotedIdentifier,
        NonStandardIdentifier, SemicolonInAttributeList, DuplicateAttribute, UnsupportedSyntax, UnknownEscape,
        StartNode, TerminalNode, Reachability, EdgeTargetExists, StartNoIncoming, ExitNoOutgoing, ConditionSyntax,
        StylesheetSyntax, TypeKnown, FidelityValid, RetryTargetExists, GoalGateHasRetry, PromptOnLlmNodes,
        ExitReachable, ShapeKnown, ConditionNeverMatches, ManagerChildPipeline, ToolCommandPresent,
        StylesheetPropertyKnown, StylesheetAlias, AttributeValue, ReasoningEffortValid, LlmBackendKnown, InternalError,
    };

    private static DiagnosticDescriptor Syntax(string id, string rule, string title, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        new(id, rule, title, severity, DiagnosticCategory.Syntax);

    private static DiagnosticDescriptor Lint(string id, string rule, string title, DiagnosticSeverity severity) =>
        new(id, rule, title, severity, DiagnosticCategory.Lint);
}
