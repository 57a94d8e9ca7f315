// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System;
using System.Collections.Generic;
using Attractor.Dot.Stylesheets;

namespace Attractor.Dot.Validation;

/// <summary>
/// <c>llm_backend_known</c> (ATR2023, ours): an <c>llm_backend</c> names a backend the host can run —
/// a built-in one (<see cref="BackendNames.BuiltIn"/>) or one the host registered. Checked on nodes
/// and default blocks (where written), on the graph, and once per stylesheet declaration. An
/// unknown name would otherwise only surface when the run reaches the node.
/// </summary>
public sealed class LlmBackendRule : ILintRule, IElementLintRule
{
    private readonly HashSet<string> _known;
    private readonly string _allowed;

    /// <summary>Initializes a new instance of the <see cref="LlmBackendRule"/> class that knows the built-in backends.</summary>
    public LlmBackendRule()
        : this(null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="LlmBackendRule"/> class.</summary>
    /// <param name="additionalBackends">Backends registered by the host on top of the built-in ones.</param>
    public LlmBackendRule(IEnumerable<string>? additionalBackends)
    {
        _known = new HashSet<string>(BackendNames.BuiltIn, StringComparer.Ordinal);
        var ordered = new List<string>(BackendNames.BuiltIn);
        if (additionalBackends is not null)
        {
            foreach (var backend in additionalBackends)
            {
                if (!string.IsNullOrEmpty(backend) && _known.Add(backend))
                {
                    ordered.Add(backend);
                }
            }
        }

        _allowed = LintSupport.JoinAlternatives(ordered);
    }

    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.LlmBackendKnown.Rule;

    /// <summary>Gets every backend name this rule accepts.</summary>
    public IReadOnlyCollection<string> KnownBackends => _known;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph) => ElementCheck.RunAlone(this, graph);

    /// <inheritdoc />
    ElementCheck? IElementLintRule.Begin(PipelineGraph graph) => new Check(graph, this);

    private sealed class Check : ElementCheck
    {
        private readonly InheritedAttributeFilter _inherited = new();
        private readonly LlmBackendRule _rule;

        public Check(PipelineGraph graph, LlmBackendRule rule)
            : base(graph, checksNodes: true, checksEdges: false)
        {
            _rule = rule;
            var graphBackend = graph.Attributes.Get(AttributeNames.LlmBackend);
            if (graphBackend is not null && !rule.IsAcceptable(graphBackend.Value))
            {
                Report(DiagnosticDescriptors.LlmBackendKnown.Create(
                    LintSupport.GraphSubject(graph) + " has llm_backend " + LintSupport.Quote(graphBackend.Value) + rule.Unknown(),
                    graph.FilePath,
                    LintSupport.SpanOf(graphBackend, graph.IdSpan),
                    fix: rule.SuggestFix(graphBackend.Value, "llm_backend=\"", "\"")));
            }
        }

        public override void CheckNode(int position, PipelineNode node)
        {
            // Stylesheet values are checked at their declaration in Finish.
            if (!node.TryGetAttribute(AttributeNames.LlmBackend, out var entry) || entry.Origin == AttributeOrigin.Stylesheet || _rule.IsAcceptable(entry.Value) || !_inherited.ShouldReport(entry))
            {
                return;
            }

            var backend = new DotAttribute(entry);
            Report(DiagnosticDescriptors.LlmBackendKnown.Create(
                "Node " + LintSupport.Quote(node.Id) + " has llm_backend " + LintSupport.Quote(backend.Value) + LintSupport.InheritedNote(backend, "node") + _rule.Unknown(),
                Graph.FilePath,
                LintSupport.SpanOf(backend, node.Span),
                fix: _rule.SuggestFix(backend.Value, "llm_backend=\"", "\""),
                nodeId: node.Id));
        }

        public override void Finish()
        {
            var source = Graph.Attributes.Get(AttributeNames.ModelStylesheet);
            if (source is null || source.Value.Length == 0)
            {
                return;
            }

            foreach (var rule in ModelStylesheet.Parse(source.Value).Stylesheet.Rules)
            {
                foreach (var declaration in rule.Declarations)
                {
                    if (declaration.Name != AttributeNames.LlmBackend || _rule.IsAcceptable(declaration.Value))
                    {
                        continue;
                    }

                    Report(DiagnosticDescriptors.LlmBackendKnown.Create(
                        "Stylesheet rule " + LintSupport.Quote(rule.Selector.ToString()) + " sets llm_backend " + LintSupport.Quote(declaration.Value) + _rule.Unknown(),
                        Graph.FilePath,
                        StylesheetSyntaxRule.Locate(Graph, source, declaration.ValueStart, declaration.ValueLength),
                        fix: _rule.SuggestFix(declaration.Value, "llm_backend: ", string.Empty)));
                }
            }
        }
    }

    private string Unknown() => ", which names no known backend; expected " + _allowed + ". The run fails when it reaches a stage that uses it.";

    private bool IsAcceptable(string value) => value.Length == 0 || _known.Contains(value);

    private string SuggestFix(string value, string prefix, string suffix)
    {
        var suggestion = Suggest(value.Trim());
        return suggestion is not null
            ? "write " + prefix + suggestion + suffix
            : "use " + _allowed + ", or register the backend with the host";
    }

    // The spellings people reach for: other casings, underscores, the vendor instead of the tool.
    private string? Suggest(string value)
    {
        foreach (var known in _known)
        {
            if (string.Equals(Normalize(known), Normalize(value), StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return Normalize(value).ToUpperInvariant() switch
        {
            "CLAUDE" or "CLAUDECODE" or "ANTHROPIC" => BackendNames.ClaudeCode,
            "GEMINI" or "GEMINICODE" or "GOOGLE" => BackendNames.GeminiCli,
            "OPENAICODEX" or "CODEXCLI" => BackendNames.Codex,
            "API" or "DIRECT" or "OPENAI" => BackendNames.Llm,
            "CODINGAGENT" or "AGENTLOOP" => BackendNames.Agent,
            "SIMULATED" or "SIMULATION" or "FAKE" or "NONE" => BackendNames.Simulate,
            _ => null,
        };
    }

    private static string Normalize(string value) => value.Replace("-", string.Empty).Replace("_", string.Empty).Replace(" ", string.Empty);
}
