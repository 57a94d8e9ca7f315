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
}
