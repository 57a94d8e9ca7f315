// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm.Tests.HighLevel;

public sealed class PartialJsonTests
{
    [Theory]
    [InlineData("", null)]
    [InlineData("{", "{}")]
    [InlineData("{\"na", "{}")]
    [InlineData("{\"name\"", "{}")]
    [InlineData("{\"name\":", "{}")]
    [InlineData("{\"name\": \"Al", """{"name":"Al"}""")]
    [InlineData("{\"name\": \"Al\\", """{"name":"Al"}""")]
    [InlineData("{\"name\": \"Al\\u00e", """{"name":"Al"}""")]
    [InlineData("{\"name\": \"A\\u00e9\\n\"", """{"name":"A\u00E9\n"}""")]
    [InlineData("{\"age\": 3", "{}")]
    [InlineData("{\"age\": 30,", """{"age":30}""")]
    [InlineData("{\"ok\": tr", "{}")]
    [InlineData("{\"ok\": true, \"none\": null", """{"ok":true,"none":null}""")]
    [InlineData("[1, 2, [3, {\"a\": [\"x", """[1,2,[3,{"a":["x"]}]]""")]
    [InlineData("```json\n{\"a\": 1}\n```", """{"a":1}""")]
    [InlineData("{\"a\": -1.5e3}", """{"a":-1.5e3}""")]
    public void Prefixes_parse_to_the_value_so_far(string text, string? expected)
    {
        Assert.True(PartialJson.TryParse(text, out var value));

        Assert.Equal(expected, value?.ToJsonString());
    }

    [Theory]
    [InlineData("{\"a\" 1}")]
    [InlineData("{\"a\": tx}")]
    [InlineData("[1, }")]
    public void Text_that_cannot_start_a_json_document_is_rejected(string text)
    {
        Assert.False(PartialJson.TryParse(text, out _));
    }
}
