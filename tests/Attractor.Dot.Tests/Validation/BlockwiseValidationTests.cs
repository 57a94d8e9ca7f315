// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;
using Attractor.Dot.Transforms;
using Attractor.Dot.Validation;

namespace Attractor.Dot.Tests.Validation;

/// <summary>
/// The validator runs the built-in rules that look at one node or edge at a time together, block by
/// block, and lint finds edge endpoints by the positions the parser recorded. Neither may change
/// what a validation reports, nor its order, whatever the graph's size or node order.
/// </summary>
public sealed class BlockwiseValidationTests
{
    // Several blocks of nodes and edges, with findings of many rules spread over all of them.
    private static readonly string LargeFaulty = BuildLargeFaulty(700);

    [Fact]
    public void Validating_a_large_graph_reports_exactly_what_the_rules_report_one_by_one_in_rule_order()
    {
        var graph = PipelineLoader.Default.Load(LargeFaulty, "big.dot").Graph;
        var validator = PipelineValidator.Default;

        var together = validator.Validate(graph);
        var oneByOne = validator.Rules.SelectMany(rule => rule.Apply(graph)).ToList();

        Assert.True(together.Count > 40, "the graph was meant to have findings in many blocks, got " + together.Count);
        Assert.Equal(oneByOne.Select(Describe), together.Select(Describe));
        var rulesSeen = together.Select(static d => d.Rule).Distinct().ToList();
        Assert.Contains(DiagnosticDescriptors.ShapeKnown.Rule, rulesSeen);
        Assert.Contains(DiagnosticDescriptors.FidelityValid.Rule, rulesSeen);
        Assert.Contains(DiagnosticDescriptors.Reachability.Rule, rulesSeen);
        Assert.Contains(DiagnosticDescriptors.ConditionSyntax.Rule, rulesSeen);
        Assert.Contains(DiagnosticDescriptors.AttributeValue.Rule, rulesSeen);
        Assert.Contains(DiagnosticDescriptors.PromptOnLlmNodes.Rule, rulesSeen);
        Assert.Contains(DiagnosticDescriptors.ExitReachable.Rule, rulesSeen);
    }

    [Fact]
    public void Reordering_the_nodes_after_parsing_changes_no_finding()
    {
        var loaded = PipelineLoader.Default.Load(LargeFaulty, "big.dot").Graph;
        var reversed = loaded.WithNodes(loaded.Nodes.Reverse().ToList());

        // The parser's endpoint positions no longer match; the IDs decide.
        var expected = PipelineValidator.Default.Validate(loaded).Where(static d => d.Rule != DiagnosticDescriptors.Reachability.Rule && d.Rule != DiagnosticDescriptors.ExitReachable.Rule);
        var actual = PipelineValidator.Default.Validate(reversed).Where(static d => d.Rule != DiagnosticDescriptors.Reachability.Rule && d.Rule != DiagnosticDescriptors.ExitReachable.Rule);

        Assert.Equal(expected.Select(Describe).Order(StringComparer.Ordinal), actual.Select(Describe).Order(StringComparer.Ordinal));
        Assert.Equal(
            PipelineValidator.Default.Validate(loaded).Count(static d => d.Rule == DiagnosticDescriptors.Reachability.Rule),
            PipelineValidator.Default.Validate(reversed).Count(static d => d.Rule == DiagnosticDescriptors.Reachability.Rule));
    }

    [Fact]
    public void A_transform_that_swaps_two_nodes_still_gets_every_edge_resolved_by_ID()
    {
        var text = "digraph G {\n  start [shape=Mdiamond]\n  a [prompt=\"a\"]\n  b [prompt=\"b\"]\n  exit [shape=Msquare]\n  start -> a -> b -> exit\n}\n";
        var loader = new PipelineLoader();
        loader.Transforms.Add(new SwapFirstTwoWorkNodes());

        var prepared = loader.Load(text, "swap.dot");

        Assert.Equal(["start", "b", "a", "exit"], prepared.Graph.Nodes.Select(static n => n.Id));
        Assert.Empty(prepared.Diagnostics);
    }

    [Fact]
    public void A_graph_built_in_code_with_a_duplicate_ID_resolves_edges_to_the_first_node()
    {
        var graph = TestGraphs.Graph(
            [
                TestGraphs.Node("start", 3, ("shape", "Mdiamond")),
                TestGraphs.Node("work", 4, ("prompt", "p")),
                TestGraphs.Node("work", 5, ("prompt", "q")),
                TestGraphs.Node("exit", 6, ("shape", "Msquare")),
            ],
            [TestGraphs.Edge("start", "work", 7), TestGraphs.Edge("work", "exit", 8)]);

        var diagnostics = PipelineValidator.Default.Validate(graph);

        Assert.DoesNotContain(diagnostics, static d => d.Rule == DiagnosticDescriptors.Reachability.Rule || d.Rule == DiagnosticDescriptors.EdgeTargetExists.Rule);
    }

    private static string Describe(DotDiagnostic diagnostic) => diagnostic.ToString() + " @" + diagnostic.Span;

    private static string BuildLargeFaulty(int nodeCount)
    {
        var text = new StringBuilder("digraph big {\n  start [shape=Mdiamond]\n  exit [shape=Msquare]\n  start -> n0\n");
        for (var i = 0; i < nodeCount; i++)
        {
            var id = "n" + i.ToString(CultureInfo.InvariantCulture);
            var shape = i % 97 == 5 ? ", shape=ellipse" : string.Empty;
            var fidelity = i % 89 == 7 ? ", fidelity=\"lossy\"" : string.Empty;
            var timeout = i % 83 == 3 ? ", timeout=\"soon\"" : string.Empty;
            text.Append("  ").Append(id).Append(" [prompt=\"Work ").Append(i).Append('"').Append(shape).Append(fidelity).Append(timeout).Append("]\n");
        }

        for (var i = 0; i < nodeCount; i++)
        {
            // Every 101st node gets no edge in (the chain skips over it), so it alone is unreachable.
            var target = (i + 1) % 101 == 50 ? i + 2 : i + 1;
            var next = target < nodeCount ? "n" + target.ToString(CultureInfo.InvariantCulture) : "exit";
            var condition = i % 79 == 11 ? " [condition=\"outcome contains x\"]" : " [condition=\"outcome=success\"]";
            text.Append("  n").Append(i).Append(" -> ").Append(next).Append(condition).Append('\n');
            if (i % 113 == 17)
            {
                text.Append("  n").Append(i).Append(" -> ghost").Append(i).Append('\n');
            }
        }

        return text.Append("}\n").ToString();
    }

    private sealed class SwapFirstTwoWorkNodes : IGraphTransform
    {
        public PipelineGraph Apply(PipelineGraph graph)
        {
            var nodes = graph.Nodes.ToList();
            (nodes[1], nodes[2]) = (nodes[2], nodes[1]);
            return graph.WithNodes(nodes);
        }
    }
}
