// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using CsCheck;

namespace Attractor.Dot.Tests;

/// <summary>
/// <see cref="AttributeMap"/> stores a loaded node's attributes in ways the reader must not notice: a
/// tail of stylesheet values shared by every node of a class, a side index for maps of many keys, entries
/// made into <see cref="DotAttribute"/>s on each read. Any sequence of <see cref="AttributeMap.SetItem(string, string, AttributeOrigin)"/>
/// and <see cref="AttributeMap.Remove"/> must behave like an ordered list of key/value pairs (a new key
/// goes last, an existing one keeps its place), and must leave every other map — those sharing the
/// tail included — as it was.
/// </summary>
public sealed class AttributeMapModelTests
{
    private const string Pipeline = """
        digraph G {
            graph [model_stylesheet="* { llm_provider: openai; } .team { llm_model: team-model; reasoning_effort: high; }"]
            start [shape=Mdiamond]
            exit [shape=Msquare]
            a [class="team", label="A", prompt="Do a"]
            b [class="team", label="B", prompt="Do b"]
            c [class="team", label="C"]
            big [label="Big", prompt="p", k1=1, k2=2, k3=3, k4=4, k5=5, k6=6, k7=7, k8=8, k9=9, k10=10, k11=11, k12=12]
            start -> a -> b -> c -> big -> exit
        }
        """;

    // Keys the nodes have as written, keys of the shared stylesheet tail, and keys none has, so
    // operations hit the own part, the tail and the growth past the side-index threshold.
    private static readonly string[] Keys =
        ["label", "prompt", "class", "llm_model", "reasoning_effort", "llm_provider", "k1", "k12", "new1", "new2", "new3", "new4", "new5", "new6", "new7", "new8", "new9", "new10", "new11", "new12", "new13"];

    private static readonly Gen<(string Key, string? Value)> Operation =
        Gen.Select(Gen.OneOf(Keys.Select(Gen.Const).ToArray()), Gen.Int[0, 3], (key, kind) => (key, kind == 0 ? null : key + "-v" + kind));

    [Fact]
    public void Edits_of_a_loaded_map_behave_like_an_ordered_list_and_leave_the_other_maps_alone()
    {
        var graph = PipelineLoader.Default.Load(Pipeline, "p.dot").Graph;
        var before = graph.Nodes.ToDictionary(static n => n.Id, static n => Describe(n.Attributes));
        Assert.Equal("team-model", graph.FindNode("a")!.Attributes.GetString("llm_model"));

        Gen.Select(Gen.OneOf(Gen.Const("a"), Gen.Const("c"), Gen.Const("big"), Gen.Const("exit")), Operation.Array[1, 30])
            .Sample(
                test =>
                {
                    var (nodeId, operations) = test;
                    var map = graph.FindNode(nodeId)!.Attributes;
                    var model = map.Select(static a => (a.Key, a.Value)).ToList();
                    foreach (var (key, value) in operations)
                    {
                        map = value is null ? map.Remove(key) : map.SetItem(key, value);
                        Apply(model, key, value);
                        AssertSame(model, map);
                    }

                    foreach (var node in graph.Nodes)
                    {
                        Assert.Equal(before[node.Id], Describe(node.Attributes));
                    }
                },
                iter: 400,
                print: test => test.Item1 + ": " + string.Join(", ", test.Item2.Select(static o => o.Value is null ? "-" + o.Key : o.Key + "=" + o.Value)));
    }

    [Fact]
    public void Edits_of_a_map_built_from_pairs_behave_like_an_ordered_list()
    {
        Operation.Array[1, 40].Sample(
            operations =>
            {
                var map = AttributeMap.FromPairs(("label", "L"), ("k1", "1"));
                var model = new List<(string Key, string Value)> { ("label", "L"), ("k1", "1") };
                foreach (var (key, value) in operations)
                {
                    map = value is null ? map.Remove(key) : map.SetItem(key, value);
                    Apply(model, key, value);
                    AssertSame(model, map);
                }
            },
            iter: 400);
    }

    private static void Apply(List<(string Key, string Value)> model, string key, string? value)
    {
        var index = model.FindIndex(p => p.Key == key);
        if (value is null)
        {
            if (index >= 0)
            {
                model.RemoveAt(index);
            }
        }
        else if (index >= 0)
        {
            model[index] = (key, value);
        }
        else
        {
            model.Add((key, value));
        }
    }

    private static void AssertSame(List<(string Key, string Value)> model, AttributeMap map)
    {
        Assert.Equal(model, map.Select(static a => (a.Key, a.Value)));
        Assert.Equal(model.Count, map.Count);
        for (var i = 0; i < model.Count; i++)
        {
            Assert.Equal(model[i].Key, map[i].Key);
        }

        foreach (var key in Keys)
        {
            var expected = model.FindIndex(p => p.Key == key) is var index && index >= 0 ? model[index].Value : null;
            Assert.Equal(expected, map.GetString(key));
            Assert.Equal(expected is not null, map.ContainsKey(key));
            Assert.Equal(expected, map.TryGetValue(key, out var attribute) ? attribute.Value : null);
            Assert.Equal(expected, map.Get(key)?.Value);
        }
    }

    private static string Describe(AttributeMap attributes) =>
        string.Join(" | ", attributes.Select(static a => a.Key + "=" + a.Value + " " + a.Origin + " " + a.Span));
}
