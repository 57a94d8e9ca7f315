// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm.FakeProvider;
using static Attractor.Llm.Tests.Anthropic.AnthropicTestSupport;

namespace Attractor.Llm.Tests.Anthropic;

/// <summary>A three-round tool loop through <see cref="Llm.GenerateAsync"/> against a fake Messages API.</summary>
public sealed class AnthropicAgentLoopTests
{
    private static readonly string[] Answers =
    [
        """{"id":"msg_01Round1","type":"message","role":"assistant","model":"claude-opus-4-6","content":[{"type":"text","text":"Let me check both cities."},{"type":"tool_use","id":"toolu_01SF","name":"get_weather","input":{"location":"San Francisco"}},{"type":"tool_use","id":"toolu_01NY","name":"get_weather","input":{"location":"New York"}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":40,"cache_creation_input_tokens":1200,"cache_read_input_tokens":0,"output_tokens":90}}""",
        """{"id":"msg_01Round2","type":"message","role":"assistant","model":"claude-opus-4-6","content":[{"type":"tool_use","id":"toolu_01TIME","name":"get_time","input":{"timezone":"America/New_York"}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":12,"cache_creation_input_tokens":150,"cache_read_input_tokens":1200,"output_tokens":40}}""",
        """{"id":"msg_01Round3","type":"message","role":"assistant","model":"claude-opus-4-6","content":[{"type":"text","text":"San Francisco: 18 C. New York: 7 C, and it is 09:00 there."}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":10,"cache_creation_input_tokens":60,"cache_read_input_tokens":1350,"output_tokens":25}}""",
    ];

    [Fact]
    public async Task Parallel_calls_and_three_rounds_send_results_together_and_keep_cache_breakpoints_stable()
    {
        await using var server = await FakeProviderServer.StartAsync();
        var round = 0;
        server.Responder = _ => FakeResponse.Json(Answers[Math.Min(round++, Answers.Length - 1)]);
        using var client = new LlmClient([CreateAdapter(server)], "anthropic");
        var executed = new List<string>();
        var weather = new Tool(WeatherTool(), (invocation, _) =>
        {
            var location = invocation.Arguments.GetProperty("location").GetString()!;
            lock (executed)
            {
                executed.Add(location);
            }

            return ValueTask.FromResult<object?>(location == "New York" ? "7 C" : "18 C");
        });
        var time = new Tool(TimeTool(), (_, _) => ValueTask.FromResult<object?>("09:00"));

        var result = await Llm.GenerateAsync(new GenerateOptions
        {
            Client = client,
            Model = "claude-opus-4-6",
            System = "You are a weather assistant.",
            Prompt = "What is the weather in San Francisco and New York, and the time in New York?",
            Tools = [weather, time],
            MaxToolRounds = 3,
        });

        Assert.Equal(3, result.Steps.Count);
        Assert.Contains("San Francisco", result.Text, StringComparison.Ordinal);
        Assert.Contains("New York", result.Text, StringComparison.Ordinal);
        Assert.Equal(["New York", "San Francisco"], executed.Order(StringComparer.Ordinal));

        var requests = server.Requests.Select(r => r.Json).ToList();
        Assert.Equal(3, requests.Count);
        var second = requests[1].GetProperty("messages");
        Assert.Equal(["user", "assistant", "user"], second.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        var results = second[2].GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(["toolu_01SF", "toolu_01NY"], results.Select(b => b.GetProperty("tool_use_id").GetString()));
        Assert.All(results, b => Assert.Equal("tool_result", b.GetProperty("type").GetString()));
        Assert.Contains("18 C", results[0].GetProperty("content").ToString(), StringComparison.Ordinal);
        Assert.Contains("7 C", results[1].GetProperty("content").ToString(), StringComparison.Ordinal);
        var third = requests[2].GetProperty("messages");
        Assert.Equal(5, third.GetArrayLength());
        Assert.Equal("toolu_01TIME", third[4].GetProperty("content")[0].GetProperty("tool_use_id").GetString());

        // The block one call marks last is marked again (as the earlier turn) by the next call: the prefix it wrote is read back.
        for (var i = 0; i < 2; i++)
        {
            var (index, block) = LastMarkedUserBlock(requests[i]);
            var next = (JsonObject)JsonNode.Parse(Last(requests[i + 1].GetProperty("messages")[index].GetProperty("content")).GetRawText())!;
            Assert.True(next.ContainsKey("cache_control"));
            Assert.True(JsonNode.DeepEquals(block, next));
            Assert.True(HasCacheControl(Last(requests[i + 1].GetProperty("system"))));
            Assert.True(HasCacheControl(Last(requests[i + 1].GetProperty("tools"))));
        }

        Assert.Equal(1200 + 1350, result.TotalUsage.CacheReadTokens);
        var last = result.Steps[^1].Usage;
        Assert.True(last.CacheReadTokens > last.InputTokens / 2);
    }

    [Fact]
    public async Task Generate_object_gets_the_schema_into_the_system_prompt_and_parses_the_reply()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json("""{"id":"msg_obj","type":"message","role":"assistant","model":"claude-opus-4-6","content":[{"type":"text","text":"{\"name\": \"Alice\", \"age\": 30}"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":80,"output_tokens":12}}"""));
        using var client = new LlmClient([CreateAdapter(server)], "anthropic");
        var schema = Schema("""{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},"required":["name","age"]}""");

        var result = await Llm.GenerateObjectAsync(new GenerateOptions { Client = client, Model = "claude-opus-4-6", Prompt = "Extract: Alice is 30 years old" }, schema);

        Assert.Equal("Alice", result.Output!.Value.GetProperty("name").GetString());
        Assert.Equal(30, result.Output.Value.GetProperty("age").GetInt32());
        var system = Assert.Single(server.Requests).Json.GetProperty("system");
        Assert.Contains(schema.GetRawText(), Last(system).GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement Last(JsonElement array) => array[array.GetArrayLength() - 1];

    private static (int Index, JsonObject Block) LastMarkedUserBlock(JsonElement request)
    {
        var messages = request.GetProperty("messages");
        for (var i = messages.GetArrayLength() - 1; i >= 0; i--)
        {
            if (messages[i].GetProperty("role").GetString() == "user")
            {
                var block = Last(messages[i].GetProperty("content"));
                Assert.True(HasCacheControl(block));
                return (i, (JsonObject)JsonNode.Parse(block.GetRawText())!);
            }
        }

        throw new InvalidOperationException("No user turn.");
    }
}
