// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using Attractor.Dot.Tests.Diagnostics;
using Attractor.Dot.Transforms;
using Attractor.Dot.Validation;
using CsCheck;

namespace Attractor.Dot.Tests.Loading;

/// <summary>
/// The loader takes a fused path — the parser applies the stylesheet and <c>$goal</c> while it
/// builds each node, leaves long prompts and labels as slices of the source, stores attributes in
/// shared arrays — that must be invisible: for any input, <see cref="PipelineLoader.Load"/> gives
/// the graph and the diagnostics that the plain path gives (<see cref="DotParser.Parse"/>, then, when
/// the file is structurally complete, the built-in transforms and every lint rule). Checked on
/// random pipelines built from the constructs that path treats specially, and on the corpus
/// truncated, corrupted and salted with DOT punctuation.
/// </summary>
public sealed class FusedLoadPropertyTests
{
    // Longer than the string table's 64 characters (prompts) and the 16 of a deferred label.
    private const string Long = " with enough words after it to pass every length the parser treats differently";

    private static readonly Gen<string> NodeId = Gen.OneOf(Gen.Const("n1"), Gen.Const("n2"), Gen.Const("n3"), Gen.Const("\"n 4\""), Gen.Const("start"), Gen.Const("exit"));

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.Const("short"),
        Gen.Const("short $goal"),
        Gen.Const("Do $goal" + Long),
        Gen.Const("$goal$goal" + Long + " $goal"),
        Gen.Const("No variable" + Long),
        Gen.Const("Escaped \\\"quote\\\" and\\nline" + Long),
        Gen.Const("Escaped \\\"$goal\\\"" + Long),
        Gen.Const("Every escape: \\t tab, \\\\ backslash, \\q kept, joined \\\nline, joined \\\r\nline, $go\\\nal" + Long),
        Gen.Const("\\n\\t  \\\n"),
        Gen.Const("\\n\\t \\\n" + new string(' ', 70)),
        Gen.Const("\\\"$goal\\\" first" + Long),
        Gen.Const(string.Empty),
        Gen.Const("   "),
        Gen.Const(new string(' ', 70) + "$goal"));

    private static readonly Gen<string> NodeAttribute = Gen.OneOf(
        Text.Select(t => "prompt=\"" + t + "\""),
        Text.Select(t => "label=\"" + t + "\""),
        Text.Select(t => "tool_command=\"" + t + "\""),
        Gen.Const("label=plain"),
        Gen.OneOf(Gen.Const("team"), Gen.Const("solo"), Gen.Const("team, solo")).Select(c => "class=\"" + c + "\""),
        Gen.OneOf(Gen.Const("box"), Gen.Const("diamond"), Gen.Const("hexagon"), Gen.Const("Mdiamond"), Gen.Const("Msquare"), Gen.Const("oval")).Select(s => "shape=" + s),
        Gen.Const("llm_model=\"mine\""),
        Gen.Const("reasoning_effort=low"),
        Gen.Int[0, 4].Select(n => "max_retries=" + n),
        Gen.Const("timeout=\"15m\""),
        Gen.Const("custom_key=\"kept as written\""));

    private static readonly Gen<string> AttributeList = NodeAttribute.Array[0, 4].Select(a => "[" + string.Join(", ", a) + "]");

    private static readonly Gen<string> EdgeAttributes = Gen.OneOf(
        Gen.Const(string.Empty),
        Gen.Const(" [condition=\"outcome=success\"]"),
        Gen.Const(" [condition=\"outcome=fail && context.x!=3\", label=\"Retry from here\"]"),
        Gen.Const(" [label=\"Go\", weight=2]"),
        Text.Select(t => " [label=\"" + t + "\", weight=1]"),
        Gen.Const(" [condition=\"outcome=succeeded\"]"));

    private static readonly Gen<string> Statement = Gen.OneOf(
        Gen.OneOf(Gen.Const("graph [goal=\"Ship it\"]"), Gen.Const("goal=\"Late goal\""), Gen.Const("graph [goal=\"again $goal\"]"), Gen.Const("goal=\"\""), Gen.Const("goal=\"  \"")),
        Gen.Const("graph [model_stylesheet=\"* { llm_model: base; } .team { llm_model: team; reasoning_effort: high; } #n1 { llm_provider: openai; } box { llm_model: boxy; }\"]"),
        Gen.Const("model_stylesheet=\"#n2 { llm_model: two; } .solo { reasoning_effort: medium; }\""),
        AttributeList.Select(a => "node " + a),
        Gen.Const("edge [weight=3]"),
        Gen.Select(NodeId, AttributeList, (id, a) => id + " " + a),
        Gen.Select(NodeId, AttributeList, AttributeList, (id, a, b) => id + " " + a + b),
        Gen.Select(NodeId, NodeId, AttributeList, (a, b, list) => a + "; " + b + " " + list),
        Gen.Select(NodeId, AttributeList, AttributeList, (id, defaults, a) => "subgraph cluster_team { label=\"Team\"; node " + defaults + "; " + id + " " + a + " }"),
        Gen.Select(NodeId, NodeId, NodeId, EdgeAttributes, (a, b, c, e) => a + " -> " + b + " -> " + c + e),
        Gen.Select(NodeId, NodeId, EdgeAttributes, (a, b, e) => a + " -> " + b + e));

    private static readonly Gen<string> Pipeline = Statement.Array[1, 14].Select(statements =>
        "digraph G {\n    start [shape=Mdiamond]\n    exit [shape=Msquare]\n    " + string.Join("\n    ", statements) + "\n    start -> exit\n}\n");

    [Fact]
    public void Random_pipelines_load_as_parse_then_transforms_then_lint()
    {
        Pipeline.Sample(AssertLoadMatchesPlainPath, iter: 600, print: text => text);
    }

    [Fact]
    public void Random_pipelines_cut_anywhere_load_as_parse_then_transforms_then_lint()
    {
        Gen.Select(Pipeline, Gen.Int[0, int.MaxValue], (text, cut) => text.Substring(0, cut % (text.Length + 1)))
            .Sample(AssertLoadMatchesPlainPath, iter: 300, print: text => text);
    }

    [Fact]
    public void Corpus_files_mutated_load_as_parse_then_transforms_then_lint()
    {
        var corpus = Directory.GetFiles(RepositoryFiles.CorpusDirectory, "*.dot").OrderBy(p => p, StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        Assert.True(corpus.Length >= 25, "Corpus files missing from " + RepositoryFiles.CorpusDirectory);
        foreach (var text in corpus)
        {
            AssertLoadMatchesPlainPath(text);
        }

        var tokens = new[] { "{", "}", "[", "]", "=", ";", ",", "->", "\"", "$goal", "\n", "\\" };
        var edit = Gen.Select(Gen.Int[0, int.MaxValue], Gen.OneOf(tokens.Select(Gen.Const).ToArray()), Gen.Bool);
        Gen.Select(Gen.Int[0, corpus.Length - 1], edit.Array[1, 6], (file, edits) => Mutate(corpus[file], edits))
            .Sample(AssertLoadMatchesPlainPath, iter: 400, print: text => text);
    }

    private static void AssertLoadMatchesPlainPath(string text)
    {
        var loaded = PipelineLoader.Default.Load(text, "p.dot");

        var parsed = DotParser.Parse(text, "p.dot");
        var expectedGraph = parsed.Graph;
        var expectedDiagnostics = parsed.Diagnostics.ToList();
        if (parsed.IsStructurallyComplete)
        {
            expectedGraph = new TransformPipeline().Apply(parsed.Graph);
            expectedDiagnostics.AddRange(PipelineValidator.Default.Validate(expectedGraph));
        }

        Assert.Equal(parsed.IsStructurallyComplete, loaded.IsStructurallyComplete);
        Assert.Equal(Describe(expectedGraph), Describe(loaded.Graph));
        Assert.Equal(expectedDiagnostics.Select(Describe), loaded.Diagnostics.Select(Describe));
    }

    private static string Mutate(string text, (int Position, string Token, bool Replace)[] edits)
    {
        var builder = new StringBuilder(text);
        foreach (var (position, token, replace) in edits)
        {
            var at = position % (builder.Length + 1);
            if (replace && at < builder.Length)
            {
                builder.Remove(at, 1);
            }

            builder.Insert(at, token);
        }

        return builder.ToString();
    }

    private static string Describe(PipelineGraph graph)
    {
        var builder = new StringBuilder();
        builder.Append(graph.Id).Append(' ').Append(graph.IdSpan).Append(": ").AppendLine(Describe(graph.Attributes));
        foreach (var node in graph.Nodes)
        {
            builder.Append(node.Id).Append(' ').Append(node.Span).Append(" {").Append(string.Join(", ", node.SubgraphClasses)).Append("}: ")
                .AppendLine(Describe(node.Attributes));
        }

        foreach (var edge in graph.Edges)
        {
            builder.Append(edge.From).Append(" -> ").Append(edge.To).Append(' ').Append(edge.Span).Append(' ').Append(edge.FromSpan).Append(' ').Append(edge.ToSpan)
                .Append(": ").AppendLine(Describe(edge.Attributes));
        }

        return builder.ToString();
    }

    private static string Describe(AttributeMap attributes) =>
        string.Join(" | ", attributes.Select(a => a.Key + "=" + a.Value + " " + a.Kind + " " + a.Origin + " " + a.Span + " " + a.ValueSpan + " " + a.RawText));

    private static string Describe(DotDiagnostic diagnostic) =>
        diagnostic + " [" + diagnostic.Span + "] fix: " + diagnostic.Fix;
}
