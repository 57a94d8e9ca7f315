// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using static Attractor.Llm.Tests.Gemini.GeminiTestSupport;

namespace Attractor.Llm.Tests.Gemini;

public sealed class GeminiSchemaTests
{
    private static string Translate(string schema) => GeminiSchema.Translate(Json(schema)).ToJsonString();

    [Fact]
    public void Types_are_upper_case_and_unsupported_keywords_are_dropped()
    {
        var result = Translate("""
            {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"x","type":"object","additionalProperties":false,
             "properties":{"city":{"type":"string","description":"The city","minLength":1,"examples":["Paris"]},
                           "days":{"type":"integer","minimum":1,"maximum":10,"exclusiveMaximum":11,"format":"int32"}},
             "required":["city"]}
            """);

        Assert.Equal(
            """{"type":"OBJECT","properties":{"city":{"type":"STRING","description":"The city","minLength":1},"days":{"type":"INTEGER","format":"int32","minimum":1,"maximum":10}},"required":["city"]}""",
            result);
    }

    [Fact]
    public void A_nullable_type_array_becomes_nullable()
    {
        Assert.Equal("""{"nullable":true,"type":"STRING"}""", Translate("""{"type":["string","null"]}"""));
    }

    [Fact]
    public void Several_types_become_any_of()
    {
        Assert.Equal("""{"anyOf":[{"type":"STRING"},{"type":"INTEGER"}]}""", Translate("""{"type":["string","integer"]}"""));
    }

    [Fact]
    public void One_of_becomes_any_of_and_a_null_alternative_becomes_nullable()
    {
        Assert.Equal(
            """{"nullable":true,"anyOf":[{"type":"STRING"},{"type":"NUMBER"}]}""",
            Translate("""{"oneOf":[{"type":"string"},{"type":"number"},{"type":"null"}]}"""));
        Assert.Equal("""{"nullable":true,"type":"STRING"}""", Translate("""{"anyOf":[{"type":"string"},{"type":"null"}]}"""));
    }

    [Fact]
    public void Const_and_string_enums_are_kept_and_numeric_enums_are_dropped()
    {
        Assert.Equal("""{"enum":["celsius"],"type":"STRING"}""", Translate("""{"const":"celsius"}"""));
        Assert.Equal("""{"type":"STRING","enum":["c","f"]}""", Translate("""{"type":"string","enum":["c","f"]}"""));
        Assert.Equal("""{"type":"INTEGER"}""", Translate("""{"type":"integer","enum":[1,2,3]}"""));
    }

    [Fact]
    public void Local_refs_are_inlined_and_recursion_is_cut()
    {
        var result = Translate("""
            {"type":"object","$defs":{"Point":{"type":"object","properties":{"x":{"type":"number"}}}},
             "properties":{"p":{"$ref":"#/$defs/Point","description":"A point"},"q":{"$ref":"#/definitions/Missing"}}}
            """);

        Assert.Equal("""{"type":"OBJECT","properties":{"p":{"type":"OBJECT","properties":{"x":{"type":"NUMBER"}},"description":"A point"},"q":{}}}""", result);

        var recursive = GeminiSchema.Translate(Json("""{"type":"object","properties":{"next":{"$ref":"#"}}}"""));
        var depth = 0;
        for (JsonNode? node = recursive; node?["properties"]?["next"] is { } next; node = next)
        {
            depth++;
        }

        Assert.InRange(depth, 5, 30);
    }

    [Fact]
    public void Items_and_required_are_translated_and_unknown_required_names_removed()
    {
        var result = Translate("""
            {"type":"object","properties":{"tags":{"type":"array","items":{"type":"string"},"minItems":1,"uniqueItems":true}},"required":["tags","ghost"]}
            """);

        Assert.Equal("""{"type":"OBJECT","properties":{"tags":{"type":"ARRAY","minItems":1,"items":{"type":"STRING"}}},"required":["tags"]}""", result);
    }

    [Fact]
    public void All_of_parts_are_merged()
    {
        var result = Translate("""
            {"allOf":[{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]},{"properties":{"b":{"type":"boolean"}},"required":["b"]}]}
            """);

        Assert.Equal("""{"type":"OBJECT","properties":{"a":{"type":"STRING"},"b":{"type":"BOOLEAN"}},"required":["a","b"]}""", result);
    }

    [Fact]
    public void An_object_without_properties_is_recognized()
    {
        Assert.True(GeminiSchema.HasNoProperties(Json("""{"type":"object"}""")));
        Assert.True(GeminiSchema.HasNoProperties(Json("""{"type":"object","properties":{}}""")));
        Assert.False(GeminiSchema.HasNoProperties(Json("""{"type":"object","properties":{"a":{"type":"string"}}}""")));
    }
}
