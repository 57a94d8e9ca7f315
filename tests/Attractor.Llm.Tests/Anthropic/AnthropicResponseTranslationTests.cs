// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm.FakeProvider;
using static Attractor.Llm.Tests.Anthropic.AnthropicTestSupport;

namespace Attractor.Llm.Tests.Anthropic;

public sealed class AnthropicResponseTranslationTests
{
    [Fact]
    public async Task A_text_response_becomes_a_response_with_usage_including_cache_counts()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("text.json")));
        using var adapter = CreateAdapter(server);

        var response = await adapter.CompleteAsync(Ask());

        Assert.Equal("msg_013Zva2CMHLNnXjNJJKqJ2EF", response.Id);
        Assert.Equal("claude-opus-4-6", response.Model);
        Assert.Equal("anthropic", response.Provider);
        Assert.Equal(Role.Assistant, response.Message.Role);
        Assert.Equal("Hello! How can I help you today?", response.Text);
        Assert.Equal(new FinishReason(FinishReason.Stop, "end_turn"), response.FinishReason);
        Assert.Equal(12 + 2051 + 4102, response.Usage.InputTokens);
        Assert.Equal(12, response.Usage.OutputTokens);
        Assert.Equal(12 + 2051 + 4102 + 12, response.Usage.TotalTokens);
        Assert.Equal(4102, response.Usage.CacheReadTokens);
        Assert.Equal(2051, response.Usage.CacheWriteTokens);
        Assert.Null(response.Usage.ReasoningTokens);
        Assert.Equal("standard", response.Usage.Raw!.Value.GetProperty("service_tier").GetString());
        Assert.Equal("msg_013Zva2CMHLNnXjNJJKqJ2EF", response.Raw!.Value.GetProperty("id").GetString());
        Assert.Empty(response.ToolCalls);
        Assert.Null(response.Reasoning);
    }

    [Fact]
    public async Task Usage_without_cache_fields_leaves_the_cache_counts_null()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json("""{"id":"msg_1","type":"message","role":"assistant","model":"claude-opus-4-6","content":[{"type":"text","text":"Hi"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":3}}"""));
        using var adapter = CreateAdapter(server);

        var response = await adapter.CompleteAsync(Ask());

        Assert.Equal(10, response.Usage.InputTokens);
        Assert.Equal(13, response.Usage.TotalTokens);
        Assert.Null(response.Usage.CacheReadTokens);
        Assert.Null(response.Usage.CacheWriteTokens);
    }

    [Fact]
    public async Task A_tool_use_response_yields_tool_calls_with_raw_arguments()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("tool_use.json")));
        using var adapter = CreateAdapter(server);

        var response = await adapter.CompleteAsync(Ask("Weather in SF?") with { Tools = [WeatherTool()] });

        Assert.Equal(new FinishReason(FinishReason.ToolCalls, "tool_use"), response.FinishReason);
        Assert.Equal("Okay, let's check the weather for San Francisco, CA:", response.Text);
        var call = Assert.Single(response.ToolCalls);
        Assert.Equal("toolu_01T1x1fJ34qAmk2tNTrN7Up6", call.Id);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("San Francisco, CA", call.Arguments.GetProperty("location").GetString());
        Assert.Equal("fahrenheit", call.Arguments.GetProperty("unit").GetString());
        Assert.Equal("""{"location": "San Francisco, CA", "unit": "fahrenheit"}""", call.RawArguments);
    }

    [Fact]
    public async Task Thinking_blocks_become_reasoning_parts_with_signature_and_an_estimated_token_count()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("thinking.json")));
        using var adapter = CreateAdapter(server);

        var response = await adapter.CompleteAsync(Ask("What is 27 * 453?"));

        using var fixture = JsonDocument.Parse(Fixture("thinking.json"));
        var thinkingText = fixture.RootElement.GetProperty("content")[0].GetProperty("thinking").GetString()!;
        var parts = response.Message.Content;
        Assert.Equal([ContentKind.Thinking, ContentKind.RedactedThinking, ContentKind.Text], parts.Select(p => p.Kind));
        Assert.Equal(thinkingText, parts[0].Thinking!.Text);
        Assert.Equal("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds4iXM5l7pkGtOsr5vyjQ9yH4SeGvmZAb", parts[0].Thinking!.Signature);
        Assert.True(parts[1].Thinking!.Redacted);
        Assert.All(parts.Take(2), p => Assert.Equal("anthropic", p.Thinking!.Provider));
        Assert.Equal("EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB5URj", parts[1].Thinking!.Text);
        Assert.Equal(thinkingText, response.Reasoning);
        Assert.Equal("27 * 453 = 12,231", response.Text);
        Assert.Equal((thinkingText.Length + 3) / 4, response.Usage.ReasoningTokens);
        Assert.Equal(310, response.Usage.OutputTokens);
    }

    [Fact]
    public void The_reasoning_estimate_rounds_up_and_never_exceeds_the_output_tokens()
    {
        Assert.Equal(1, AnthropicResponseTranslator.EstimateReasoningTokens(1, 100));
        Assert.Equal(3, AnthropicResponseTranslator.EstimateReasoningTokens(12, 100));
        Assert.Equal(4, AnthropicResponseTranslator.EstimateReasoningTokens(13, 100));
        Assert.Equal(50, AnthropicResponseTranslator.EstimateReasoningTokens(1000, 50));
    }

    [Theory]
    [InlineData("end_turn", FinishReason.Stop)]
    [InlineData("stop_sequence", FinishReason.Stop)]
    [InlineData("max_tokens", FinishReason.Length)]
    [InlineData("model_context_window_exceeded", FinishReason.Length)]
    [InlineData("tool_use", FinishReason.ToolCalls)]
    [InlineData("refusal", FinishReason.ContentFilter)]
    [InlineData("pause_turn", FinishReason.Other)]
    public async Task Stop_reasons_map_to_unified_finish_reasons_keeping_the_raw_value(string raw, string expected)
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json($$$"""{"id":"msg_1","type":"message","role":"assistant","model":"claude-opus-4-6","content":[{"type":"text","text":"x"}],"stop_reason":"{{{raw}}}","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}"""));
        using var adapter = CreateAdapter(server);

        var response = await adapter.CompleteAsync(Ask());

        Assert.Equal(new FinishReason(expected, raw), response.FinishReason);
    }

    [Fact]
    public async Task Rate_limit_headers_are_reported()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("text.json")) with
        {
            Headers = new Dictionary<string, string>
            {
                ["anthropic-ratelimit-requests-limit"] = "50",
                ["anthropic-ratelimit-requests-remaining"] = "49",
                ["anthropic-ratelimit-requests-reset"] = "2026-12-01T10:00:30Z",
                ["anthropic-ratelimit-tokens-limit"] = "80000",
                ["anthropic-ratelimit-tokens-remaining"] = "79000",
            },
        });
        using var adapter = CreateAdapter(server);

        var response = await adapter.CompleteAsync(Ask());

        Assert.NotNull(response.RateLimit);
        Assert.Equal(50, response.RateLimit.RequestsLimit);
        Assert.Equal(49, response.RateLimit.RequestsRemaining);
        Assert.Equal(80000, response.RateLimit.TokensLimit);
        Assert.Equal(79000, response.RateLimit.TokensRemaining);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 30, TimeSpan.Zero), response.RateLimit.ResetAt);
    }

    [Fact]
    public async Task Unknown_content_blocks_are_kept_as_custom_parts_and_sent_back_verbatim()
    {
        const string ServerToolUse = """{"type":"server_tool_use","id":"srvtoolu_014hJH82Qum7Td6UV8gDXThB","name":"web_search","input":{"query":"weather NYC today"}}""";
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(
            FakeResponse.Json($$$"""{"id":"msg_1","type":"message","role":"assistant","model":"claude-opus-4-6","content":[{{{ServerToolUse}}},{"type":"text","text":"It is sunny."}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}"""),
            FakeResponse.Json(Fixture("text.json")));
        using var adapter = CreateAdapter(server, autoCache: false);

        var first = await adapter.CompleteAsync(Ask());
        await adapter.CompleteAsync(Ask() with { Messages = [Message.User("Weather?"), first.Message, Message.User("Thanks")] });

        Assert.Equal(new ContentKind("server_tool_use"), first.Message.Content[0].Kind);
        Assert.Equal("It is sunny.", first.Text);
        var replayed = server.Requests[1].Json.GetProperty("messages")[1].GetProperty("content")[0];
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ServerToolUse), JsonNode.Parse(replayed.GetRawText())));
    }

    [Fact]
    public async Task The_adapter_works_behind_the_client()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("text.json")));
        using var client = new LlmClient([CreateAdapter(server)]);

        var response = await client.CompleteAsync(Ask() with { Provider = "anthropic" });

        Assert.Equal("Hello! How can I help you today?", response.Text);
    }
}
