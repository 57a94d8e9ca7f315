// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Dot.Tests;

/// <summary>
/// <see cref="DotAttribute"/> keeps its location in compact fields and moves what does not fit into a
/// side object; either way every span, kind and origin must come back exactly as given.
/// </summary>
public sealed class DotAttributeStorageTests
{
    [Fact]
    public void An_attribute_longer_than_the_packed_length_keeps_its_spans()
    {
        var prompt = new string('x', 70_000);
        var text = "digraph G {\n  start [shape=Mdiamond]\n  work [prompt=\"" + prompt + "\"]\n  exit [shape=Msquare]\n  start -> work -> exit\n}\n";

        var attribute = DotParser.Parse(text, "p.dot").Graph.FindNode("work")!.Attributes.Get(AttributeNames.Prompt)!;

        var keyStart = text.IndexOf("prompt=", StringComparison.Ordinal);
        Assert.Equal(keyStart, attribute.Span.Start);
        Assert.Equal("prompt=\"".Length + prompt.Length + 1, attribute.Span.Length);
        Assert.Equal(keyStart + "prompt=\"".Length, attribute.ValueSpan.Start);
        Assert.Equal(prompt.Length, attribute.ValueSpan.Length);
        Assert.Equal(prompt, attribute.Value);
        Assert.Equal((3, 9), (attribute.Span.StartLine, attribute.Span.StartColumn));
    }

    [Fact]
    public void A_value_far_from_its_key_keeps_its_spans()
    {
        var gap = new string(' ', 300);
        var text = "digraph G {\n  start [shape=Mdiamond]\n  work [label=" + gap + "\"Work\"]\n  exit [shape=Msquare]\n  start -> work -> exit\n}\n";

        var attribute = DotParser.Parse(text, "p.dot").Graph.FindNode("work")!.Attributes.Get(AttributeNames.Label)!;

        var keyStart = text.IndexOf("label=", StringComparison.Ordinal);
        Assert.Equal(keyStart, attribute.Span.Start);
        Assert.Equal(text.IndexOf("\"Work\"", StringComparison.Ordinal) + 1, attribute.ValueSpan.Start);
        Assert.Equal(4, attribute.ValueSpan.Length);
        Assert.Equal(text.IndexOf("\"Work\"", StringComparison.Ordinal) + 6, attribute.Span.End);
    }

    [Fact]
    public void Kinds_and_origins_outside_their_enums_come_back_as_given()
    {
        var attribute = new DotAttribute("k", "v", (AttributeValueKind)42, (AttributeOrigin)9);

        Assert.Equal((AttributeValueKind)42, attribute.Kind);
        Assert.Equal((AttributeOrigin)9, attribute.Origin);
        Assert.Equal((AttributeOrigin)12, attribute.WithOrigin((AttributeOrigin)12).Origin);
        Assert.Equal((AttributeValueKind)42, attribute.WithOrigin(AttributeOrigin.Default).Kind);
        Assert.Equal(AttributeOrigin.Default, attribute.WithOrigin(AttributeOrigin.Default).Origin);
    }

    [Theory]
    [InlineData("timeout=\"15m\"", AttributeValueKind.String)]
    [InlineData("max_retries=3", AttributeValueKind.Integer)]
    [InlineData("goal_gate=true", AttributeValueKind.Boolean)]
    public void A_copy_with_another_origin_or_value_keeps_the_location_and_the_kind(string written, AttributeValueKind kind)
    {
        var text = "digraph G {\n  start [shape=Mdiamond]\n  work [" + written + "]\n  exit [shape=Msquare]\n  start -> work -> exit\n}\n";
        var attribute = DotParser.Parse(text, "p.dot").Graph.FindNode("work")!.Attributes[^1];

        var defaulted = attribute.WithOrigin(AttributeOrigin.Default);
        var replaced = attribute.WithValue("other", AttributeOrigin.Transform);

        Assert.Equal(kind, attribute.Kind);
        Assert.Equal((kind, AttributeOrigin.Default, attribute.Span, attribute.ValueSpan), (defaulted.Kind, defaulted.Origin, defaulted.Span, defaulted.ValueSpan));
        Assert.Equal((AttributeValueKind.String, AttributeOrigin.Transform, attribute.Span, attribute.ValueSpan, "other"), (replaced.Kind, replaced.Origin, replaced.Span, replaced.ValueSpan, replaced.Value));
    }

    [Theory]
    [InlineData(120)]
    [InlineData(121)]
    public void A_value_at_the_edge_of_the_packed_offset_keeps_its_spans(int spaces)
    {
        // label= (6) + spaces + the quote: 127 characters from the key to the value fit the packed offset, 128 do not.
        var text = "digraph G {\n  start [shape=Mdiamond]\n  work [label=" + new string(' ', spaces) + "\"Work\"]\n  exit [shape=Msquare]\n  start -> work -> exit\n}\n";

        var attribute = DotParser.Parse(text, "p.dot").Graph.FindNode("work")!.Attributes.Get(AttributeNames.Label)!;

        var keyStart = text.IndexOf("label=", StringComparison.Ordinal);
        var valueStart = text.IndexOf("\"Work\"", StringComparison.Ordinal) + 1;
        Assert.Equal(keyStart + 6 + spaces + 1, valueStart);
        Assert.Equal((keyStart, valueStart + 5 - keyStart), (attribute.Span.Start, attribute.Span.Length));
        Assert.Equal((valueStart, 4), (attribute.ValueSpan.Start, attribute.ValueSpan.Length));
        Assert.Equal("Work", attribute.Value);
    }

    [Theory]
    [InlineData(4_086)]
    [InlineData(4_087)]
    public void A_prompt_at_the_edge_of_the_packed_length_keeps_its_spans(int promptLength)
    {
        // prompt=" (8) + the prompt + the closing quote: 4,095 characters fit the packed length, 4,096 do not.
        var prompt = new string('y', promptLength);
        var text = "digraph G {\n  start [shape=Mdiamond]\n  work [prompt=\"" + prompt + "\"]\n  exit [shape=Msquare]\n  start -> work -> exit\n}\n";

        var attribute = PipelineLoader.Default.Load(text, "p.dot").Graph.FindNode("work")!.Attributes.Get(AttributeNames.Prompt)!;

        var keyStart = text.IndexOf("prompt=", StringComparison.Ordinal);
        Assert.Equal((keyStart, 8 + promptLength + 1), (attribute.Span.Start, attribute.Span.Length));
        Assert.Equal((keyStart + 8, promptLength), (attribute.ValueSpan.Start, attribute.ValueSpan.Length));
        Assert.Equal(prompt, attribute.Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_value_ending_before_its_attribute_keeps_both_ends(int gap)
    {
        // A value that ends with its attribute or one character (a quote) before is packed; other gaps go to the side object.
        var span = SourceSpan.FromParts(100, 40, null);
        var valueSpan = SourceSpan.FromParts(110, 40 - 10 - gap, null);

        var entry = AttributeEntry.Create(AttributeNames.Label, "v", AttributeValueKind.String, AttributeOrigin.Explicit, span, valueSpan);

        Assert.Equal((100, 40), (entry.Span.Start, entry.Span.Length));
        Assert.Equal((110, 30 - gap), (entry.ValueSpan.Start, entry.ValueSpan.Length));
    }

    public static TheoryData<AttributeValueKind, AttributeOrigin> DeclaredKindsAndOrigins()
    {
        var data = new TheoryData<AttributeValueKind, AttributeOrigin>();
        foreach (var kind in Enum.GetValues<AttributeValueKind>())
        {
            foreach (var origin in Enum.GetValues<AttributeOrigin>())
            {
                data.Add(kind, origin);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DeclaredKindsAndOrigins))]
    public void Every_declared_kind_and_origin_comes_back_with_the_packed_location(AttributeValueKind kind, AttributeOrigin origin)
    {
        var text = "digraph G {\n  work [label=\"Work\"]\n}\n";
        var parsed = DotParser.Parse(text, "p.dot").Graph.FindNode("work")!.Attributes.Get(AttributeNames.Label)!;

        var entry = AttributeEntry.Create("label", "Work", kind, origin, parsed.Span, parsed.ValueSpan);
        var copy = entry.WithOrigin(origin);

        Assert.Equal((kind, origin, parsed.Span, parsed.ValueSpan), (entry.Kind, entry.Origin, entry.Span, entry.ValueSpan));
        Assert.Equal((kind, origin, parsed.Span, parsed.ValueSpan), (copy.Kind, copy.Origin, copy.Span, copy.ValueSpan));
    }

    [Fact]
    public void A_deferred_prompt_given_an_undeclared_origin_keeps_its_text_and_spans()
    {
        // Longer than the string table's limit, so the parser leaves it unbuilt until read.
        var prompt = "Summarise the repository for $goal in plain words, one paragraph per directory, no lists";
        var text = "digraph G {\n  goal=\"docs\"\n  start [shape=Mdiamond]\n  work [prompt=\"" + prompt + "\"]\n  exit [shape=Msquare]\n  start -> work -> exit\n}\n";
        var attributes = PipelineLoader.Default.Load(text, "p.dot").Graph.FindNode("work")!.Attributes;
        Assert.True(attributes.TryGetEntry(AttributeNames.Prompt, out var stored));

        var moved = stored.WithOrigin((AttributeOrigin)9);

        Assert.Equal((AttributeOrigin)9, moved.Origin);
        Assert.Equal(AttributeValueKind.String, moved.Kind);
        Assert.Equal((stored.Span, stored.ValueSpan), (moved.Span, moved.ValueSpan));
        Assert.Equal(prompt.Replace("$goal", "docs", StringComparison.Ordinal), moved.Value);
    }

    [Theory]
    [InlineData("Retry from $goal", "Retry from $goal")]
    [InlineData("Back to the \\\"plan\\\"", "Back to the \"plan\"")]
    [InlineData("  ", "  ")]
    [InlineData("Yes", "Yes")]
    public void An_edge_label_reads_back_as_written_on_every_edge_of_a_chain(string written, string expected)
    {
        // Longer labels stay slices of the source until read; $goal is not a label variable.
        var text = "digraph G {\n  goal=\"ship\"\n  start [shape=Mdiamond]\n  exit [shape=Msquare]\n  start -> work -> exit [label=\"" + written + "\", weight=2]\n}\n";

        var graph = PipelineLoader.Default.Load(text, "p.dot").Graph;

        var valueStart = text.IndexOf("label=", StringComparison.Ordinal) + "label=\"".Length;
        Assert.Equal(2, graph.Edges.Count);
        foreach (var edge in graph.Edges)
        {
            var label = edge.Attributes.Get(AttributeNames.Label)!;
            Assert.Equal(expected, label.Value);
            Assert.Equal(expected, edge.Attributes.GetString(AttributeNames.Label));
            Assert.Equal(AttributeOrigin.Explicit, label.Origin);
            Assert.Equal(valueStart, label.ValueSpan.Start);
            Assert.Equal(written.Length, label.ValueSpan.Length);
            Assert.Equal((5, 26), (label.Span.StartLine, label.Span.StartColumn));
        }
    }

    [Theory]
    [InlineData("set -eu\\ncd src && dotnet test --filter \\\"Shard=6\\\"\\nprintf 'ok'")]
    [InlineData("tab\\there, backslash \\\\ here, \\q kept, joined \\\nhere and \\\r\nhere")]
    [InlineData("$goal with \\\"quotes\\\" and $go\\\nal joined by a continuation")]
    [InlineData("\\\\ starts with an escape and ends with one \\\\")]
    public void Long_values_with_escapes_left_unbuilt_read_back_as_the_lexer_resolves_them(string written)
    {
        // The graph attribute is built while lexing; the prompt, label and tool command are left
        // as slices of the source and built when read.
        var text = "digraph G {\n  goal=\"ship it\"\n  eager=\"" + written + "\"\n  start [shape=Mdiamond]\n"
            + "  work [shape=parallelogram, prompt=\"" + written + "\", label=\"" + written + "\", tool_command=\"" + written + "\"]\n"
            + "  exit [shape=Msquare]\n  start -> work -> exit [label=\"" + written + "\"]\n}\n";
        var graph = PipelineLoader.Default.Load(text, "p.dot").Graph;
        var eager = graph.Attributes.Get("eager")!;
        Assert.NotNull(eager.RawText);
        var work = graph.FindNode("work")!;

        foreach (var attribute in new[] { work.Attributes.Get(AttributeNames.Label)!, work.Attributes.Get(AttributeNames.ToolCommand)!, graph.Edges[1].Attributes.Get(AttributeNames.Label)! })
        {
            Assert.Equal(eager.Value, attribute.Value);
            Assert.Equal(eager.RawText, attribute.RawText);
            Assert.Equal(eager.ValueSpan.Length, attribute.ValueSpan.Length);
            Assert.Equal(text.IndexOf(written, attribute.Span.Start, StringComparison.Ordinal), attribute.ValueSpan.Start);
        }

        var prompt = work.Attributes.Get(AttributeNames.Prompt)!;
        var expanded = eager.Value.Replace("$goal", "ship it", StringComparison.Ordinal);
        Assert.Equal(expanded, prompt.Value);
        Assert.Equal(expanded == eager.Value ? eager.RawText : null, prompt.RawText);
        Assert.Equal(expanded, work.Prompt);
        Assert.Equal(eager.Value, work.ToolCommand);

        // Parsed without the built-in transforms, the prompt is left unbuilt too, and reads back as written.
        var plain = DotParser.Parse(text, "p.dot").Graph.FindNode("work")!;
        Assert.Equal(eager.Value, plain.Prompt);
        Assert.Same(plain.Prompt, plain.Prompt);
        var plainPrompt = plain.Attributes.Get(AttributeNames.Prompt)!;
        Assert.Equal((eager.Value, eager.RawText), (plainPrompt.Value, plainPrompt.RawText));
        Assert.Equal((prompt.Span, prompt.ValueSpan), (plainPrompt.Span, plainPrompt.ValueSpan));
    }

    [Theory]
    [InlineData("\\n\\t   \\\n      ", true)]
    [InlineData("\\n\\t   \\\n   x  ", false)]
    [InlineData("\\q is kept, so this is not blank ", false)]
    public void A_tool_command_blank_only_through_its_escapes_is_reported_as_empty(string written, bool empty)
    {
        var text = "digraph G {\n  start [shape=Mdiamond]\n  run [shape=parallelogram, tool_command=\"" + written + "\"]\n  exit [shape=Msquare]\n  start -> run -> exit\n}\n";

        var diagnostics = PipelineLoader.Default.Load(text, "p.dot").Diagnostics;

        var reported = diagnostics.Where(d => d.Id == DiagnosticDescriptors.ToolCommandPresent.Id).ToList();
        Assert.Equal(empty ? 1 : 0, reported.Count);
        if (empty)
        {
            Assert.Contains("has an empty tool_command", reported[0].Message, StringComparison.Ordinal);
            Assert.Equal((3, 29), (reported[0].Span.StartLine, reported[0].Span.StartColumn));
        }

        // An unknown escape is still reported once, where it is written.
        Assert.Equal(written.Contains("\\q", StringComparison.Ordinal) ? 1 : 0, diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning && d.Message.Contains("\\q", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_loaded_node_reads_its_own_and_stylesheet_attributes_alike_before_and_after_its_map_is_made()
    {
        var prompt = "Summarise the repository for $goal in plain words, one paragraph per directory, no lists";
        var text = "digraph G {\n  goal=\"docs\"\n  model_stylesheet=\"* { llm_model: m1; llm_provider: p1; }\"\n  node [timeout=\"5m\"]\n"
            + "  start [shape=Mdiamond]\n  work [prompt=\"" + prompt + "\", llm_model=\"own\"]\n  exit [shape=Msquare]\n  start -> work -> exit\n}\n";
        var work = PipelineLoader.Default.Load(text, "p.dot").Graph.FindNode("work")!;
        var expanded = prompt.Replace("$goal", "docs", StringComparison.Ordinal);

        // Typed properties first: they read the stored attributes, and a prompt built once stays built.
        Assert.Equal(expanded, work.Prompt);
        Assert.Same(work.Prompt, work.Prompt);
        Assert.Equal(("own", "p1", TimeSpan.FromMinutes(5)), (work.LlmModel, work.LlmProvider, work.Timeout));

        var map = work.Attributes;
        Assert.Same(map, work.Attributes);
        Assert.Equal(["timeout", "prompt", "llm_model", "llm_provider"], map.Select(a => a.Key));
        Assert.Equal([AttributeOrigin.Default, AttributeOrigin.Explicit, AttributeOrigin.Explicit, AttributeOrigin.Stylesheet], map.Select(a => a.Origin));
        Assert.Same(work.Prompt, map.GetString(AttributeNames.Prompt));
        Assert.Equal(("own", "p1"), (work.LlmModel, work.LlmProvider));
    }

    [Fact]
    public void Every_key_id_maps_back_to_its_key()
    {
        Assert.Null(AttributeKeyIds.NameOf(0));
        Assert.InRange(AttributeKeyIds.Count, 2, AttributeKeyIds.MaxId + 1);
        for (var id = 1; id < AttributeKeyIds.Count; id++)
        {
            var name = AttributeKeyIds.NameOf(id)!;
            Assert.Equal(id, AttributeKeyIds.IdOf(name));
            Assert.Equal(id, AttributeKeyIds.IdOf(new string(name.ToCharArray())));
        }

        Assert.Equal(0, AttributeKeyIds.IdOf("my_custom_key"));
        Assert.Equal(0, AttributeKeyIds.IdOf("Label"));
    }

    [Theory]
    [InlineData("shape=box", "shape")]
    [InlineData("tool_hooks.pre=\"lint\"", "tool_hooks.pre")]
    [InlineData("my_custom_key=\"kept\"", "my_custom_key")]
    [InlineData("\"quoted key\"=\"kept\"", "quoted key")]
    public void Keys_with_and_without_an_id_come_back_with_their_spans(string written, string key)
    {
        var text = "digraph G {\n  work [" + written + "]\n}\n";
        var attribute = DotParser.Parse(text, "p.dot").Graph.FindNode("work")!.Attributes[^1];

        var copy = attribute.WithOrigin(AttributeOrigin.Default).WithValue("other", AttributeOrigin.Transform);

        Assert.Equal(key, attribute.Key);
        Assert.Equal(key, copy.Key);
        Assert.Equal((text.IndexOf(written, StringComparison.Ordinal), written.Length), (attribute.Span.Start, attribute.Span.Length));
        Assert.Equal((attribute.Span, attribute.ValueSpan), (copy.Span, copy.ValueSpan));
    }
}
