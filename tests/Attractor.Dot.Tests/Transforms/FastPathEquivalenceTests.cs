// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Stylesheets;
using Attractor.Dot.Transforms;
using Attractor.Dot.Validation;

namespace Attractor.Dot.Tests.Transforms;

/// <summary>
/// The allocation-free fast paths added for throughput (docs/performance.md) give the same answers
/// as the general code they shortcut.
/// </summary>
public sealed class FastPathEquivalenceTests
{
    private static readonly string[] ClassLists =
    [
        string.Empty, "a", "a,b", " a , b ", "a,,b", ",", " ", "code, review", "code,review,code", "\ta\t", "ab", "a b", "b,a ", "review",
    ];

    private static readonly string[] ClassNames = ["a", "b", "ab", "a b", "code", "review", "c"];

    public static TheoryData<string, string> Values()
    {
        var data = new TheoryData<string, string>();
        string[] values =
        [
            "0", "3", "007", "-1", "-0", "+2", " 4", "4 ", "123456789", "1234567890", "99999999999", "three", string.Empty, "-", "1.5",
            "true", "false", "True", "FALSE", " true", "yes",
            "15m", "900s", "250ms", "2h", "1d", "15", "999999d", "9999999d", "99999999999999d", "15M", "15 m", "m", "ms", "-5m", "1w", "5mm", "15m ",
        ];
        foreach (var key in new[] { "timeout", "max_retries", "goal_gate", "weight", "default_max_retries" })
        {
            foreach (var value in values)
            {
                data.Add(key, value);
            }
        }

        return data;
    }

    [Fact]
    public void Class_selector_matching_agrees_with_the_node_classes()
    {
        foreach (var classList in ClassLists)
        {
            foreach (var name in ClassNames)
            {
                var node = new PipelineNode("n", AttributeMap.FromPairs(("class", classList)));
                Assert.Equal(node.Classes.Contains(name), StylesheetSelector.ClassListContains(classList, name));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Attribute_value_rule_accepts_exactly_what_the_value_parsers_accept(string key, string value)
    {
        var expected = key switch
        {
            "timeout" => AttributeValues.TryParseDuration(value, out _),
            "goal_gate" => AttributeValues.TryParseBoolean(value, out _),
            "weight" => AttributeValues.TryParseInteger(value, out _),
            _ => AttributeValues.TryParseInteger(value, out var count) && count >= 0,
        };
        PipelineGraph graph = key switch
        {
            "weight" => new PipelineGraph("g", null, [new PipelineNode("a"), new PipelineNode("b")], [new PipelineEdge("a", "b", AttributeMap.FromPairs((key, value)))]),
            "default_max_retries" => new PipelineGraph("g", AttributeMap.FromPairs((key, value)), [new PipelineNode("a")], []),
            _ => new PipelineGraph("g", null, [new PipelineNode("a", AttributeMap.FromPairs((key, value)))], []),
        };

        var reported = new AttributeValueRule().Apply(graph).Any();

        Assert.Equal(!expected, reported);
    }

    [Fact]
    public void Resolving_all_properties_at_once_agrees_with_resolving_each()
    {
        var stylesheet = ModelStylesheet.Parse("""
            * { llm_model: any; }
            box { llm_provider: boxes; reasoning_effort: low; }
            .a { llm_model: class-a; reasoning_effort: medium; }
            .b { llm_model: class-b; }
            #n3 { llm_provider: three; }
            .a { llm_provider: a-again; }
            diamond { llm_model: diamonds; llm_model: diamonds-2; }
            #n3 { reasoning_effort: high; }
            .b { llm_backend: codex; }
            * { llm_backend: agent; }
            """).Stylesheet;
        string[] shapes = ["box", "diamond", "hexagon"];
        var nodes = new List<PipelineNode>();
        for (var i = 0; i < 40; i++)
        {
            var pairs = new List<(string, string)>();
            if (i % 3 != 0)
            {
                pairs.Add(("shape", shapes[i % shapes.Length]));
            }

            if (i % 4 != 0)
            {
                pairs.Add(("class", ClassLists[i % ClassLists.Length]));
            }

            nodes.Add(new PipelineNode("n" + (i % 7), AttributeMap.FromPairs([.. pairs]), default, i % 5 == 0 ? ["b"] : null));
        }

        var properties = StylesheetProperties.All;
        var results = new StylesheetDeclaration?[properties.Count];
        var scratch = new sbyte[stylesheet.Rules.Count];
        foreach (var node in nodes)
        {
            foreach (var wanted in new[] { new[] { true, true, true, true }, new[] { false, true, false, true }, new[] { true, false, true, false } })
            {
                stylesheet.ResolveAll(node.Id, node.SubgraphClasses, node.Shape, node.Class, wanted, results, scratch);
                for (var p = 0; p < properties.Count; p++)
                {
                    Assert.Same(wanted[p] ? stylesheet.Resolve(node, properties[p]) : null, results[p]);
                }
            }
        }
    }

    [Fact]
    public void The_stylesheet_transform_gives_the_attributes_successive_set_item_calls_give()
    {
        const string Dot = """
            digraph g {
                graph [model_stylesheet="* { llm_model: m; llm_provider: p; } .x { reasoning_effort: low; llm_model: mx; }"]
                node [llm_provider=inherited, reasoning_effort=medium]
                start [shape=Mdiamond]
                exit [shape=Msquare]
                a [class="x", llm_model=own]
                b [class=" y, x "]
                c [llm_provider=own, reasoning_effort=high, llm_model=own]
                start -> a -> b -> c -> exit
            }
            """;
        var parsed = DotParser.Parse(Dot).Graph;
        var stylesheet = ModelStylesheet.Parse(parsed.ModelStylesheet).Stylesheet;

        var graph = new StylesheetTransform().Apply(parsed);

        foreach (var node in parsed.Nodes)
        {
            // The straightforward algorithm: one SetItem per property, in property order.
            var expected = node.Attributes;
            foreach (var property in StylesheetProperties.All)
            {
                var existing = expected.Get(property);
                var declaration = stylesheet.Resolve(node, property);
                if ((existing is null || existing.Origin == AttributeOrigin.Default) && declaration is not null)
                {
                    expected = expected.SetItem(new DotAttribute(declaration.Name, declaration.Value, AttributeValueKind.Bare, AttributeOrigin.Stylesheet));
                }
            }

            Assert.Equal(Describe(expected), Describe(graph.FindNode(node.Id)!.Attributes));
        }

        Assert.Equal(["llm_provider=p", "reasoning_effort=low", "class=x", "llm_model=own"], Describe(graph.FindNode("a")!.Attributes).Select(d => d.Split(' ')[0]));
    }

    public static TheoryData<string> ExpansionAndStylesheetInputs()
    {
        var data = new TheoryData<string>
        {
            // Goal and stylesheet; a node with both changes, one with either, one with neither.
            """
            digraph g {
                graph [goal="ship it", model_stylesheet="* { llm_model: m; } .x { reasoning_effort: low; }"]
                node [reasoning_effort=medium, prompt="default $goal"]
                a [class=x, prompt="do $goal and $goal"]
                b [prompt="no variable"]
                c [llm_model=own, reasoning_effort=high, prompt="$goal"]
                d [class=x, llm_model=own]
                a -> b -> c -> d
            }
            """,
            "digraph g { graph [goal=\"g\"] a [prompt=\"$goal\"] b }",
            "digraph g { graph [model_stylesheet=\"#a { llm_model: x; }\"] a [prompt=\"$goal\"] b }",
            "digraph g { graph [goal=\"g\", model_stylesheet=\"\"] a [prompt=\"x\\n$goal\"] }",
            "digraph g { graph [goal=\"g\", model_stylesheet=\"#b { llm_model: x; }\"] a [prompt=\"$goal\"] b [prompt=\"$goal\"] }",
        };
        foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.dot").Order(StringComparer.Ordinal))
        {
            data.Add(File.ReadAllText(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExpansionAndStylesheetInputs))]
    public void Expansion_and_stylesheet_in_one_pass_agree_with_the_two_transforms(string dot)
    {
        var parsed = DotParser.Parse(dot).Graph;

        var expected = new StylesheetTransform().Apply(new VariableExpansionTransform().Apply(parsed));
        var combined = new TransformPipeline().Apply(parsed);

        Assert.Equal(expected.Nodes.Select(n => n.Id), combined.Nodes.Select(n => n.Id));
        for (var i = 0; i < expected.Nodes.Count; i++)
        {
            Assert.Equal(DescribeFully(expected.Nodes[i].Attributes), DescribeFully(combined.Nodes[i].Attributes));
            Assert.Equal(expected.Nodes[i].Span, combined.Nodes[i].Span);
            Assert.Equal(expected.Nodes[i].SubgraphClasses, combined.Nodes[i].SubgraphClasses);
        }

        Assert.Same(parsed.Edges, combined.Edges);
        Assert.Equal(DescribeFully(expected.Attributes), DescribeFully(combined.Attributes));
        Assert.Equal(
            PipelineLoader.Default.Load(dot).Graph.Nodes.SelectMany(n => DescribeFully(n.Attributes)),
            combined.Nodes.SelectMany(n => DescribeFully(n.Attributes)));
    }

    private static string[] Describe(AttributeMap attributes) =>
        attributes.Select(a => a.Key + "=" + a.Value + " " + a.Origin).ToArray();

    private static string[] DescribeFully(AttributeMap attributes) =>
        attributes.Select(a => a.Key + "=" + a.Value + " " + a.Origin + " " + a.Kind + " " + a.Span + a.ValueSpan + " " + a.Span.Start + "+" + a.Span.Length).ToArray();
}
