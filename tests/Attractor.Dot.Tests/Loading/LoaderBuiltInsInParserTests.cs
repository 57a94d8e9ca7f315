// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot.Transforms;

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

    private static string Wrap(string head, string body) =>
        "digraph G {\n    " + head + "\n    start [shape=Mdiamond]\n    exit [shape=Msquare]\n    " + body + "\n    start -> exit\n}\n";

    private static string Describe(PipelineGraph graph) =>
        string.Join("\n", graph.Nodes.Select(static node =>
            node.Id + "{" + string.Join(", ", node.SubgraphClasses) + "}: " + string.Join(" | ", node.Attributes.Select(static a =>
                a.Key + "=" + a.Value + " " + a.Kind + " " + a.Origin + " " + a.Span + " " + a.ValueSpan))));
}
