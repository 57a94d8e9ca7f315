// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Attractor.Dot.Transforms;

namespace Attractor.Dot.Tests;

/// <summary>
/// A parse keeps the attributes of its nodes and edges as runs of a few shared arrays
/// (<see cref="EntryStore"/>) instead of one array each; every node and edge must still read exactly
/// its own attributes and its own spans, whichever file it came from.
/// </summary>
public sealed class EntryStorageTests
{
    private const int LargeObjectThreshold = 85_000;

    [Fact]
    public void Runs_reserved_in_a_store_never_overlap_and_shared_chunks_stay_off_the_large_object_heap()
    {
        var positions = new object();
        var store = new EntryStore(positions);
        var runs = new Dictionary<StoredEntry[], List<(int Start, int End)>>(ReferenceEqualityComparer.Instance);
        var random = new Random(7);
        EntryChunk? shared = null;
        var sharedEnd = 0;
        for (var i = 0; i < 5_000; i++)
        {
            var oversized = i % 97 == 0;
            var count = oversized ? EntryStore.MaxChunkLength + 1 + random.Next(100) : random.Next(0, 40);
            var chunk = store.Reserve(count, out var offset);

            Assert.Same(positions, chunk.Positions);
            Assert.InRange(offset, 0, chunk.Items.Length - count);
            if (oversized)
            {
                // Alone in a chunk of its own, which leaves the shared one its room.
                Assert.Equal((0, count), (offset, chunk.Items.Length));
                continue;
            }

            if (shared is not null && sharedEnd + count <= shared.Items.Length)
            {
                Assert.Same(shared, chunk);
                Assert.Equal(sharedEnd, offset);
            }

            Assert.True(chunk.Items.Length * Unsafe.SizeOf<StoredEntry>() + 3 * IntPtr.Size < LargeObjectThreshold, "a shared chunk landed on the large-object heap");
            if (!runs.TryGetValue(chunk.Items, out var taken))
            {
                taken = [];
                runs.Add(chunk.Items, taken);
            }

            foreach (var (start, end) in taken)
            {
                Assert.True(offset + count <= start || offset >= end, $"run {offset}..{offset + count} overlaps {start}..{end}");
            }

            taken.Add((offset, offset + count));
            (shared, sharedEnd) = (chunk, offset + count);
        }

        // Shared chunks grow to the largest size, so a big parse uses few of them.
        Assert.InRange(runs.Count, 2, 60);
    }

    [Fact]
    public void A_small_parse_allocates_a_small_chunk()
    {
        var graph = DotParser.Parse("digraph G {\n  start [shape=Mdiamond]\n  exit [shape=Msquare]\n  start -> exit [label=\"go\"]\n}\n", "p.dot").Graph;

        Assert.InRange(((Array)graph.Nodes[0].OwnAttributes.Storage).Length, 1, 64);
        Assert.Same(graph.Nodes[0].OwnAttributes.Storage, graph.Edges[0].AttributeItems.Storage);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_parsed_pipeline_keeps_its_nodes_and_edges_attributes_in_a_few_shared_arrays_and_each_reads_its_own(bool throughTheLoader)
    {
        const int Count = 400;
        var text = new StringBuilder("digraph G {\n  model_stylesheet=\"* { llm_model: m1; } .odd { llm_provider: p1; }\"\n  node [max_retries=2]\n  start [shape=Mdiamond]\n  exit [shape=Msquare]\n");
        for (var i = 0; i < Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"  n{i} [label=\"Stage {i}\", timeout=\"{i + 1}m\"{(i % 2 == 1 ? ", class=\"odd\"" : string.Empty)}]\n");
        }

        text.Append("  start -> n0\n");
        for (var i = 0; i + 1 < Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"  n{i} -> n{i + 1} [weight={i}, label=\"to {i + 1}\"]\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"  n{Count - 1} -> exit\n}}\n");
        var graph = throughTheLoader ? PipelineLoader.Default.Load(text.ToString(), "p.dot").Graph : DotParser.Parse(text.ToString(), "p.dot").Graph;

        var arrays = graph.Nodes.Select(n => (object)n.OwnAttributes.Storage).Concat(graph.Edges.Select(e => e.AttributeItems.Storage)).Distinct(ReferenceEqualityComparer.Instance).Count();
        Assert.InRange(arrays, 1, 12);

        for (var i = 0; i < Count; i++)
        {
            var node = graph.FindNode("n" + i.ToString(CultureInfo.InvariantCulture))!;
            Assert.Equal($"Stage {i}", node.Label);
            Assert.Equal(TimeSpan.FromMinutes(i + 1), node.Timeout);
            Assert.Equal(2, node.MaxRetries);
            Assert.Equal(i + 6, node.Span.StartLine);
            Assert.Equal(throughTheLoader ? "m1" : null, node.LlmModel);
            Assert.Equal(throughTheLoader && i % 2 == 1 ? "p1" : null, node.LlmProvider);
            var odd = i % 2 == 1 ? 1 : 0;
            Assert.Equal(3 + odd + (throughTheLoader ? 1 + odd : 0), node.Attributes.Count);
        }

        for (var i = 0; i + 1 < Count; i++)
        {
            var edge = graph.Edges[i + 1];
            Assert.Equal(("n" + i.ToString(CultureInfo.InvariantCulture), i, $"to {i + 1}"), (edge.From, edge.Weight, edge.Label));
            Assert.Equal((Count + 7 + i, 3), (edge.Span.StartLine, edge.Span.StartColumn));
            Assert.Equal(2, edge.Attributes.Count);
        }

        Assert.Empty(graph.Edges[0].Attributes);
        Assert.Empty(graph.Edges[^1].Attributes);
    }

    [Fact]
    public void The_edges_of_a_chain_share_their_attributes_but_not_their_spans_or_maps()
    {
        var text = "digraph G {\n  start [shape=Mdiamond]\n  exit [shape=Msquare]\n  start -> a -> exit [label=\"Long enough to be left as a slice of the source until it is read\"]\n}\n";
        var graph = DotParser.Parse(text, "p.dot").Graph;
        var (first, second) = (graph.Edges[0], graph.Edges[1]);

        Assert.Equal(first.Label, second.Label);
        Assert.Equal(("start", "a", "a", "exit"), (first.From, first.To, second.From, second.To));
        Assert.Equal((4, 3, 4, 12), (first.Span.StartLine, first.Span.StartColumn, second.Span.StartLine, second.Span.StartColumn));

        var changed = first.WithAttributes(first.Attributes.SetItem(AttributeNames.Label, "changed"));
        Assert.Equal("changed", changed.Label);
        Assert.Equal(first.Span, changed.Span);
        Assert.Equal(first.Label, second.Label);
        Assert.Equal("Long enough to be left as a slice of the source until it is read", second.Attributes.GetString(AttributeNames.Label));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  broken [label=\"unterminated]\n")]
    public void Parsed_edges_name_their_endpoints_through_the_parses_nodes(string trailing)
    {
        var text = "digraph G {\n  start -> later -> start\n  subgraph cluster_a { label=\"Inner\"; inner }\n  later -> inner [weight=2]\n  later [shape=Mdiamond]\n" + trailing + "}\n";
        var graph = DotParser.Parse(text, "p.dot").Graph;

        Assert.Equal([("start", "later"), ("later", "start"), ("later", "inner")], graph.Edges.Select(e => (e.From, e.To)));
        foreach (var edge in graph.Edges)
        {
            Assert.Same(graph.FindNode(edge.From)!.Id, edge.From);
            Assert.Same(graph.FindNode(edge.To)!.Id, edge.To);
            Assert.Equal(edge.From, text.Substring(edge.FromSpan.Start, edge.FromSpan.Length));
            Assert.Equal(edge.To, text.Substring(edge.ToSpan.Start, edge.ToSpan.Length));
        }

        var changed = graph.Edges[2].WithAttributes(AttributeMap.Empty);
        Assert.Equal(("later", "inner", 0), (changed.From, changed.To, changed.Weight));
        Assert.Equal(2, graph.Edges[2].Weight);
    }

    [Fact]
    public void Nodes_of_two_files_rewritten_by_the_stylesheet_keep_their_own_spans()
    {
        // The transform's store takes the line table of the first node it rewrites (from b.dot);
        // a node from a.dot must not read its span through it.
        var first = DotParser.Parse("digraph A {\n\n\n\n\n  from_a [label=\"A\"]\n}\n", "a.dot").Graph;
        var second = DotParser.Parse("digraph B { from_b [label=\"B\"] }\n", "b.dot").Graph;
        var fromA = first.FindNode("from_a")!;
        var fromB = second.FindNode("from_b")!;
        var attributes = AttributeMap.FromPairs((AttributeNames.ModelStylesheet, "* { llm_model: m1; }"));
        var graph = new PipelineGraph("G", attributes, [fromB, fromA], []);

        var rewritten = new StylesheetTransform().Apply(graph);

        var (a, b) = (rewritten.FindNode("from_a")!, rewritten.FindNode("from_b")!);
        Assert.Equal(("m1", "m1", "A", "B"), (a.LlmModel, b.LlmModel, a.Label, b.Label));
        Assert.Equal(fromA.Span, a.Span);
        Assert.Equal((6, 3), (a.Span.StartLine, a.Span.StartColumn));
        Assert.Equal(fromB.Span, b.Span);
        Assert.Equal((1, 13), (b.Span.StartLine, b.Span.StartColumn));
        Assert.NotSame(a.OwnAttributes.Storage, b.OwnAttributes.Storage);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Every_kind_of_entry_reads_back_the_same_from_a_chunk(bool sameLineTable, bool readFirst)
    {
        var longText = "a value long enough to be left as a slice of the source until something reads it";
        var text = "digraph G {\n  goal=\"ship\"\n  work [prompt=\"" + longText + " for $goal\", label=\"" + longText + "\",\n"
            + "    tool_command=\"make \\\"all\\\"\\n" + longText + "\", short=\"plain\", retries=3, timeout=5m, x.y=\"q\\\"uote\"]\n}\n";
        var parse = DotParser.Parse(text, "p.dot");
        var node = parse.Graph.FindNode("work")!;
        var entries = node.OwnAttributes.ToArray()
            .Append(AttributeEntry.Create("made", "in code", AttributeValueKind.String, AttributeOrigin.Transform, default, default))
            .Append(AttributeEntry.Create("custom key without an id", "v", AttributeValueKind.Bare, AttributeOrigin.Explicit, node.Span, node.Span))
            .ToArray();
        var expected = entries.Select(e => new DotAttribute(e)).ToArray();
        if (readFirst)
        {
            for (var i = 0; i < entries.Length; i++)
            {
                _ = entries[i].Value;
            }
        }

        var store = new EntryStore(sameLineTable ? node.Span.Positions : DotParser.Parse("\n\n\n" + text, "other.dot").Graph.FindNode("work")!.Span.Positions);
        var chunk = store.Add(entries, 0, entries.Length, out var offset);
        var run = new EntryRun(chunk, offset, entries.Length);

        Assert.Equal(entries.Length, run.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            // Read in place first: what the stored form keeps of a value built there must be all of it.
            var want = expected[i];
            Assert.Equal(want.Key, run.KeyAt(i));
            Assert.Equal(want.Value, run.ValueAt(i));
            Assert.Same(run.ValueAt(i), run.ValueAt(i));
            var got = new DotAttribute(run[i]);
            Assert.Equal((want.Key, want.Value, want.Kind, want.Origin, want.RawText), (got.Key, got.Value, got.Kind, got.Origin, got.RawText));
            Assert.Equal((want.Span, want.ValueSpan), (got.Span, got.ValueSpan));
            Assert.Equal((want.Span.IsKnown, want.Span.StartLine, want.Span.StartColumn), (got.Span.IsKnown, got.Span.StartLine, got.Span.StartColumn));
        }

        Assert.Contains(expected, a => a.RawText is not null);
    }

    [Fact]
    public void An_edge_whose_spans_do_not_share_the_chunks_line_table_keeps_them()
    {
        var store = new EntryStore(positions: null);
        var chunk = store.Reserve(1, out var offset);
        chunk.Set(offset, AttributeEntry.Create(AttributeNames.Weight, "3", AttributeValueKind.Integer, AttributeOrigin.Explicit, default, default));
        var span = new SourceSpan(10, 8, 2, 3, 2, 11);
        var fromSpan = new SourceSpan(10, 1, 2, 3, 2, 4);
        var toSpan = new SourceSpan(17, 1, 2, 10, 2, 11);

        var edge = new PipelineEdge("a", "b", chunk, offset, 1, span, fromSpan, toSpan, -1, -1);

        Assert.Equal((span, fromSpan, toSpan), (edge.Span, edge.FromSpan, edge.ToSpan));
        Assert.Equal(3, edge.Weight);
        Assert.Equal([AttributeNames.Weight], edge.Attributes.Select(a => a.Key));
    }
}
