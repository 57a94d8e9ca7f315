// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Transforms;
using Attractor.Dot.Validation;

namespace Attractor.Dot.Tests.Loading;

/// <summary>
/// The loader has the parser apply the built-in transforms while it builds the nodes, and expands
/// <c>$goal</c> in long prompts straight from the source once the goal is known. Each case here must
/// give exactly what parsing and then running the built-in transforms gives.
/// </summary>
public sealed class LoaderBuiltInsInParserTests
{
    private const string LongTail = " and then keep going with enough words to pass the sixty-four characters the string table keeps";

    public static TheoryData<string> Pipelines => new()
    {
        // The goal first: the usual case.
        Wrap("graph [goal=\"Ship it\"]", "work [prompt=\"Do $goal" + LongTail + " $goal.\"]"),

        // The goal after the prompts: nothing is known while parsing them.
        Wrap("work [prompt=\"Do $goal" + LongTail + "\"]\n    graph [goal=\"Late goal\"]", string.Empty),

        // The goal changed after a prompt was expanded with its first value.
        Wrap("graph [goal=\"First\"]\n    work [prompt=\"Do $goal" + LongTail + "\"]\n    graph [goal=\"Second\"]", string.Empty),

        // The goal set again to the same value.
        Wrap("graph [goal=\"Same\"]\n    work [prompt=\"Do $goal" + LongTail + "\"]\n    goal=\"Same\"", string.Empty),

        // A goal that itself contains $goal, and one that is empty.
        Wrap("graph [goal=\"again $goal\"]", "work [prompt=\"$goal$goal" + LongTail + "$goal\"]"),
        Wrap("graph [goal=\"\"]", "work [prompt=\"Do $goal" + LongTail + "\"]"),

        // Escapes, a short prompt, one without $goal, and one from a default block.
        Wrap("graph [goal=\"G\"]", "work [prompt=\"Line\\n$goal" + LongTail + "\"]\n    other [prompt=\"short $goal\"]\n    plain [prompt=\"No variable" + LongTail + "\"]"),
        Wrap("graph [goal=\"G\"]\n    node [prompt=\"From defaults $goal" + LongTail + "\"]", "work [label=\"w\"]"),

        // The prompt set twice in one list, and again in a later statement.
        Wrap("graph [goal=\"G\"]", "work [prompt=\"First $goal" + LongTail + "\", prompt=\"short\"]\n    other [prompt=\"A $goal" + LongTail + "\"]\n    other [prompt=\"B $goal" + LongTail + "\"]"),
        Wrap("graph [goal=\"G\"]", "work [prompt=\"First $goal" + LongTail + "\"]\n    work [label=\"again\"]"),
        Wrap("graph [goal=\"G\"]", "work [prompt=\"Long $goal" + LongTail + "\", prompt=\"short $goal\"]\n    other [prompt=\"short $goal\", prompt=\"Long $goal" + LongTail + "\"]"),
        Wrap("graph [goal=\"G\"]", "work [prompt=\"Long $goal" + LongTail + "\"]\n    work [prompt=\"short $goal\"]\n    other [prompt=\"short $goal\"]\n    other [prompt=\"Long $goal" + LongTail + "\", label=\"A label longer than sixteen\"]"),
        Wrap("graph [goal=\"First\"]", "work [prompt=\"Long $goal" + LongTail + "\"]\n    work [prompt=\"short $goal\"]\n    graph [goal=\"Second\"]"),

        // With a stylesheet, classes from a subgraph and an attribute written on the node.
        Wrap(
            "graph [goal=\"G\", model_stylesheet=\"* { llm_model: base; } .team { llm_model: team; } #work { reasoning_effort: low; }\"]",
            "subgraph cluster_a { label=\"Team\"; work [prompt=\"Do $goal" + LongTail + "\"] }\n    other [llm_model=\"mine\", prompt=\"x\"]"),
    };

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void The_loader_gives_what_parsing_then_the_built_in_transforms_give(string text)
    {
        var loaded = PipelineLoader.Default.Load(text, "p.dot").Graph;
        var expected = new TransformPipeline().Apply(DotParser.Parse(text, "p.dot").Graph);

        Assert.Equal(Describe(expected), Describe(loaded));
    }

    [Fact]
    public void An_incomplete_file_keeps_its_prompts_as_written()
    {
        var text = "digraph G {\n    graph [goal=\"G\"]\n    work [prompt=\"Do $goal" + LongTail + "\"]\n    broken [label=\"unterminated]\n";

        var loaded = PipelineLoader.Default.Load(text, "p.dot");

        Assert.False(loaded.IsStructurallyComplete);
        Assert.Equal("Do $goal" + LongTail, loaded.Graph.FindNode("work")!.Prompt);
        Assert.Equal(Describe(DotParser.Parse(text, "p.dot").Graph), Describe(loaded.Graph));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("   ", true)]
    [InlineData("a goal", false)]
    public void A_long_prompt_of_only_white_space_and_goal_references_is_blank_when_the_goal_is(string goal, bool blank)
    {
        var prompt = new string(' ', 70) + "$goal\t$goal" + new string(' ', 10);
        var text = Wrap("graph [goal=\"" + goal + "\"]", "work [prompt=\"" + prompt + "\"]\n    start -> work -> exit");

        var loaded = PipelineLoader.Default.Load(text, "p.dot");

        // The same verdict as linting the prompt built the ordinary way.
        var expected = PipelineValidator.Default.Validate(new TransformPipeline().Apply(DotParser.Parse(text, "p.dot").Graph));
        Assert.Equal(blank, loaded.Diagnostics.Any(static d => d.Rule == DiagnosticDescriptors.PromptOnLlmNodes.Rule));
        Assert.Equal(expected.Select(static d => d.ToString()), loaded.Diagnostics.Select(static d => d.ToString()));
        Assert.Equal(prompt.Replace("$goal", goal, StringComparison.Ordinal), loaded.Graph.FindNode("work")!.Prompt);
    }

    [Fact]
    public void A_long_prompt_is_built_once_with_goal_expanded_and_is_the_same_string_on_every_thread()
    {
        var text = Wrap("graph [goal=\"Ship it\"]", "work [prompt=\"Do $goal" + LongTail + "\"]");
        var attribute = PipelineLoader.Default.Load(text, "p.dot").Graph.FindNode("work")!.Attributes.Get(AttributeNames.Prompt)!;

        var seen = new string[16];
        Parallel.For(0, seen.Length, i => seen[i] = attribute.Value);

        Assert.All(seen, value => Assert.Equal("Do Ship it" + LongTail, value));
        Assert.Same(attribute.Value, attribute.Value);
        Assert.Equal("\"Do $goal" + LongTail + "\"", text.Substring(attribute.ValueSpan.Start - 1, attribute.ValueSpan.Length + 2));
    }

    private static string Wrap(string head, string body) =>
        "digraph G {\n    " + head + "\n    start [shape=Mdiamond]\n    exit [shape=Msquare]\n    " + body + "\n    start -> exit\n}\n";

    private static string Describe(PipelineGraph graph) =>
        string.Join("\n", graph.Nodes.Select(static node =>
            node.Id + "{" + string.Join(", ", node.SubgraphClasses) + "}: " + string.Join(" | ", node.Attributes.Select(static a =>
                a.Key + "=" + a.Value + " " + a.Kind + " " + a.Origin + " " + a.Span + " " + a.ValueSpan))));
}
