// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Stylesheets;

namespace Attractor.Dot.Tests.Stylesheets;

/// <summary>Selector matching and specificity (attractor-spec §8.3, §11.10).</summary>
public sealed class StylesheetResolutionTests
{
    private static readonly PipelineNode Review = new("review", AttributeMap.FromPairs(("shape", "box"), ("class", "fast,code")));

    [Fact]
    public void Shape_selectors_match_the_node_shape_which_defaults_to_box()
    {
        var stylesheet = Parse("box { llm_model: \"claude-opus-4-6\" } hexagon { llm_model: human-model }");

        Assert.Equal("claude-opus-4-6", stylesheet.Resolve(new PipelineNode("plain"), "llm_model")!.Value);
        Assert.Equal("claude-opus-4-6", stylesheet.Resolve(Review, "llm_model")!.Value);
        Assert.Equal("human-model", stylesheet.Resolve(Node("gate", ("shape", "hexagon")), "llm_model")!.Value);
        Assert.Null(stylesheet.Resolve(Node("fan", ("shape", "component")), "llm_model"));
    }

    [Fact]
    public void Class_selectors_match_any_of_the_node_classes()
    {
        var stylesheet = Parse(".fast { llm_model: \"gemini-3-flash-preview\" }");

        Assert.Equal("gemini-3-flash-preview", stylesheet.Resolve(Review, "llm_model")!.Value);
        Assert.Equal("gemini-3-flash-preview", stylesheet.Resolve(Node("x", ("class", "slow, fast")), "llm_model")!.Value);
        Assert.Null(stylesheet.Resolve(Node("x", ("class", "faster")), "llm_model"));
        Assert.Null(stylesheet.Resolve(new PipelineNode("x"), "llm_model"));
    }

    [Fact]
    public void Class_selectors_match_classes_derived_from_subgraph_labels()
    {
        var stylesheet = Parse(".loop-a { llm_model: looped }");
        var node = new PipelineNode("plan", null, default, ["loop-a"]);

        Assert.Equal("looped", stylesheet.Resolve(node, "llm_model")!.Value);
    }

    [Fact]
    public void Id_selectors_match_one_node()
    {
        var stylesheet = Parse("#review { reasoning_effort: \"high\" }");

        Assert.Equal("high", stylesheet.Resolve(Review, "reasoning_effort")!.Value);
        Assert.Null(stylesheet.Resolve(new PipelineNode("reviewer"), "reasoning_effort"));
    }

    [Theory]
    [InlineData("* { llm_model: universal } box { llm_model: shape } .fast { llm_model: class } #review { llm_model: id }", "id")]
    [InlineData("#review { llm_model: id } .fast { llm_model: class } box { llm_model: shape } * { llm_model: universal }", "id")]
    [InlineData("* { llm_model: universal } box { llm_model: shape } .fast { llm_model: class }", "class")]
    [InlineData(".fast { llm_model: class } box { llm_model: shape } * { llm_model: universal }", "class")]
    [InlineData("* { llm_model: universal } box { llm_model: shape }", "shape")]
    [InlineData("box { llm_model: shape } * { llm_model: universal }", "shape")]
    [InlineData("* { llm_model: universal }", "universal")]
    public void Specificity_is_universal_then_shape_then_class_then_id_whatever_the_order(string text, string expected) =>
        Assert.Equal(expected, Parse(text).Resolve(Review, "llm_model")!.Value);

    [Theory]
    [InlineData(".fast { llm_model: first } .code { llm_model: second }", "second")]
    [InlineData(".code { llm_model: first } .fast { llm_model: second }", "second")]
    [InlineData("* { llm_model: first } * { llm_model: second }", "second")]
    [InlineData("* { llm_model: first; llm_model: second }", "second")]
    public void Later_rules_win_ties_of_specificity(string text, string expected) =>
        Assert.Equal(expected, Parse(text).Resolve(Review, "llm_model")!.Value);

    [Fact]
    public void Each_property_resolves_independently()
    {
        var stylesheet = Parse("* { llm_provider: anthropic; reasoning_effort: low } #review { llm_model: gpt-5.2 }");

        Assert.Equal("gpt-5.2", stylesheet.Resolve(Review, "llm_model")!.Value);
        Assert.Equal("anthropic", stylesheet.Resolve(Review, "llm_provider")!.Value);
        Assert.Equal("low", stylesheet.Resolve(Review, "reasoning_effort")!.Value);
    }

    [Fact]
    public void Aliases_resolve_as_their_canonical_property_and_unknown_properties_never_resolve()
    {
        var stylesheet = Parse("* { model: m; provider: p; temperature: 1 }");

        Assert.Equal("m", stylesheet.Resolve(Review, "llm_model")!.Value);
        Assert.Equal("p", stylesheet.Resolve(Review, "llm_provider")!.Value);
        Assert.Null(stylesheet.Resolve(Review, "temperature"));
        Assert.Null(stylesheet.Resolve(Review, "model"));
    }

    private static PipelineNode Node(string id, params (string Key, string Value)[] attributes) => new(id, AttributeMap.FromPairs(attributes));

    private static ModelStylesheet Parse(string text)
    {
        var result = ModelStylesheet.Parse(text);
        Assert.True(result.Success);
        return result.Stylesheet;
    }
}
