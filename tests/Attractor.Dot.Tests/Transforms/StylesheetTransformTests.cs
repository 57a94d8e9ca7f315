// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Transforms;

namespace Attractor.Dot.Tests.Transforms;

/// <summary>The model stylesheet transform (attractor-spec §8.5, §8.6, §11.10, §11.12).</summary>
public sealed class StylesheetTransformTests
{
    private const string SectionEightSixExample = """
        digraph Pipeline {
            graph [
                goal="Implement feature X",
                model_stylesheet="
                    * { llm_model: claude-sonnet-4-5; llm_provider: anthropic; }
                    .code { llm_model: claude-opus-4-6; llm_provider: anthropic; }
                    #critical_review { llm_model: gpt-5.2; llm_provider: openai; reasoning_effort: high; }
                "
            ]

            start [shape=Mdiamond]
            exit  [shape=Msquare]

            plan            [label="Plan", class="planning"]
            implement       [label="Implement", class="code"]
            critical_review [label="Critical Review", class="code"]

            start -> plan -> implement -> critical_review -> exit
        }
        """;

    [Fact]
    public void The_example_of_section_8_6_resolves_as_the_spec_says()
    {
        var graph = Transform(SectionEightSixExample);

        Assert.Equal(("claude-sonnet-4-5", "anthropic"), Models(graph, "plan"));
        Assert.Equal(("claude-opus-4-6", "anthropic"), Models(graph, "implement"));
        Assert.Equal(("gpt-5.2", "openai"), Models(graph, "critical_review"));
        Assert.Equal("high", graph.FindNode("critical_review")!.Attributes.GetString("reasoning_effort"));
        Assert.Null(graph.FindNode("implement")!.Attributes.GetString("reasoning_effort"));
    }

    [Fact]
    public void The_stylesheet_is_read_from_the_model_stylesheet_graph_attribute()
    {
        var node = new PipelineNode("work");
        var without = new PipelineGraph("g", null, [node], []);
        var with = without.WithAttributes(AttributeMap.FromPairs(("model_stylesheet", "* { llm_model: m }")));

        Assert.Null(new StylesheetTransform().Apply(without).FindNode("work")!.LlmModel);
        Assert.Equal("m", new StylesheetTransform().Apply(with).FindNode("work")!.LlmModel);
    }

    [Fact]
    public void Stylesheet_applies_model_override_to_nodes_by_shape()
    {
        var graph = Transform("""
            digraph g {
                graph [model_stylesheet="box { llm_model: \"claude-opus-4-6\" } hexagon { llm_model: gate-model }"]
                start [shape=Mdiamond]
                work [prompt="p"]
                boxed [shape=box, prompt="p"]
                gate [shape=hexagon]
                exit [shape=Msquare]
                start -> work -> boxed -> gate -> exit
            }
            """);

        Assert.Equal("claude-opus-4-6", graph.FindNode("work")!.LlmModel);
        Assert.Equal("claude-opus-4-6", graph.FindNode("boxed")!.LlmModel);
        Assert.Equal("gate-model", graph.FindNode("gate")!.LlmModel);
        Assert.Null(graph.FindNode("start")!.LlmModel);
        Assert.Null(graph.FindNode("exit")!.LlmModel);
    }

    [Fact]
    public void Explicit_node_attributes_override_the_stylesheet()
    {
        var graph = Transform("""
            digraph g {
                graph [model_stylesheet="#work { llm_model: sheet; llm_provider: sheet-provider; reasoning_effort: low }"]
                work [llm_model="explicit", reasoning_effort=medium]
            }
            """);
        var work = graph.FindNode("work")!;

        Assert.Equal("explicit", work.LlmModel);
        Assert.Equal("medium", work.ReasoningEffort);
        Assert.Equal("sheet-provider", work.LlmProvider);
        Assert.Equal(AttributeOrigin.Explicit, work.Attributes.Get("llm_model")!.Origin);
        Assert.Equal(AttributeOrigin.Stylesheet, work.Attributes.Get("llm_provider")!.Origin);
    }

    [Fact]
    public void The_stylesheet_overrides_values_inherited_from_a_node_default_block()
    {
        var graph = Transform("""
            digraph g {
                graph [model_stylesheet=".fast { llm_model: fast-model }"]
                node [llm_model="block-default", llm_provider="block-provider"]
                quick [class="fast"]
                slow
                pinned [class="fast", llm_model="explicit"]
            }
            """);

        Assert.Equal("fast-model", graph.FindNode("quick")!.LlmModel);
        Assert.Equal(AttributeOrigin.Stylesheet, graph.FindNode("quick")!.Attributes.Get("llm_model")!.Origin);
        Assert.Equal("block-provider", graph.FindNode("quick")!.LlmProvider);
        Assert.Equal(AttributeOrigin.Default, graph.FindNode("quick")!.Attributes.Get("llm_provider")!.Origin);
        Assert.Equal("block-default", graph.FindNode("slow")!.LlmModel);
        Assert.Equal("explicit", graph.FindNode("pinned")!.LlmModel);
    }

    [Fact]
    public void Precedence_holds_for_graphs_built_in_code()
    {
        var stylesheet = AttributeMap.FromPairs(("model_stylesheet", "* { llm_model: sheet }"));
        var inherited = new PipelineNode("inherited", AttributeMap.Create([new DotAttribute("llm_model", "block", AttributeValueKind.String, AttributeOrigin.Default)]));
        var explicitNode = new PipelineNode("explicit", AttributeMap.FromPairs(("llm_model", "mine")));
        var transformed = new PipelineNode("transformed", AttributeMap.Create([new DotAttribute("llm_model", "other", AttributeValueKind.String, AttributeOrigin.Transform)]));
        var graph = new StylesheetTransform().Apply(new PipelineGraph("g", stylesheet, [inherited, explicitNode, transformed, new PipelineNode("bare")], []));

        Assert.Equal("sheet", graph.FindNode("inherited")!.LlmModel);
        Assert.Equal("mine", graph.FindNode("explicit")!.LlmModel);
        Assert.Equal("other", graph.FindNode("transformed")!.LlmModel);
        Assert.Equal("sheet", graph.FindNode("bare")!.LlmModel);
    }

    [Fact]
    public void Classes_derived_from_subgraph_labels_are_matched()
    {
        var graph = Transform("""
            digraph g {
                graph [model_stylesheet=".loop-a { llm_model: loop-model }"]
                subgraph cluster_loop {
                    label = "Loop A"
                    plan [prompt="p"]
                }
                outside [prompt="p"]
            }
            """);

        Assert.Equal("loop-model", graph.FindNode("plan")!.LlmModel);
        Assert.Null(graph.FindNode("outside")!.LlmModel);
    }

    [Fact]
    public void Aliases_are_applied_and_unknown_properties_ignored()
    {
        var graph = Transform("""
            digraph g {
                graph [model_stylesheet="* { model: m; provider: p; temperature: 0.2 }"]
                work
            }
            """);
        var work = graph.FindNode("work")!;

        Assert.Equal(("m", "p"), (work.LlmModel, work.LlmProvider));
        Assert.False(work.Attributes.ContainsKey("temperature"));
        Assert.False(work.Attributes.ContainsKey("model"));
    }

    [Fact]
    public void Rules_with_syntax_errors_are_skipped_and_the_others_applied()
    {
        var graph = Transform("""
            digraph g {
                graph [model_stylesheet="* { llm_provider = openai } #work { llm_model: m }"]
                work
            }
            """);

        Assert.Equal("m", graph.FindNode("work")!.LlmModel);
        Assert.Null(graph.FindNode("work")!.LlmProvider);
    }

    [Fact]
    public void Set_values_point_at_the_stylesheet_declaration()
    {
        const string Dot = """
            digraph g {
                graph [model_stylesheet="
                    .code { llm_model: \"claude-opus-4-6\"; }
                "]
                work [class="code"]
            }
            """;
        var attribute = Transform(Dot).FindNode("work")!.Attributes.Get("llm_model")!;

        var value = Dot.IndexOf("claude-opus-4-6", StringComparison.Ordinal);
        Assert.Equal((value, 15), (attribute.ValueSpan.Start, attribute.ValueSpan.Length));
        Assert.Equal(Dot.IndexOf("llm_model", StringComparison.Ordinal), attribute.Span.Start);
        Assert.Equal("llm_model: \\\"claude-opus-4-6\\\"", Dot.Substring(attribute.Span.Start, attribute.Span.Length));
        Assert.Equal(3, attribute.ValueSpan.StartLine);
        Assert.Equal(AttributeValueKind.String, attribute.Kind);
    }

    [Fact]
    public void Nothing_to_apply_returns_the_same_instance()
    {
        var transform = new StylesheetTransform();
        var noStylesheet = DotParser.Parse("digraph g { a [prompt=\"p\"] }").Graph;
        var noMatch = DotParser.Parse("digraph g { graph [model_stylesheet=\"#other { llm_model: m }\"] a }").Graph;
        var allExplicit = DotParser.Parse("digraph g { graph [model_stylesheet=\"* { llm_model: m }\"] a [llm_model=x] }").Graph;
        var broken = DotParser.Parse("digraph g { graph [model_stylesheet=\"* { llm_model = m }\"] a }").Graph;

        Assert.Same(noStylesheet, transform.Apply(noStylesheet));
        Assert.Same(noMatch, transform.Apply(noMatch));
        Assert.Same(allExplicit, transform.Apply(allExplicit));
        Assert.Same(broken, transform.Apply(broken));
    }

    [Fact]
    public void The_input_graph_is_not_modified_and_untouched_nodes_are_shared()
    {
        var input = DotParser.Parse("digraph g { graph [model_stylesheet=\"#a { llm_model: m }\"] a  b }").Graph;

        var output = new StylesheetTransform().Apply(input);

        Assert.NotSame(input, output);
        Assert.Null(input.FindNode("a")!.LlmModel);
        Assert.Equal("m", output.FindNode("a")!.LlmModel);
        Assert.Same(input.FindNode("b"), output.FindNode("b"));
        Assert.Same(input.Edges, output.Edges);
    }

    [Fact]
    public void Applying_twice_changes_nothing_more()
    {
        var once = Transform(SectionEightSixExample);

        Assert.Same(once, new StylesheetTransform().Apply(once));
    }

    private static (string? Model, string? Provider) Models(PipelineGraph graph, string id)
    {
        var node = graph.FindNode(id)!;
        return (node.LlmModel, node.LlmProvider);
    }

    private static PipelineGraph Transform(string dot)
    {
        var parsed = DotParser.Parse(dot, "test.dot");
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        return new StylesheetTransform().Apply(parsed.Graph);
    }
}
