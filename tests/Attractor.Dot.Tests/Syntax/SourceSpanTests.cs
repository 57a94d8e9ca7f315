// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Tests.Syntax;

/// <summary>
/// Parsed spans store offsets and the file's line table and compute lines and columns on demand;
/// these tests pin that the computed positions are the ones a line/column count gives, and that
/// spans compare equal however they are stored.
/// </summary>
public sealed class SourceSpanTests
{
    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.dot").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Every_span_of_a_corpus_file_has_the_line_and_column_of_its_offsets(string fileName)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", fileName));
        var result = PipelineLoader.Default.Load(text, fileName);
        var graph = result.Graph;
        var spans = new List<SourceSpan> { graph.IdSpan };
        spans.AddRange(result.Diagnostics.Select(d => d.Span));
        foreach (var node in graph.Nodes)
        {
            spans.Add(node.Span);
            spans.AddRange(node.Attributes.SelectMany(a => new[] { a.Span, a.ValueSpan }));
        }

        foreach (var edge in graph.Edges)
        {
            spans.AddRange([edge.Span, edge.FromSpan, edge.ToSpan]);
            spans.AddRange(edge.Attributes.SelectMany(a => new[] { a.Span, a.ValueSpan }));
        }

        spans.AddRange(graph.Attributes.SelectMany(a => new[] { a.Span, a.ValueSpan }));
        foreach (var span in spans.Where(s => s.IsKnown))
        {
            Assert.Equal(Counted(text, span.Start, span.End), (span.StartLine, span.StartColumn, span.EndLine, span.EndColumn));
        }
    }

    [Fact]
    public void Positions_after_crlf_a_bom_an_unterminated_string_and_a_line_continuation()
    {
        const string Text = "\uFEFFdigraph G {\r\n  a [label=\"one\\\ntwo\"]\r\n  b [label=\"open\n  c [shape=box]\n}\n";
        var result = DotParser.Parse(Text, "t.dot");

        var label = result.Graph.Nodes.Single(n => n.Id == "a").Attributes.Get("label")!;
        Assert.Equal(new SourceSpan(19, 16, 2, 6, 3, 5), label.Span);
        Assert.Equal(new SourceSpan(26, 8, 2, 13, 3, 4), label.ValueSpan);

        var unterminated = result.Diagnostics.Single(d => d.Id == "ATR1003");
        Assert.Equal((4, 12), (unterminated.Span.StartLine, unterminated.Span.StartColumn));

        // The lines after the unterminated string are read again as DOT, with their own positions.
        var c = result.Graph.Nodes.Single(n => n.Id == "c");
        Assert.Equal(new SourceSpan(57, 1, 5, 3, 5, 4), c.Span);
    }

    [Fact]
    public void A_load_that_reports_nothing_leaves_the_line_table_unbuilt_until_a_position_is_read()
    {
        // Stylesheet rules are located inside the attribute string, and every value is checked:
        // neither may need a line number until someone reads one.
        const string Text = "digraph G {\n  graph [model_stylesheet=\"* { llm_model: m; }\n.x { reasoning_effort: low; }\"]\n  start [shape=Mdiamond]\n  a [class=x, prompt=\"Do the work for the release\"]\n  exit [shape=Msquare]\n  start -> a -> exit [condition=\"outcome=success\"]\n}\n";
        var result = PipelineLoader.Default.Load(Text, "t.dot");
        Assert.Empty(result.Diagnostics);
        var lines = result.Graph.Nodes[0].Span.Lines!;

        Assert.False(lines.IsBuilt);
        var model = result.Graph.Nodes.Single(n => n.Id == "a").Attributes.Get("reasoning_effort")!;
        Assert.Equal((3, 24), (model.ValueSpan.StartLine, model.ValueSpan.StartColumn));
        Assert.True(lines.IsBuilt);
    }

    [Fact]
    public async Task Threads_asking_a_new_graph_for_positions_at_once_all_get_the_counted_ones()
    {
        // The line table is built on the first question; make sure every thread asks the first one.
        var text = "\uFEFFdigraph G {\r\n" + string.Concat(Enumerable.Range(0, 400).Select(i => $"  n{i} [label=\"step\\\n{i}\"]\n  n{i} -> n{i + 1}\n")) + "}";
        var graph = DotParser.Parse(text, "t.dot").Graph;
        var spans = graph.Nodes.Select(n => n.Span).Concat(graph.Edges.Select(e => e.ToSpan)).ToArray();
        using var start = new Barrier(4);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            start.SignalAndWait();
            return spans.Skip(worker * 97).Concat(spans.Take(worker * 97)).Select(s => (s, (s.StartLine, s.StartColumn, s.EndLine, s.EndColumn))).ToArray();
        })));

        foreach (var (span, position) in answers.SelectMany(a => a))
        {
            Assert.Equal(Counted(text, span.Start, span.End), position);
        }
    }

    [Fact]
    public void Parsed_and_explicit_spans_are_equal_when_their_positions_are()
    {
        var node = DotParser.Parse("digraph G {\n  abc\n}").Graph.Nodes[0];
        var explicitSpan = new SourceSpan(14, 3, 2, 3, 2, 6);

        Assert.Equal(explicitSpan, node.Span);
        Assert.True(node.Span == explicitSpan);
        Assert.Equal(explicitSpan.GetHashCode(), node.Span.GetHashCode());
        Assert.NotEqual(new SourceSpan(14, 3, 2, 4, 2, 7), node.Span);
        Assert.Equal(explicitSpan, node.Span.Union(default));
        Assert.False(default(SourceSpan).IsKnown);
        Assert.Equal(default, new SourceSpan(0, 0, 0, 0, 0, 0));
    }

    [Fact]
    public void Model_objects_keep_spans_given_in_code_whatever_their_shape()
    {
        var span = new SourceSpan(10, 8, 3, 1, 3, 9);
        var valueSpan = new SourceSpan(15, 3, 3, 6, 3, 9);
        var attribute = DotAttribute.FromSource("label", "x\ty", AttributeValueKind.String, AttributeOrigin.Explicit, span, valueSpan, "x\\ty");
        Assert.Equal(span, attribute.Span);
        Assert.Equal(valueSpan, attribute.ValueSpan);
        Assert.Equal(span, attribute.WithOrigin(AttributeOrigin.Default).Span);
        Assert.Equal(valueSpan, attribute.WithValue("z", AttributeOrigin.Explicit).ValueSpan);

        // An edge whose span is not "source ID to target ID" is stored as given.
        var from = new SourceSpan(1, 1, 1, 2, 1, 3);
        var to = new SourceSpan(6, 1, 1, 7, 1, 8);
        var wide = new SourceSpan(0, 9, 1, 1, 1, 10);
        var edge = new PipelineEdge("a", "b", null, wide, from, to);
        Assert.Equal((wide, from, to), (edge.Span, edge.FromSpan, edge.ToSpan));
        var copy = edge.WithAttributes(AttributeMap.FromPairs(("weight", "2")));
        Assert.Equal((wide, from, to), (copy.Span, copy.FromSpan, copy.ToSpan));

        var parsed = DotParser.Parse("digraph G {\n  a -> b [weight=2]\n}").Graph.Edges[0];
        Assert.Equal(new SourceSpan(14, 6, 2, 3, 2, 9), parsed.Span);
        Assert.Equal(new SourceSpan(19, 1, 2, 8, 2, 9), parsed.WithAttributes(AttributeMap.Empty).ToSpan);
    }

    [Theory]
    [InlineData(255, 1)]
    [InlineData(256, 1)]
    [InlineData(1, 65_530)]
    [InlineData(1, 65_540)]
    public void Edge_spans_at_the_edges_of_the_packed_fields_come_back_exactly(int idLength, int gap)
    {
        // Packed: ID lengths up to 255 and the target up to 65,535 characters after the source;
        // beyond either the spans go to the side object.
        var source = idLength == 1 ? "s" : "\"" + new string('s', idLength - 2) + "\"";
        var text = "digraph G {\n  " + source + " ->" + new string(' ', gap) + "t [weight=2]\n}\n";

        var edge = DotParser.Parse(text, "p.dot").Graph.Edges[0];

        var fromStart = text.IndexOf(source, StringComparison.Ordinal);
        var toStart = text.LastIndexOf(" t ", StringComparison.Ordinal) + 1;
        Assert.Equal((fromStart, source.Length), (edge.FromSpan.Start, edge.FromSpan.Length));
        Assert.Equal((toStart, 1), (edge.ToSpan.Start, edge.ToSpan.Length));
        Assert.Equal((fromStart, toStart + 1 - fromStart), (edge.Span.Start, edge.Span.Length));
        Assert.Equal((2, toStart - text.IndexOf('\n', StringComparison.Ordinal)), (edge.ToSpan.StartLine, edge.ToSpan.StartColumn));
        var copy = edge.WithAttributes(AttributeMap.Empty);
        Assert.Equal((edge.Span, edge.FromSpan, edge.ToSpan), (copy.Span, copy.FromSpan, copy.ToSpan));
    }

    private static (int Line, int Column, int EndLine, int EndColumn) Counted(string text, int start, int end)
    {
        var (line, column) = Position(text, start);
        var (endLine, endColumn) = Position(text, end);
        return (line, column, endLine, endColumn);
    }

    private static (int Line, int Column) Position(string text, int offset)
    {
        var lineStart = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var line = 1;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }
}
