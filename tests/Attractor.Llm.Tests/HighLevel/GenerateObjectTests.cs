// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm.Tests.HighLevel;

public sealed class GenerateObjectTests
{
    private const string PersonSchema = """{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},"required":["name","age"]}""";

    [Fact]
    public async Task Generate_object_returns_the_parsed_and_validated_output()
    {
        var adapter = new ScriptedAdapter().Respond(Fake.Text("""{"name":"Alice","age":30}"""));
        using var client = new LlmClient([adapter], "scripted");

        var result = await Llm.GenerateObjectAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "Extract: Alice is 30 years old" }, Fake.Json(PersonSchema));

        Assert.Equal("Alice", result.Output!.Value.GetProperty("name").GetString());
        Assert.Equal(30, result.Output.Value.GetProperty("age").GetInt32());
        Assert.Equal("""{"name":"Alice","age":30}""", result.Text);
        var format = Assert.Single(adapter.Requests).ResponseFormat!;
        Assert.Equal(("json_schema", "output", false), (format.Type, format.SchemaName, format.Strict));
        Assert.Equal(PersonSchema, format.JsonSchema!.Value.GetRawText());
    }

    [Fact]
    public async Task Strict_mode_is_requested_only_for_schemas_inside_the_strict_subset()
    {
        const string strictSchema = """{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}""";
        var adapter = new ScriptedAdapter().Respond(Fake.Text("""{"name":"A"}"""));
        using var client = new LlmClient([adapter], "scripted");

        await Llm.GenerateObjectAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p" }, Fake.Json(strictSchema), "person");

        var format = Assert.Single(adapter.Requests).ResponseFormat!;
        Assert.True(format.Strict);
        Assert.Equal("person", format.SchemaName);
    }

    [Theory]
    [InlineData("```json\n{\"name\":\"Bob\",\"age\":4}\n```")]
    [InlineData("Here you go: {\"name\":\"Bob\",\"age\":4} Hope it helps.")]
    public async Task Json_wrapped_in_a_code_fence_or_prose_is_extracted(string text)
    {
        var adapter = new ScriptedAdapter().Respond(Fake.Text(text));
        using var client = new LlmClient([adapter], "scripted");

        var result = await Llm.GenerateObjectAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p" }, Fake.Json(PersonSchema));

        Assert.Equal("Bob", result.Output!.Value.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Unparsable_output_raises_no_object_generated_and_is_not_retried()
    {
        var adapter = new ScriptedAdapter().Respond(Fake.Text("I'd rather not.")).Respond(Fake.Text("""{"name":"A","age":1}"""));
        using var client = new LlmClient([adapter], "scripted");

        var error = await Assert.ThrowsAsync<NoObjectGeneratedException>(() =>
            Llm.GenerateObjectAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p" }, Fake.Json(PersonSchema)));

        Assert.Equal("I'd rather not.", error.Text);
        Assert.NotNull(error.Response);
        Assert.False(error.Retryable);
        Assert.Single(adapter.Requests);
    }

    [Fact]
    public async Task Output_that_violates_the_schema_raises_no_object_generated_with_the_path()
    {
        var adapter = new ScriptedAdapter().Respond(Fake.Text("""{"name":"Alice","age":"thirty"}"""));
        using var client = new LlmClient([adapter], "scripted");

        var error = await Assert.ThrowsAsync<NoObjectGeneratedException>(() =>
            Llm.GenerateObjectAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p" }, Fake.Json(PersonSchema)));

        Assert.Contains("$.age: expected integer, got string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_llm_call_of_generate_object_is_retried_on_transient_errors()
    {
        var adapter = new ScriptedAdapter().Throw(Fake.Server()).Respond(Fake.Text("""{"name":"A","age":1}"""));
        using var client = new LlmClient([adapter], "scripted");

        var result = await Llm.GenerateObjectAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", TimeProvider = new InstantTimeProvider() }, Fake.Json(PersonSchema));

        Assert.Equal(2, adapter.Requests.Count);
        Assert.Equal("A", result.Output!.Value.GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_typed_overload_derives_the_schema_and_deserializes()
    {
        var adapter = new ScriptedAdapter().Respond(Fake.Text("""{"name":"Alice","age":30,"tags":["x"]}"""));
        using var client = new LlmClient([adapter], "scripted");

        var result = await Llm.GenerateObjectAsync<Person>(new GenerateOptions { Client = client, Model = "m", Prompt = "p" });

        Assert.Equal(("Alice", 30), (result.Output.Name, result.Output.Age));
        Assert.Equal(["x"], result.Output.Tags);
        var schema = Assert.Single(adapter.Requests).ResponseFormat!.JsonSchema!.Value;
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.Equal("integer", schema.GetProperty("properties").GetProperty("age").GetProperty("type").GetString());
        Assert.Equal("Person", adapter.Requests[0].ResponseFormat!.SchemaName);
    }

    [Fact]
    public async Task The_typed_overload_rejects_output_that_does_not_match_the_derived_schema()
    {
        var adapter = new ScriptedAdapter().Respond(Fake.Text("""{"name":"Alice","age":"old","tags":[]}"""));
        using var client = new LlmClient([adapter], "scripted");

        await Assert.ThrowsAsync<NoObjectGeneratedException>(() => Llm.GenerateObjectAsync<Person>(new GenerateOptions { Client = client, Model = "m", Prompt = "p" }));
    }

    [Fact]
    public async Task Stream_object_yields_growing_partial_objects_then_the_validated_object()
    {
        const string schema = """{"type":"object","properties":{"recipes":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}}},"required":["recipes"]}""";
        string[] deltas = ["{\"reci", "pes\": [{\"na", "me\": \"Sou", "p\"}, {\"name\"", ": \"Salad\"}", "]}"];
        var final = Fake.Text(string.Concat(deltas));
        var adapter = new ScriptedAdapter().Stream(Fake.TextEvents(final, deltas));
        using var client = new LlmClient([adapter], "scripted");

        var result = Llm.StreamObjectAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "Five recipes" }, Fake.Json(schema));
        var partials = new List<string>();
        await foreach (var partial in result)
        {
            partials.Add(partial.GetRawText());
        }

        Assert.Equal(
            ["{}", """{"recipes":[{}]}""", """{"recipes":[{"name":"Sou"}]}""", """{"recipes":[{"name":"Soup"},{}]}""", """{"recipes":[{"name":"Soup"},{"name":"Salad"}]}"""],
            partials);
        var complete = await result.ObjectAsync();
        Assert.Equal(2, complete.GetProperty("recipes").GetArrayLength());
        Assert.Equal("json_schema", adapter.Requests[0].ResponseFormat!.Type);
    }

    [Fact]
    public async Task Stream_object_raises_no_object_generated_when_the_final_object_is_invalid()
    {
        var final = Fake.Text("""{"name":1}""");
        var adapter = new ScriptedAdapter().Stream(Fake.TextEvents(final, """{"name":1}"""));
        using var client = new LlmClient([adapter], "scripted");

        var result = Llm.StreamObjectAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p" }, Fake.Json(PersonSchema));

        await Assert.ThrowsAsync<NoObjectGeneratedException>(() => result.ObjectAsync());
    }

    private sealed record Person(string Name, int Age, IReadOnlyList<string> Tags);
}
