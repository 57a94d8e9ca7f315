// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Tests.Syntax;

/// <summary>attractor-spec §11.1 (DOT parsing) and the parsing rows of §11.12.</summary>
public sealed class ParserTests
{
    private static PipelineGraph ParseClean(string text)
    {
        var result = DotParser.Parse(text, "test.dot");
        Assert.Empty(result.Diagnostics);
        Assert.True(result.IsStructurallyComplete);
        return result.Graph;
    }

    private static string[] EdgePairs(PipelineGraph graph) => graph.Edges.Select(e => e.From + "->" + e.To).ToArray();

    [Fact]
    public void Accepts_the_supported_subset_with_graph_node_and_edge_blocks()
    {
        var graph = ParseClean("""
            digraph Simple {
                graph [goal="Run tests and report"]
                node [shape=box]
                edge [weight=1]
                rankdir=LR

                start [shape=Mdiamond, label="Start"]
                exit  [shape=Msquare, label="Exit"]
                run_tests [label="Run Tests", prompt="Run the test suite and report results"]
                start -> run_tests -> exit
            }
            """);

        Assert.Equal("Simple", graph.Id);
        Assert.Equal(["start", "exit", "run_tests"], graph.Nodes.Select(n => n.Id));
        Assert.Equal(["start->run_tests", "run_tests->exit"], EdgePairs(graph));
        Assert.Equal("LR", graph.Attributes.GetString("rankdir"));
    }

    [Fact]
    public void Parses_a_simple_linear_pipeline()
    {
        var graph = ParseClean("digraph G { start [shape=Mdiamond]; A; B; done [shape=Msquare]; start -> A -> B -> done }");
        Assert.Equal(4, graph.Nodes.Count);
        Assert.Equal(["start->A", "A->B", "B->done"], EdgePairs(graph));
        Assert.Equal("start", graph.FindStartNode()?.Id);
        Assert.Equal("done", graph.FindExitNode()?.Id);
    }

    [Fact]
    public void Extracts_graph_level_attributes_from_blocks_and_declarations()
    {
        var graph = ParseClean("""
            digraph G {
                graph [goal="Ship it", label="Release"]
                model_stylesheet = "* { llm_model: gpt-5.2; }"
                default_max_retries = 2
                retry_target = plan
                fallback_retry_target = "review"
                default_fidelity = "summary:high"
                stack.child_dotfile = "child.dot"
                tool_hooks.pre = "echo pre"
            }
            """);

        Assert.Equal("Ship it", graph.Goal);
        Assert.Equal("Release", graph.Label);
        Assert.Equal("* { llm_model: gpt-5.2; }", graph.ModelStylesheet);
        Assert.Equal(2, graph.DefaultMaxRetries);
        Assert.Equal("plan", graph.RetryTarget);
        Assert.Equal("review", graph.FallbackRetryTarget);
        Assert.Equal("summary:high", graph.DefaultFidelity);
        Assert.Equal("child.dot", graph.StackChildDotfile);
        Assert.Equal("echo pre", graph.ToolHooksPre);
    }

    [Fact]
    public void Parses_multi_line_attribute_blocks()
    {
        var graph = ParseClean("""
            digraph G {
                review [
                    shape=box,
                    label="Review",
                    prompt="Review the code",
                    max_retries=3,
                    goal_gate=true,
                    timeout="900s"
                ]
            }
            """);

        var node = Assert.Single(graph.Nodes);
        Assert.Equal("Review", node.Label);
        Assert.Equal("Review the code", node.Prompt);
        Assert.Equal(3, node.MaxRetries);
        Assert.True(node.GoalGate);
        Assert.Equal(TimeSpan.FromSeconds(900), node.Timeout);
        Assert.Equal(4, node.Attributes.Get("label")!.Span.StartLine);
        Assert.Equal(8, node.Attributes.Get("timeout")!.Span.StartLine);
    }

    [Fact]
    public void Parses_edge_label_condition_and_weight()
    {
        var graph = ParseClean("""digraph G { gate -> exit [label="Yes", condition="outcome=success", weight=5] }""");
        var edge = Assert.Single(graph.Edges);
        Assert.Equal("Yes", edge.Label);
        Assert.Equal("outcome=success", edge.Condition);
        Assert.Equal(5, edge.Weight);
        Assert.False(edge.LoopRestart);
    }

    [Fact]
    public void Chained_edges_expand_into_pairs_sharing_the_attributes()
    {
        var graph = ParseClean("""digraph G { A -> B -> C [label="next"] }""");
        Assert.Equal(["A->B", "B->C"], EdgePairs(graph));
        Assert.All(graph.Edges, e => Assert.Equal("next", e.Label));
    }

    [Fact]
    public void Chained_edge_spans_cover_each_pair()
    {
        var graph = ParseClean("digraph G {\n  A -> B -> C\n}");
        Assert.Equal(new SourceSpan(14, 6, 2, 3, 2, 9), graph.Edges[0].Span);
        Assert.Equal(new SourceSpan(19, 6, 2, 8, 2, 14), graph.Edges[1].Span);
        Assert.Equal(2, graph.Edges[1].ToSpan.StartLine);
        Assert.Equal(13, graph.Edges[1].ToSpan.StartColumn);
    }

    [Fact]
    public void Node_and_edge_defaults_apply_to_later_declarations_only()
    {
        var graph = ParseClean("""
            digraph G {
                early
                node [shape=box, timeout="900s"]
                edge [weight=3]
                late
                override [timeout="60s"]
                early -> late
            }
            """);

        Assert.Null(graph.FindNode("early")!.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(900), graph.FindNode("late")!.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(60), graph.FindNode("override")!.Timeout);
        Assert.Equal(3, Assert.Single(graph.Edges).Weight);
        Assert.Equal(AttributeOrigin.Default, graph.FindNode("late")!.Attributes.Get("timeout")!.Origin);
        Assert.Equal(AttributeOrigin.Explicit, graph.FindNode("override")!.Attributes.Get("timeout")!.Origin);
    }

    [Fact]
    public void Explicit_edge_attributes_override_edge_defaults()
    {
        var graph = ParseClean("digraph G { edge [weight=3, label=\"d\"]  a -> b [weight=7] }");
        var edge = Assert.Single(graph.Edges);
        Assert.Equal(7, edge.Weight);
        Assert.Equal("d", edge.Label);
    }

    [Fact]
    public void Subgraphs_are_flattened_and_scope_their_defaults()
    {
        var graph = ParseClean("""
            digraph G {
                start [shape=Mdiamond]
                subgraph cluster_loop {
                    label = "Loop A"
                    node [thread_id="loop-a", timeout="900s"]

                    Plan      [label="Plan next step"]
                    Implement [label="Implement", timeout="1800s"]
                }
                after
                start -> Plan -> Implement -> after
            }
            """);

        Assert.Equal(["start", "Plan", "Implement", "after"], graph.Nodes.Select(n => n.Id));
        var plan = graph.FindNode("Plan")!;
        var implement = graph.FindNode("Implement")!;
        Assert.Equal("loop-a", plan.ThreadId);
        Assert.Equal(TimeSpan.FromSeconds(900), plan.Timeout);
        Assert.Equal("loop-a", implement.ThreadId);
        Assert.Equal(TimeSpan.FromSeconds(1800), implement.Timeout);
        Assert.Null(graph.FindNode("after")!.ThreadId);

        // The subgraph's label belongs to the subgraph, not the graph.
        Assert.Equal(string.Empty, graph.Label);
    }

    [Fact]
    public void Subgraph_labels_derive_classes_for_their_nodes()
    {
        var graph = ParseClean("""
            digraph G {
                subgraph cluster_outer {
                    a [class="code"]
                    subgraph cluster_inner { b; label="Review & Fix (2)!" }
                    label = "Loop A"
                }
                c
            }
            """);

        Assert.Equal(["code", "loop-a"], graph.FindNode("a")!.Classes);
        Assert.Equal(["review--fix-2", "loop-a"], graph.FindNode("b")!.Classes);
        Assert.Empty(graph.FindNode("c")!.Classes);
    }

    [Fact]
    public void Anonymous_blocks_scope_defaults_like_subgraphs()
    {
        var graph = ParseClean("digraph G { { node [shape=diamond] a } b }");
        Assert.Equal("diamond", graph.FindNode("a")!.Shape);
        Assert.Equal("box", graph.FindNode("b")!.Shape);
    }

    [Fact]
    public void Quoted_and_unquoted_values_both_work()
    {
        var graph = ParseClean("""digraph G { n [shape=box, label="Box", max_retries=2, reasoning_effort="low", goal_gate=true, llm_model=gpt-5.2, fidelity=summary:high] }""");
        var node = Assert.Single(graph.Nodes);
        Assert.Equal("box", node.Shape);
        Assert.Equal("Box", node.Label);
        Assert.Equal(2, node.MaxRetries);
        Assert.Equal("low", node.ReasoningEffort);
        Assert.True(node.GoalGate);
        Assert.Equal("gpt-5.2", node.LlmModel);
        Assert.Equal("summary:high", node.Fidelity);
        Assert.Equal(AttributeValueKind.Bare, node.Attributes.Get("shape")!.Kind);
        Assert.Equal(AttributeValueKind.String, node.Attributes.Get("label")!.Kind);
        Assert.Equal(AttributeValueKind.Integer, node.Attributes.Get("max_retries")!.Kind);
        Assert.Equal(AttributeValueKind.Boolean, node.Attributes.Get("goal_gate")!.Kind);
    }

    [Fact]
    public void Value_types_are_recognised_including_durations()
    {
        var graph = ParseClean("digraph G { n [a=42, b=-1, c=0.5, d=-3.14, e=true, f=900s, g=250ms, h=1d, i=\"900s\"] }");
        var attributes = Assert.Single(graph.Nodes).Attributes;
        Assert.Equal(AttributeValueKind.Integer, attributes.Get("a")!.Kind);
        Assert.Equal(AttributeValueKind.Integer, attributes.Get("b")!.Kind);
        Assert.Equal(AttributeValueKind.Float, attributes.Get("c")!.Kind);
        Assert.Equal(AttributeValueKind.Float, attributes.Get("d")!.Kind);
        Assert.Equal(AttributeValueKind.Boolean, attributes.Get("e")!.Kind);
        Assert.Equal(AttributeValueKind.Duration, attributes.Get("f")!.Kind);
        Assert.Equal(AttributeValueKind.Duration, attributes.Get("g")!.Kind);
        Assert.Equal(AttributeValueKind.Duration, attributes.Get("h")!.Kind);
        Assert.Equal(AttributeValueKind.String, attributes.Get("i")!.Kind);
    }

    [Fact]
    public void Comments_are_stripped_but_not_inside_strings()
    {
        var graph = ParseClean("// line comment\n/* block\n   comment */\ndigraph G { /* inline */ a // trailing\n}");
        Assert.Equal("G", graph.Id);

        var withStrings = ParseClean("""
            digraph G {
                n [prompt="keep // this and /* this */ too", label="a#b"] // trailing
                /* between */ m
            }
            """);
        Assert.Equal("keep // this and /* this */ too", withStrings.FindNode("n")!.Prompt);
        Assert.Equal("a#b", withStrings.FindNode("n")!.Label);
        Assert.NotNull(withStrings.FindNode("m"));
    }

    [Fact]
    public void Lines_starting_with_hash_are_ignored_like_graphviz()
    {
        var graph = ParseClean("# generated by a preprocessor\ndigraph G {\n  # line 2\n  a\n}");
        Assert.Equal("a", Assert.Single(graph.Nodes).Id);
    }

    [Fact]
    public void Escapes_in_strings_are_unescaped()
    {
        var graph = ParseClean("""digraph G { n [prompt="Line one\nLine two\tTabbed\nQuote: \"hello\" and \\ backslash"] }""");
        Assert.Equal("Line one\nLine two\tTabbed\nQuote: \"hello\" and \\ backslash", Assert.Single(graph.Nodes).Prompt);
    }

    [Fact]
    public void Backslash_newline_continues_a_string()
    {
        var graph = ParseClean("digraph G { n [prompt=\"one \\\ntwo\"] }");
        Assert.Equal("one two", Assert.Single(graph.Nodes).Prompt);
    }

    [Fact]
    public void Strings_may_span_lines()
    {
        var graph = ParseClean("digraph G {\n  graph [model_stylesheet=\"\n    * { llm_model: a; }\n  \"]\n}");
        Assert.Equal("\n    * { llm_model: a; }\n  ", graph.ModelStylesheet);
        var attribute = graph.Attributes.Get("model_stylesheet")!;
        Assert.Equal(new SourceSpan(39, 27, 2, 28, 4, 3), attribute.ValueSpan);
    }

    [Fact]
    public void Qualified_keys_are_kept_whole()
    {
        var graph = ParseClean("""
            digraph G {
                tool [tool_hooks.pre="echo pre", tool_hooks.post="echo post", manager.poll_interval=30s, human.default_choice="A"]
            }
            """);
        var attributes = Assert.Single(graph.Nodes).Attributes;
        Assert.Equal("echo pre", attributes.GetString("tool_hooks.pre"));
        Assert.Equal("echo post", attributes.GetString("tool_hooks.post"));
        Assert.Equal("30s", attributes.GetString("manager.poll_interval"));
        Assert.Equal(AttributeValueKind.Duration, attributes.Get("manager.poll_interval")!.Kind);
        Assert.Equal("A", attributes.GetString("human.default_choice"));
    }

    [Fact]
    public void Several_node_statements_on_one_line()
    {
        var graph = ParseClean("digraph G { a [label=\"A\"] b c; d [shape=diamond] }");
        Assert.Equal(["a", "b", "c", "d"], graph.Nodes.Select(n => n.Id));
        Assert.Equal("A", graph.FindNode("a")!.Label);
        Assert.Equal("diamond", graph.FindNode("d")!.Shape);
    }

    [Fact]
    public void Semicolon_terminators_are_accepted_without_diagnostics()
    {
        var graph = ParseClean("digraph G { rankdir=LR; node [shape=box]; a; b; a -> b; }");
        Assert.Equal(2, graph.Nodes.Count);
    }

    [Fact]
    public void Redeclaring_a_node_merges_attributes_and_moves_its_location_to_the_declaration()
    {
        var graph = ParseClean("digraph G {\n  a -> b\n  b [label=\"B\"]\n  b [prompt=\"p\"]\n}");
        var b = graph.FindNode("b")!;
        Assert.Equal("B", b.Label);
        Assert.Equal("p", b.Prompt);
        Assert.Equal(3, b.Span.StartLine);
        Assert.Equal(3, b.Span.StartColumn);
    }

    [Fact]
    public void Custom_attributes_are_preserved_in_order()
    {
        var graph = ParseClean("digraph G { n [zeta=1, alpha=\"x\", join_policy=first_success] }");
        Assert.Equal(["zeta", "alpha", "join_policy"], Assert.Single(graph.Nodes).Attributes.Select(a => a.Key));
    }

    [Fact]
    public void Attribute_spans_cover_key_and_value()
    {
        var graph = ParseClean("digraph G {\n  n [label=\"Hi\", max_retries=2]\n}");
        var node = Assert.Single(graph.Nodes);
        Assert.Equal(new SourceSpan(17, 10, 2, 6, 2, 16), node.Attributes.Get("label")!.Span);
        Assert.Equal(new SourceSpan(24, 2, 2, 13, 2, 15), node.Attributes.Get("label")!.ValueSpan);
        Assert.Equal(new SourceSpan(29, 13, 2, 18, 2, 31), node.Attributes.Get("max_retries")!.Span);
        Assert.Equal(new SourceSpan(14, 1, 2, 3, 2, 4), node.Span);
    }

    [Fact]
    public void Locating_inside_a_value_accounts_for_escapes_and_line_breaks()
    {
        var graph = ParseClean("digraph G {\n  n [condition=\"a=\\\"x\\\" && \n b!=1\"]\n}");
        var attribute = Assert.Single(graph.Nodes).Attributes.Get("condition")!;
        Assert.Equal("a=\"x\" && \n b!=1", attribute.Value);
        var located = attribute.LocateInValue(attribute.Value.IndexOf('b', StringComparison.Ordinal), 4);
        Assert.Equal(3, located.StartLine);
        Assert.Equal(2, located.StartColumn);
        Assert.Equal(3, located.EndLine);
        Assert.Equal(6, located.EndColumn);

        var quote = attribute.LocateInValue(2, 1);
        // The escape \" is two characters in the file.
        Assert.Equal((2, 19, 2, 21), (quote.StartLine, quote.StartColumn, quote.EndLine, quote.EndColumn));
    }

    [Fact]
    public void Nodes_created_by_edges_get_the_current_defaults()
    {
        var graph = ParseClean("digraph G { node [shape=hexagon] a -> b }");
        Assert.All(graph.Nodes, n => Assert.Equal("hexagon", n.Shape));
    }

    [Fact]
    public void Missing_commas_between_attributes_are_accepted_with_a_warning()
    {
        var result = DotParser.Parse("digraph G {\n  n [shape=box label=\"x\"\n     prompt=\"p\"]\n}", "f.dot");
        Assert.False(result.HasErrors);
        var node = Assert.Single(result.Graph.Nodes);
        Assert.Equal("x", node.Label);
        Assert.Equal("p", node.Prompt);
        Assert.Collection(
            result.Diagnostics,
            d => Assert.Equal(("ATR1012", 2, 16), (d.Id, d.Span.StartLine, d.Span.StartColumn)),
            d => Assert.Equal(("ATR1012", 3, 6), (d.Id, d.Span.StartLine, d.Span.StartColumn)));
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
    }

    [Fact]
    public void Quoted_node_and_graph_ids_are_accepted_with_one_warning_per_id()
    {
        var result = DotParser.Parse("digraph \"my-pipeline\" {\n  \"review-code\" -> \"exit\"\n  \"review-code\" [label=\"R\"]\n}", "f.dot");
        Assert.False(result.HasErrors);
        Assert.Equal("my-pipeline", result.Graph.Id);
        Assert.Equal("R", result.Graph.FindNode("review-code")!.Label);
        Assert.Equal(["ATR1013", "ATR1013", "ATR1013"], result.Diagnostics.Select(d => d.Id));
        Assert.Equal(["(1,9,1,22)", "(2,3,2,16)", "(2,20,2,26)"], result.Diagnostics.Select(d => d.Span.ToString()));
        Assert.Contains("Remove the quotes", result.Diagnostics[2].Fix, StringComparison.Ordinal);
        Assert.Contains("review_code", result.Diagnostics[1].Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Keywords_are_case_insensitive_like_graphviz()
    {
        var graph = ParseClean("DiGraph G { Node [shape=box] SubGraph s { a } }");
        Assert.Equal("box", Assert.Single(graph.Nodes).Shape);
    }

    [Fact]
    public void Parses_the_spec_examples()
    {
        var branch = ParseClean("""
            digraph Branch {
                graph [goal="Implement and validate a feature"]
                rankdir=LR
                node [shape=box, timeout="900s"]

                start     [shape=Mdiamond, label="Start"]
                exit      [shape=Msquare, label="Exit"]
                plan      [label="Plan", prompt="Plan the implementation"]
                implement [label="Implement", prompt="Implement the plan"]
                validate  [label="Validate", prompt="Run tests"]
                gate      [shape=diamond, label="Tests passing?"]

                start -> plan -> implement -> validate -> gate
                gate -> exit      [label="Yes", condition="outcome=success"]
                gate -> implement [label="No", condition="outcome!=success"]
            }
            """);
        Assert.Equal(6, branch.Nodes.Count);
        Assert.Equal(6, branch.Edges.Count);
        Assert.Equal("conditional", branch.FindNode("gate")!.HandlerType);

        var smoke = ParseClean("""
            digraph test_pipeline {
                graph [goal="Create a hello world Python script"]

                start       [shape=Mdiamond]
                plan        [shape=box, prompt="Plan how to create a hello world script for: $goal"]
                implement   [shape=box, prompt="Write the code based on the plan", goal_gate=true]
                review      [shape=box, prompt="Review the code for correctness"]
                done        [shape=Msquare]

                start -> plan
                plan -> implement
                implement -> review [condition="outcome=success"]
                implement -> plan   [condition="outcome=fail", label="Retry"]
                review -> done      [condition="outcome=success"]
                review -> implement [condition="outcome=fail", label="Fix"]
            }
            """);
        Assert.Equal("Create a hello world Python script", smoke.Goal);
        Assert.Equal(5, smoke.Nodes.Count);
        Assert.Equal(6, smoke.Edges.Count);
    }

    [Fact]
    public void Parses_a_graph_without_an_id()
    {
        var result = DotParser.Parse("digraph { a }");
        Assert.Empty(result.Diagnostics);
        Assert.Equal(string.Empty, result.Graph.Id);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_ignored()
    {
        var graph = ParseClean("\uFEFFdigraph G {\n  a\n}");
        Assert.Equal(new SourceSpan(15, 1, 2, 3, 2, 4), Assert.Single(graph.Nodes).Span);
    }

    [Fact]
    public void Windows_line_endings_keep_columns_right()
    {
        var graph = ParseClean("digraph G {\r\n  a [label=\"x\"]\r\n}\r\n");
        Assert.Equal((2, 3), (graph.Nodes[0].Span.StartLine, graph.Nodes[0].Span.StartColumn));
    }

    [Fact]
    public void File_path_is_carried_into_the_graph_and_diagnostics()
    {
        var result = DotParser.Parse("digraph G { a -- b }", "pipelines/review.dot");
        Assert.Equal("pipelines/review.dot", result.Graph.FilePath);
        Assert.Equal("pipelines/review.dot(1,15): error ATR1005: Undirected edges ('--') are not supported; pipelines are directed. [undirected_edge]", Assert.Single(result.Diagnostics).ToString());
    }

    [Theory]
    [InlineData("node")]
    [InlineData("edge")]
    [InlineData("graph")]
    public void Bare_keywords_are_not_node_ids(string keyword)
    {
        var result = DotParser.Parse("digraph G {\n  " + keyword + "\n  a\n}", "f.dot");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("ATR1002", 2, 3), (diagnostic.Id, diagnostic.Span.StartLine, diagnostic.Span.StartColumn));
        Assert.Contains("keyword", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(["a"], result.Graph.Nodes.Select(n => n.Id));
    }

    [Fact]
    public void Lint_messages_name_an_unnamed_graph_readably()
    {
        var prepared = PipelineLoader.Default.Load("digraph {\n  a\n}", "f.dot");
        Assert.Contains(prepared.Diagnostics, d => d.Id == "ATR2001" && d.Message.StartsWith("The graph has no start node", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_condition_and_stylesheet_error_has_a_fix()
    {
        var prepared = PipelineLoader.Default.Load("""
            digraph G {
                graph [model_stylesheet="box.code { llm_model: x; }"]
                start [shape=Mdiamond]
                exit [shape=Msquare]
                start -> exit [condition="context.x contains y"]
            }
            """, "f.dot");
        var errors = prepared.Diagnostics.Where(d => d.Id is "ATR2007" or "ATR2008").ToArray();
        Assert.Equal(["ATR2007", "ATR2008"], errors.Select(d => d.Id));
        Assert.All(errors, d => Assert.False(string.IsNullOrWhiteSpace(d.Fix)));
    }
}
