// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using Attractor.Llm.Tests.HighLevel;

namespace Attractor.Llm.Tests.Tools;

public sealed class ToolTests
{
    [Fact]
    public void A_tool_with_a_handler_is_active_and_one_without_is_passive()
    {
        var active = Tool.Create("run", "Runs.", """{"type":"object"}""", (_, _) => ValueTask.FromResult<object?>(null));
        var passive = Tool.Passive("ask", "Asks a human.", """{"type":"object"}""");

        Assert.True(active.IsActive);
        Assert.False(passive.IsActive);
        Assert.Equal(("ask", "Asks a human."), (passive.Definition.Name, passive.Definition.Description));
    }

    [Theory]
    [InlineData("1tool")]
    [InlineData("has-dash")]
    [InlineData("")]
    public void Invalid_names_are_rejected_at_definition_time(string name)
    {
        Assert.Throws<ArgumentException>(() => Tool.Passive(name, "d", """{"type":"object"}"""));
    }

    [Fact]
    public void The_parameter_schema_root_must_be_an_object_schema()
    {
        Assert.Throws<ArgumentException>(() => Tool.Passive("t", "d", """{"type":"string"}"""));
    }

    [Fact]
    public void Handler_outputs_become_json_with_strings_kept_as_strings()
    {
        Assert.Equal("\"plain text\"", ToolExecutor.ToJson("plain text").GetRawText());
        Assert.Equal("{\"count\":2,\"items\":[\"a\"]}", ToolExecutor.ToJson(new { Count = 2, Items = new[] { "a" } }).GetRawText());
        Assert.Equal("[1,2]", ToolExecutor.ToJson(new JsonArray(1, 2)).GetRawText());
        Assert.Equal("{\"a\":1}", ToolExecutor.ToJson(Fake.Json("{\"a\":1}")).GetRawText());
        Assert.Equal("42", ToolExecutor.ToJson(42).GetRawText());
        Assert.Equal("null", ToolExecutor.ToJson(null).GetRawText());
    }

    [Fact]
    public async Task A_handler_result_that_cannot_be_serialized_becomes_an_error_result()
    {
        var tool = Tool.Create("bad", "b", """{"type":"object"}""", (_, _) => ValueTask.FromResult<object?>(new IntPtr(1)));
        var call = ToolCall.FromData(new ToolCallData("c1", "bad", "{}"));

        var result = await ToolExecutor.ExecuteAsync(call, new Dictionary<string, Tool> { ["bad"] = tool }, [], null, CancellationToken.None);

        Assert.Equal("c1", result.ToolCallId);
        Assert.True(result.IsError);
    }

    [Fact]
    public async Task An_empty_argument_string_means_no_arguments()
    {
        var tool = Tool.Create("now", "n", """{"type":"object","properties":{}}""", (invocation, _) => ValueTask.FromResult<object?>(invocation.Arguments.GetRawText()));
        var call = ToolCall.FromData(new ToolCallData("c1", "now", string.Empty));

        var result = await ToolExecutor.ExecuteAsync(call, new Dictionary<string, Tool> { ["now"] = tool }, [], null, CancellationToken.None);

        Assert.False(result.IsError);
        Assert.Equal("{}", result.Content.GetString());
    }
}
