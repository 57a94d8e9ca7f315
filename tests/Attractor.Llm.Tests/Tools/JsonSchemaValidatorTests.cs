// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm.Tests.HighLevel;

namespace Attractor.Llm.Tests.Tools;

public sealed class JsonSchemaValidatorTests
{
    [Theory]
    [InlineData("""{"type":"string"}""", "\"a\"")]
    [InlineData("""{"type":"integer"}""", "3")]
    [InlineData("""{"type":"integer"}""", "3.0")]
    [InlineData("""{"type":"number"}""", "3.5")]
    [InlineData("""{"type":"boolean"}""", "false")]
    [InlineData("""{"type":"null"}""", "null")]
    [InlineData("""{"type":["string","null"]}""", "null")]
    [InlineData("""{"type":"string","nullable":true}""", "null")]
    [InlineData("""{"enum":["a",1,null]}""", "1")]
    [InlineData("""{"const":{"x":[1,2]}}""", """{"x":[1,2]}""")]
    [InlineData("""{"minimum":1,"maximum":3}""", "3")]
    [InlineData("""{"exclusiveMinimum":1}""", "1.5")]
    [InlineData("""{"minLength":2,"maxLength":2}""", "\"😀😀\"")]
    [InlineData("""{"pattern":"^[a-z]+$"}""", "\"abc\"")]
    [InlineData("""{"type":"array","items":{"type":"integer"},"minItems":1,"maxItems":3}""", "[1,2,3]")]
    [InlineData("""{"anyOf":[{"type":"string"},{"type":"integer"}]}""", "5")]
    [InlineData("""{"oneOf":[{"type":"string"},{"type":"integer"}]}""", "\"s\"")]
    [InlineData("""{"allOf":[{"minimum":1},{"maximum":2}]}""", "2")]
    [InlineData("""{"type":"object","additionalProperties":{"type":"integer"}}""", """{"a":1,"b":2}""")]
    [InlineData("""{"$defs":{"p":{"type":"object","required":["n"]}},"type":"array","items":{"$ref":"#/$defs/p"}}""", """[{"n":1}]""")]
    [InlineData("""{"definitions":{"p":{"type":"string"}},"properties":{"a":{"$ref":"#/definitions/p"}}}""", """{"a":"x"}""")]
    [InlineData("true", "{}")]
    [InlineData("""{"type":"integer","minimum":0}""", "1e400")]
    [InlineData("""{"type":"integer"}""", "123456789012345678901234567890")]
    public void Valid_values_pass(string schema, string value)
    {
        Assert.Empty(JsonSchemaValidator.Validate(Fake.Json(schema), Fake.Json(value)));
    }

    [Theory]
    [InlineData("""{"type":"string"}""", "1", "$: expected string, got integer")]
    [InlineData("""{"type":"integer"}""", "1.5", "$: expected integer, got number")]
    [InlineData("""{"type":["string","null"]}""", "true", "$: expected one of [string, null], got boolean")]
    [InlineData("""{"enum":["a","b"]}""", "\"c\"", "$: \"c\" is not one of [\"a\",\"b\"]")]
    [InlineData("""{"const":1}""", "2", "$: expected 1, got 2")]
    [InlineData("""{"minimum":1}""", "0", "$: 0 is less than the minimum 1")]
    [InlineData("""{"maximum":1}""", "2", "$: 2 is greater than the maximum 1")]
    [InlineData("""{"exclusiveMaximum":1}""", "1", "$: 1 is not less than 1")]
    [InlineData("""{"minimum":1,"exclusiveMinimum":true}""", "1", "$: 1 is not greater than the minimum 1")]
    [InlineData("""{"minLength":3}""", "\"ab\"", "$: expected at least 3 characters, got 2")]
    [InlineData("""{"maxLength":1}""", "\"ab\"", "$: expected at most 1 characters, got 2")]
    [InlineData("""{"pattern":"^a"}""", "\"ba\"", "$: \"ba\" does not match the pattern ^a")]
    [InlineData("""{"minItems":2}""", "[1]", "$: expected at least 2 items, got 1")]
    [InlineData("""{"maxItems":0}""", "[1]", "$: expected at most 0 items, got 1")]
    [InlineData("""{"items":{"type":"string"}}""", """["a",2]""", "$[1]: expected string, got integer")]
    [InlineData("""{"properties":{"a":{"properties":{"b c":{"type":"string"}}}}}""", """{"a":{"b c":1}}""", "$.a['b c']: expected string, got integer")]
    [InlineData("""{"required":["x"]}""", "{}", "$: the required property 'x' is missing")]
    [InlineData("""{"properties":{"a":{}},"additionalProperties":false}""", """{"a":1,"b":2}""", "$.b: the property 'b' is not allowed")]
    [InlineData("""{"additionalProperties":{"type":"string"}}""", """{"b":2}""", "$.b: expected string, got integer")]
    [InlineData("""{"oneOf":[{"type":"number"},{"type":"integer"}]}""", "1", "$: matches 2 of the oneOf schemas; exactly one is allowed")]
    [InlineData("""{"$defs":{"p":{"type":"string"}},"items":{"$ref":"#/$defs/p"}}""", "[1]", "$[0]: expected string, got integer")]
    [InlineData("""{"$ref":"#/$defs/missing"}""", "1", "$: the schema reference '#/$defs/missing' cannot be resolved")]
    [InlineData("false", "1", "$: no value is allowed here")]
    [InlineData("""{"uniqueItems":true}""", "[1,2,1]", "$[2]: duplicates item 0")]
    public void Invalid_values_report_the_path_and_the_reason(string schema, string value, string expected)
    {
        var errors = JsonSchemaValidator.Validate(Fake.Json(schema), Fake.Json(value));

        Assert.Equal(expected, Assert.Single(errors).ToString());
    }

    [Fact]
    public void Any_of_failures_summarize_each_branch()
    {
        var errors = JsonSchemaValidator.Validate(Fake.Json("""{"anyOf":[{"type":"string"},{"type":"object","required":["id"]}]}"""), Fake.Json("{}"));

        var error = Assert.Single(errors);
        Assert.Contains("matches none of the anyOf schemas", error.Message, StringComparison.Ordinal);
        Assert.Contains("'id' is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_of_a_value_is_reported()
    {
        var schema = Fake.Json("""{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":0}},"required":["name","age","email"]}""");

        var errors = JsonSchemaValidator.Validate(schema, Fake.Json("""{"name":7,"age":-1}"""));

        Assert.Equal(
            ["$: the required property 'email' is missing", "$.name: expected string, got integer", "$.age: -1 is less than the minimum 0"],
            errors.Select(e => e.ToString()));
        Assert.False(JsonSchemaValidator.IsValid(schema, Fake.Json("{}")));
    }

    [Fact]
    public void A_recursive_schema_validates_nested_values()
    {
        var schema = Fake.Json("""{"$defs":{"node":{"type":"object","properties":{"children":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["name"]}},"$ref":"#/$defs/node"}""");

        var errors = JsonSchemaValidator.Validate(schema, Fake.Json("""{"name":"a","children":[{"name":"b","children":[{}]}]}"""));

        Assert.Equal("$.children[0].children[0]: the required property 'name' is missing", Assert.Single(errors).ToString());
    }
}
