// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Transforms;

namespace Attractor.Dot.Tests.Transforms;

/// <summary>Transforms and extensibility (attractor-spec §9.1, §9.3, §11.11).</summary>
public sealed class TransformPipelineTests
{
    private const string Dot = """
        digraph g {
            graph [goal="Ship it", model_stylesheet="* { llm_model: sheet-model }"]
            start [shape=Mdiamond]
            work [prompt="Do: $goal"]
            exit [shape=Msquare]
            start -> work -> exit
        }
        """;

    [Fact]
    public void The_transform_interface_maps_a_graph_to_a_graph()
    {
        IGraphTransform transform = new Lambda(g => g.WithAttributes(g.Attributes.SetItem("label", "renamed")));
        var input = Parse(Dot);

        var output = transform.Apply(input);

        Assert.Equal("renamed", output.Label);
        Assert.Equal(string.Empty, input.Label);
    }

    [Fact]
    public void Built_in_transforms_run_first_variable_expansion_then_stylesheet()
    {
        var pipeline = new TransformPipeline();

        Assert.Collection(
            pipeline.Transforms,
            t => Assert.IsType<VariableExpansionTransform>(t),
            t => Assert.IsType<StylesheetTransform>(t));
        Assert.Collection(
            BuiltInTransforms.Create(),
            t => Assert.IsType<VariableExpansionTransform>(t),
            t => Assert.IsType<StylesheetTransform>(t));

        var work = pipeline.Apply(Parse(Dot)).FindNode("work")!;
        Assert.Equal("Do: Ship it", work.Prompt);
        Assert.Equal("sheet-model", work.LlmModel);
    }

    [Fact]
    public void Custom_transforms_run_after_the_built_ins_in_registration_order()
    {
        var seen = new List<string>();
        var pipeline = new TransformPipeline()
            .Register(new Lambda(g =>
            {
                seen.Add("first saw prompt " + g.FindNode("work")!.Prompt + " and model " + g.FindNode("work")!.LlmModel);
                return g;
            }))
            .Register(new Lambda(g =>
            {
                seen.Add("second");
                return g;
            }));

        pipeline.Apply(Parse(Dot));

        Assert.Equal(["first saw prompt Do: Ship it and model sheet-model", "second"], seen);
        Assert.Equal(4, pipeline.Transforms.Count);
    }

    [Fact]
    public void Each_transform_sees_the_result_of_the_previous_one()
    {
        var pipeline = new TransformPipeline(includeBuiltIns: false)
            .Register(new Lambda(g => g.WithAttributes(g.Attributes.SetItem("label", "a"))))
            .Register(new Lambda(g => g.WithAttributes(g.Attributes.SetItem("label", g.Label + "b"))));

        Assert.Equal("ab", pipeline.Apply(Parse(Dot)).Label);
    }

    [Fact]
    public void Transforms_modify_the_graph_between_parsing_and_validation()
    {
        // A custom transform adds the missing exit; validation then sees the repaired graph.
        const string NoExit = "digraph g { start [shape=Mdiamond] work [prompt=\"p\"] start -> work }";
        var loader = new PipelineLoader();
        loader.Transforms.Add(new Lambda(g => g
            .WithNodes([.. g.Nodes, new PipelineNode("exit", AttributeMap.FromPairs(("shape", "Msquare")))])
            .WithEdges([.. g.Edges, new PipelineEdge("work", "exit")])));

        var repaired = loader.Load(NoExit, "test.dot");
        var unrepaired = new PipelineLoader().Load(NoExit, "test.dot");

        Assert.NotNull(repaired.Graph.FindNode("exit"));
        Assert.DoesNotContain(repaired.Diagnostics, d => d.Id == "ATR2002");
        Assert.Contains(unrepaired.Diagnostics, d => d.Id == "ATR2002");
    }

    [Fact]
    public void The_loader_applies_the_built_in_transforms()
    {
        var prepared = new PipelineLoader().Load(Dot, "test.dot");

        Assert.Equal("Do: Ship it", prepared.Graph.FindNode("work")!.Prompt);
        Assert.Equal("sheet-model", prepared.Graph.FindNode("work")!.LlmModel);
    }

    [Fact]
    public void With_nothing_to_change_the_pipeline_returns_the_same_instance()
    {
        var input = Parse("digraph g { a [prompt=\"p\"] }");

        Assert.Same(input, new TransformPipeline().Apply(input));
    }

    [Fact]
    public void A_transform_that_returns_no_graph_is_reported()
    {
        var pipeline = new TransformPipeline().Register(new Lambda(_ => null!));

        var exception = Assert.Throws<InvalidOperationException>(() => pipeline.Apply(Parse(Dot)));
        Assert.Contains(nameof(Lambda), exception.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => pipeline.Register(null!));
    }

    private static PipelineGraph Parse(string dot)
    {
        var parsed = DotParser.Parse(dot, "test.dot");
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        return parsed.Graph;
    }

    private sealed class Lambda(Func<PipelineGraph, PipelineGraph> apply) : IGraphTransform
    {
        public PipelineGraph Apply(PipelineGraph graph) => apply(graph);
    }
}
