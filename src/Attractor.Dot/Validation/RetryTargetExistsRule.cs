// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Generic;

namespace Attractor.Dot.Validation;

/// <summary>
/// attractor-spec §7.2 <c>retry_target_exists</c> (ATR2011): every <c>retry_target</c> and
/// <c>fallback_retry_target</c>, on the graph or on a node, names an existing node.
/// </summary>
public sealed class RetryTargetExistsRule : ILintRule, IElementLintRule
{
    private static readonly string[] Keys = { AttributeNames.RetryTarget, AttributeNames.FallbackRetryTarget };

    /// <inheritdoc />
    public string Name => DiagnosticDescriptors.RetryTargetExists.Rule;

    /// <inheritdoc />
    public IEnumerable<DotDiagnostic> Apply(PipelineGraph graph) => ElementCheck.RunAlone(this, graph);

    /// <inheritdoc />
    ElementCheck? IElementLintRule.Begin(PipelineGraph graph) => new Check(graph);

    private sealed class Check : TopologyCheck
    {
        private readonly InheritedAttributeFilter _inherited = new();

        public Check(PipelineGraph graph)
            : base(graph, checksNodes: true, checksEdges: false)
        {
            foreach (var key in Keys)
            {
                var attribute = graph.Attributes.Get(key);
                if (IsDangling(attribute, Topology))
                {
                    Report(Create(graph, "Graph attribute", attribute!, LintSupport.SpanOf(attribute, graph.IdSpan), null));
                }
            }
        }

        public override void CheckNode(int position, PipelineNode node)
        {
            foreach (var key in Keys)
            {
                var attribute = IsDangling(node.GetAttribute(key), Topology) ? node.Attributes.Get(key) : null;
                if (attribute is not null && _inherited.ShouldReport(attribute))
                {
                    Report(Create(Graph, "Node " + LintSupport.Quote(node.Id) + " has", attribute!, LintSupport.SpanOf(attribute, node.Span), node.Id));
                }
            }
        }
    }

    private static bool IsDangling(DotAttribute? attribute, PipelineTopology topology) => IsDangling(attribute?.Value, topology);

    private static bool IsDangling(string? value, PipelineTopology topology) =>
        value is not null && !LintSupport.IsBlank(value) && !topology.Contains(value);

    private static DotDiagnostic Create(PipelineGraph graph, string subject, DotAttribute attribute, SourceSpan span, string? nodeId) =>
        DiagnosticDescriptors.RetryTargetExists.Create(
            subject + " " + attribute.Key + "=" + LintSupport.Quote(attribute.Value) + LintSupport.InheritedNote(attribute, "node")
                + ", but no node has that ID; the retry jump it configures cannot happen.",
            graph.FilePath,
            span,
            fix: "set " + attribute.Key + " to the ID of an existing node, or remove it",
            nodeId: nodeId);
}
