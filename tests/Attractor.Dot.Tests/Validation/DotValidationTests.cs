// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Validation;

namespace Attractor.Dot.Tests.Validation;

/// <summary>
/// Validation of parsed DOT text: the checkboxes of attractor-spec §11.2 and the validation rows of
/// §11.12, with every diagnostic located to the exact token in the source.
/// </summary>
public sealed class DotValidationTests
{
    private const string File = "pipeline.dot";

    [Fact]
    public void Spec_11_12_missing_start_node_is_an_error_at_the_graph_id()
    {
        const string Source = """
            digraph Pipeline {
                work [prompt="No start node"]
                done [shape=Msquare]
                work -> done
            }
            """;

        var diagnostic = Lint(Source).Single(DiagnosticDescriptors.StartNode);

        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        AssertAt(Source, diagnostic, 1, 9, "Pipeline");
    }

    [Fact]
    public void Spec_11_12_missing_exit_node_is_an_error_at_the_graph_id()
    {
        const string Source = """
            digraph Pipeline {
                start [shape=Mdiamond]
                work  [prompt="No exit node"]
                start -> work
            }
            """;

        var diagnostic = Lint(Source).Single(DiagnosticDescriptors.TerminalNode);

        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        AssertAt(Source, diagnostic, 1, 9, "Pipeline");
    }

    [Fact]
    public void Spec_11_12_orphan_node_is_reported_at_the_node()
    {
        // §11.12 says "warning"; §7.2 and the corpus verdict table (binding) make it an ERROR.
        const string Source = """
            digraph orphan {
                start  [shape=Mdiamond]
                work   [shape=box, prompt="Connected"]
                orphan [shape=box, prompt="Unreachable"]
                done   [shape=Msquare]

                start -> work
                work  -> done
            }
            """;

        var diagnostic = Lint(Source).Single(DiagnosticDescriptors.Reachability);

        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("orphan", diagnostic.NodeId);
        AssertAt(Source, diagnostic, 4, 5, "orphan");
    }

    [Fact]
    public void Spec_11_2_exactly_one_start_node_is_required()
    {
        const string Source = """
            digraph G {
                start [shape=Mdiamond]
                begin [shape=Mdiamond]
                work  [prompt="p"]
                done  [shape=Msquare]
                start -> work -> done
                begin -> work
            }
            """;

        var diagnostic = Lint(Source).Single(DiagnosticDescriptors.StartNode);

        Assert.Equal("begin", diagnostic.NodeId);
        AssertAt(Source, diagnostic, 3, 5, "begin");
    }

    [Fact]
    public void Spec_11_2_exactly_one_exit_node_is_required()
    {
        const string Source = """
            digraph G {
                start [shape=Mdiamond]
                work  [prompt="Has two exits"]
                done1 [shape=Msquare]
                done2 [shape=Msquare]
                start -> work
                work  -> done1
                work  -> done2
            }
            """;

        var diagnostic = Lint(Source).Single(DiagnosticDescriptors.TerminalNode);

        Assert.Equal("done2", diagnostic.NodeId);
        AssertAt(Source, diagnostic, 5, 5, "done2");
    }

    [Fact]
    public void Spec_11_2_start_node_has_no_incoming_edges()
    {
        const string Source = """
            digraph G {
                start [shape=Mdiamond]
                work  [prompt="Work"]
                done  [shape=Msquare]
                start -> work
                work  -> start
                work  -> done
            }
            """;

        var diagnostic = Lint(Source).Single(DiagnosticDescriptors.StartNoIncoming);

        Assert.Equal(new EdgeReference("work", "start"), diagnostic.Edge);
        AssertAt(Source, diagnostic, 6, 5, "work  -> start");
    }

    [Fact]
    public void Spec_11_2_exit_node_has_no_outgoing_edges()
    {
        const string Source = """
            digraph G {
                start [shape=Mdiamond]
                work  [prompt="Work"]
                done  [shape=Msquare]
                start -> work -> done
                done -> work [label="again"]
            }
            """;

        var diagnostic = Lint(Source).Single(DiagnosticDescriptors.ExitNoOutgoing);

        Assert.Equal(new EdgeReference("done", "work"), diagnostic.Edge);
        AssertAt(Source, diagnostic, 6, 5, "done -> work");
    }

    [Fact]
    public void Spec_11_2_all_nodes_are_reachable_from_start()
    {
        const string Source = """
            digraph G {
                start [shape=Mdiamond]
                done  [shape=Msquare]
                a [prompt="a"]
                b [prompt="b"]
                start -> done
                a -> b -> done
            }
            """;

        var diagnostics = Lint(Source).Of(DiagnosticDescriptors.Reachability);

        Assert.Equal(["a", "b"], diagnostics.Select(d => d.NodeId));
        AssertAt(Source, diagnostics[0], 4, 5, "a");
        AssertAt(Source, diagnostics[1], 5, 5, "b");
    }

    [Fact]
    public void Spec_11_2_all_edges_reference_valid_node_ids()
    {
        const string Source = """
            digraph G {
                start [shape=Mdiamond]
                work  [prompt="p"]
                done  [shape=Msquare]
                start -> work -> done
            }
            """;

        // The parser declares edge endpoints implicitly, as DOT does; a transform can still drop a node.
        var parsed = Parse(Source);
        var graph = parsed.WithNodes([.. parsed.Nodes.Where(n => n.Id != "work")]);

        var diagnostics = PipelineValidator.Default.Validate(graph).Of(DiagnosticDescriptors.EdgeTargetExists);

        Assert.Equal([new EdgeReference("start", "work"), new EdgeReference("work", "done")], diagnostics.Select(d => d.Edge!.Value));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        AssertAt(Source, diagnostics[0], 5, 14, "work");
        AssertAt(Source, diagnostics[1], 5, 14, "work");
    }

    [Fact]
    public void Spec_11_2_codergen_nodes_without_prompt_are_warnings()
    {
        const string Source = """
            digraph G {
                start [shape=Mdiamond]
                plain [shape=box]
                done  [shape=Msquare]
                start -> plain -> done
            }
            """;

        var diagnostics = Lint(Source);

        var diagnostic = diagnostics.Single(DiagnosticDescriptors.PromptOnLlmNodes);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        AssertAt(Source, diagnostic, 3, 5, "plain");
        DiagnosticAssertions.AssertNoErrors(diagnostics);
    }

    [Fact]
    public void Spec_11_2_condition_expressions_on_edges_parse_without_errors()
    {
        const string Source = """
            digraph G {
                start [shape=Mdiamond]
                work  [prompt="p"]
                done  [shape=Msquare]
                start -> work
                work -> done [condition="outcome=success && context.tests_passed=true"]
                work -> work [condition="outcome contains fail"]
            }
            """;

        var diagnostics = Lint(Source);

        var diagnostic = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal("ATR2007", diagnostic.Id);
        Assert.Equal("condition_syntax", diagnostic.Rule);
        Assert.Equal(new EdgeReference("work", "work"), diagnostic.Edge);
        Assert.Equal(7, diagnostic.Span.StartLine);
        Assert.InRange(diagnostic.Span.StartColumn, 31, 51);
    }

    [Fact]
    public void Spec_11_2_validate_or_raise_throws_on_error_severity_violations()
    {
        const string Source = """
            digraph G {
                work [prompt="p"]
            }
            """;

        var exception = Assert.Throws<PipelineValidationException>(() => PipelineValidator.Default.ValidateOrThrow(Parse(Source)));

        Assert.Equal(["ATR2001", "ATR2002"], exception.Errors.Select(d => d.Id));
        Assert.Contains("pipeline.dot(1,9): error ATR2001:", exception.Message, StringComparison.Ordinal);
        Assert.Contains("pipeline.dot(1,9): error ATR2002:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_11_2_lint_results_include_rule_severity_node_or_edge_and_message()
    {
        const string Source = """
            digraph G {
                start [shape=Mdiamond]
                work  [prompt="p"]
                done  [shape=Msquare]
                start -> work -> done
                done -> start
            }
            """;

        var diagnostics = Lint(Source);

        var edgeDiagnostic = diagnostics.Single(DiagnosticDescriptors.ExitNoOutgoing);
        Assert.Equal("exit_no_outgoing", edgeDiagnostic.Rule);
        Assert.Equal(DiagnosticSeverity.Error, edgeDiagnostic.Severity);
        Assert.Equal("done", edgeDiagnostic.NodeId);
        Assert.Equal(new EdgeReference("done", "start"), edgeDiagnostic.Edge);
        Assert.Contains("'done -> start'", edgeDiagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("pipeline.dot(6,5): error ATR2006: " + edgeDiagnostic.Message + " [exit_no_outgoing]", edgeDiagnostic.ToString());

        var nodeDiagnostic = diagnostics.Single(DiagnosticDescriptors.StartNoIncoming);
        Assert.Equal("start_no_incoming", nodeDiagnostic.Rule);
        Assert.Equal("start", nodeDiagnostic.NodeId);
        Assert.All(diagnostics, d => Assert.False(string.IsNullOrEmpty(d.Fix)));
    }

    [Fact]
    public void Attribute_diagnostics_point_at_the_key_value_pair()
    {
        const string Source = """
            digraph G {
                default_max_retries = lots
                start [shape=Mdiamond]
                work  [prompt="p", max_retries=three, fidelity="medium", timeout="soon"]
                fan   [shape=ellipse, prompt="q"]
                done  [shape=Msquare]
                start -> work -> fan
                fan -> done [weight=heavy]
            }
            """;

        var diagnostics = Lint(Source);

        var values = diagnostics.Of(DiagnosticDescriptors.AttributeValue);
        Assert.Equal(4, values.Length);
        AssertAt(Source, values[0], 2, 5, "default_max_retries = lots");
        AssertAt(Source, values[1], 4, 24, "max_retries=three");
        AssertAt(Source, values[2], 4, 62, "timeout=\"soon\"");
        AssertAt(Source, values[3], 8, 18, "weight=heavy");
        AssertAt(Source, diagnostics.Single(DiagnosticDescriptors.FidelityValid), 4, 43, "fidelity=\"medium\"");
        AssertAt(Source, diagnostics.Single(DiagnosticDescriptors.ShapeKnown), 5, 12, "shape=ellipse");
    }

    [Fact]
    public void A_bad_value_in_a_default_block_is_reported_once_at_the_block()
    {
        const string Source = """
            digraph G {
                start [shape=Mdiamond]
                node [fidelity=everything]
                a [prompt="a"]
                b [prompt="b"]
                done [shape=Msquare]
                start -> a -> b -> done
            }
            """;

        var diagnostic = Lint(Source).Single(DiagnosticDescriptors.FidelityValid);

        Assert.Equal("a", diagnostic.NodeId);
        Assert.Contains("default block", diagnostic.Message, StringComparison.Ordinal);
        AssertAt(Source, diagnostic, 3, 11, "fidelity=everything");
    }

    [Fact]
    public void Implicit_start_and_exit_ids_validate_cleanly()
    {
        const string Source = """
            digraph G {
                start -> work -> exit
                work [prompt="p"]
            }
            """;

        Assert.Empty(Lint(Source));
    }

    private static PipelineGraph Parse(string source)
    {
        var result = DotParser.Parse(source, File);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Graph;
    }

    private static IReadOnlyList<DotDiagnostic> Lint(string source) => PipelineValidator.Default.Validate(Parse(source));

    /// <summary>Asserts the diagnostic starts at the line and column and covers exactly <paramref name="text"/>.</summary>
    private static void AssertAt(string source, DotDiagnostic diagnostic, int line, int column, string text)
    {
        Assert.Equal(File, diagnostic.FilePath);
        Assert.Equal((line, column), (diagnostic.Span.StartLine, diagnostic.Span.StartColumn));
        Assert.Equal(text, source.Substring(diagnostic.Span.Start, diagnostic.Span.Length));
    }
}
