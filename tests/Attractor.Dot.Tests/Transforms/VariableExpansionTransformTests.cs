// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Transforms;

namespace Attractor.Dot.Tests.Transforms;

/// <summary>The <c>$goal</c> expansion of attractor-spec §9.2 (§11.11, §11.12).</summary>
public sealed class VariableExpansionTransformTests
{
    [Fact]
    public void Prompt_variable_expansion_of_goal_works()
    {
        var graph = Expand("""
            digraph g {
                graph [goal="Ship feature X"]
                plan [prompt="Plan how to achieve: $goal"]
                review [prompt="Check $goal is done; $goal must be met"]
            }
            """);

        Assert.Equal("Plan how to achieve: Ship feature X", graph.FindNode("plan")!.Prompt);
        Assert.Equal("Check Ship feature X is done; Ship feature X must be met", graph.FindNode("review")!.Prompt);
    }

    [Fact]
    public void Only_prompts_are_expanded()
    {
        var graph = Expand("""
            digraph g {
                graph [goal="G"]
                plan [label="About $goal", prompt="Do $goal", tool_command="echo $goal"]
            }
            """);
        var plan = graph.FindNode("plan")!;

        Assert.Equal("Do G", plan.Prompt);
        Assert.Equal("About $goal", plan.Label);
        Assert.Equal("echo $goal", plan.ToolCommand);
    }

    [Fact]
    public void The_expanded_prompt_keeps_its_location_and_origin()
    {
        const string Dot = "digraph g {\n    graph [goal=\"G\"]\n    node [prompt=\"Inherited $goal\"]\n    a\n    b [prompt=\"Own $goal\"]\n}\n";
        var input = DotParser.Parse(Dot).Graph;

        var output = new VariableExpansionTransform().Apply(input);

        var inherited = output.FindNode("a")!.Attributes.Get("prompt")!;
        var own = output.FindNode("b")!.Attributes.Get("prompt")!;
        Assert.Equal(("Inherited G", AttributeOrigin.Default), (inherited.Value, inherited.Origin));
        Assert.Equal(("Own G", AttributeOrigin.Explicit), (own.Value, own.Origin));
        Assert.Equal(input.FindNode("b")!.Attributes.Get("prompt")!.Span, own.Span);
    }

    [Fact]
    public void An_empty_goal_expands_to_the_empty_string()
    {
        var graph = Expand("digraph g { graph [goal=\"\"] a [prompt=\"Goal: $goal.\"] }");

        Assert.Equal("Goal: .", graph.FindNode("a")!.Prompt);
    }

    [Fact]
    public void Without_a_goal_attribute_prompts_are_left_alone()
    {
        var input = DotParser.Parse("digraph g { a [prompt=\"Goal: $goal\"] }").Graph;

        Assert.Same(input, new VariableExpansionTransform().Apply(input));
    }

    [Fact]
    public void Nothing_to_expand_returns_the_same_instance_and_the_input_is_not_modified()
    {
        var unchanged = DotParser.Parse("digraph g { graph [goal=\"G\"] a [prompt=\"no variable\"] b }").Graph;
        Assert.Same(unchanged, new VariableExpansionTransform().Apply(unchanged));

        var input = DotParser.Parse("digraph g { graph [goal=\"G\"] a [prompt=\"$goal\"] b }").Graph;
        var output = new VariableExpansionTransform().Apply(input);
        Assert.Equal("$goal", input.FindNode("a")!.Prompt);
        Assert.Equal("G", output.FindNode("a")!.Prompt);
        Assert.Same(input.FindNode("b"), output.FindNode("b"));
    }

    [Fact]
    public void Graphs_built_in_code_expand_too()
    {
        var graph = new PipelineGraph("g", AttributeMap.FromPairs(("goal", "G")), [new PipelineNode("a", AttributeMap.FromPairs(("prompt", "x $goal y")))], []);

        Assert.Equal("x G y", new VariableExpansionTransform().Apply(graph).FindNode("a")!.Prompt);
    }

    private static PipelineGraph Expand(string dot)
    {
        var parsed = DotParser.Parse(dot, "test.dot");
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        return new VariableExpansionTransform().Apply(parsed.Graph);
    }
}
