// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Attractor.Llm.FakeProvider;
using static Attractor.Llm.Tests.Gemini.GeminiTestSupport;

namespace Attractor.Llm.Tests.Gemini;

public sealed class GeminiResponseTranslationTests
{
    private static async Task<Response> CompleteAsync(string fixture, Request? request = null)
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture(fixture)));
        using var adapter = CreateAdapter(server);
        return await adapter.CompleteAsync(request ?? Ask("Hi"));
    }

    [Fact]
    public async Task A_text_response_is_translated_with_usage_model_id_and_raw()
    {
        var response = await CompleteAsync("text-response.json");

        Assert.Equal("Hello! How can I help you today?", response.Text);
        Assert.Equal(Role.Assistant, response.Message.Role);
        Assert.Equal("gemini", response.Provider);
        Assert.Equal("gemini-2.5-flash", response.Model);
        Assert.Equal("mXkqaLyJD8iFz7IPhZ6e0Qk", response.Id);
        Assert.Equal(new FinishReason("stop", "STOP"), response.FinishReason);
        Assert.Equal(12, response.Usage.InputTokens);
        Assert.Equal(9, response.Usage.OutputTokens);
        Assert.Equal(21, response.Usage.TotalTokens);
        Assert.Null(response.Usage.ReasoningTokens);
        Assert.Null(response.Usage.CacheReadTokens);
        Assert.Null(response.Usage.CacheWriteTokens);
        Assert.Equal(12, response.Usage.Raw!.Value.GetProperty("promptTokenCount").GetInt32());
        Assert.Equal("mXkqaLyJD8iFz7IPhZ6e0Qk", response.Raw!.Value.GetProperty("responseId").GetString());
        Assert.Null(response.Reasoning);
        Assert.Empty(response.ToolCalls);
    }

    [Fact]
    public async Task Thoughts_become_thinking_parts_and_usage_counts_thoughts_and_cached_tokens()
    {
        var response = await CompleteAsync("thinking-response.json", Ask("How many r's in strawberry?", "gemini-3-pro-preview") with { ReasoningEffort = "low" });

        Assert.Equal("There are 3 r's in \"strawberry\".", response.Text);
        Assert.Equal("**Counting the letters**\n\nThe word has three r's.", response.Reasoning);
        Assert.Equal(
            [ContentKind.Thinking, ContentKind.Text, GeminiAdapter.ThoughtSignatureKind],
            response.Message.Content.Select(p => p.Kind));
        Assert.Equal("CiQB0e2Kb7pX0sigA/Ex4mPl3==", response.Message.Content[2].Text);
        Assert.Equal(1200, response.Usage.InputTokens);
        Assert.Equal(111, response.Usage.OutputTokens);
        Assert.Equal(100, response.Usage.ReasoningTokens);
        Assert.Equal(1024, response.Usage.CacheReadTokens);
        Assert.Equal(1311, response.Usage.TotalTokens);
    }

    [Fact]
    public async Task Parallel_function_calls_get_distinct_synthetic_ids_and_the_tool_calls_finish_reason()
    {
        var response = await CompleteAsync("parallel-calls-response.json");

        Assert.Equal(new FinishReason("tool_calls", "STOP"), response.FinishReason);
        var calls = response.ToolCalls;
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Matches("^call_[0-9a-f]{32}$", c.Id));
        Assert.NotEqual(calls[0].Id, calls[1].Id);
        Assert.Equal(["get_weather", "get_weather"], calls.Select(c => c.Name));
        Assert.Equal("San Francisco, CA", calls[0].Arguments.GetProperty("location").GetString());
        Assert.Equal("New York, NY", calls[1].Arguments.GetProperty("location").GetString());
        Assert.Equal(
            [ContentKind.ToolCall, GeminiAdapter.ThoughtSignatureKind, ContentKind.ToolCall],
            response.Message.Content.Select(p => p.Kind));
        Assert.Equal(88, response.Usage.OutputTokens);
        Assert.Equal(58, response.Usage.ReasoningTokens);
    }

    [Fact]
    public async Task A_function_call_id_sent_by_gemini_is_kept()
    {
        var response = await CompleteAsync("call-with-id-response.json");

        Assert.Equal("kz7r2m1p", Assert.Single(response.ToolCalls).Id);
    }

    [Fact]
    public async Task Max_tokens_is_length()
    {
        var response = await CompleteAsync("max-tokens-response.json");

        Assert.Equal(new FinishReason("length", "MAX_TOKENS"), response.FinishReason);
        Assert.Equal("Once upon a time, in a land far", response.Text);
    }

    [Fact]
    public async Task A_blocked_prompt_is_an_empty_response_with_the_content_filter_reason()
    {
        var response = await CompleteAsync("blocked-prompt-response.json");

        Assert.Equal(new FinishReason("content_filter", "SAFETY"), response.FinishReason);
        Assert.Empty(response.Message.Content);
        Assert.Equal(8, response.Usage.InputTokens);
        Assert.Equal("SAFETY", response.Raw!.Value.GetProperty("promptFeedback").GetProperty("blockReason").GetString());
    }

    [Theory]
    [InlineData("STOP", false, "stop")]
    [InlineData("STOP", true, "tool_calls")]
    [InlineData("MAX_TOKENS", true, "length")]
    [InlineData("SAFETY", false, "content_filter")]
    [InlineData("RECITATION", false, "content_filter")]
    [InlineData("BLOCKLIST", false, "content_filter")]
    [InlineData("PROHIBITED_CONTENT", false, "content_filter")]
    [InlineData("SPII", false, "content_filter")]
    [InlineData("IMAGE_SAFETY", false, "content_filter")]
    [InlineData("MALFORMED_FUNCTION_CALL", false, "error")]
    [InlineData("UNEXPECTED_TOOL_CALL", false, "error")]
    [InlineData("LANGUAGE", false, "other")]
    [InlineData("OTHER", false, "other")]
    [InlineData("FINISH_REASON_UNSPECIFIED", false, "other")]
    public void Finish_reasons_map_to_the_unified_values(string raw, bool hasToolCalls, string expected)
    {
        Assert.Equal(new FinishReason(expected, raw), GeminiResponseTranslator.MapFinishReason(raw, null, hasToolCalls));
    }

    [Fact]
    public async Task Inline_data_and_unknown_parts_from_the_model_are_kept_and_sent_back_verbatim()
    {
        const string body = """
            {"candidates":[{"content":{"role":"model","parts":[
              {"inlineData":{"mimeType":"image/png","data":"AQID"}},
              {"executableCode":{"language":"PYTHON","code":"print(1)"}},
              {"codeExecutionResult":{"outcome":"OUTCOME_OK","output":"1\n"}}]},"finishReason":"STOP"}],
             "usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":4,"totalTokenCount":7}}
            """;
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(body), FakeResponse.Json(Fixture("text-response.json")));
        using var adapter = CreateAdapter(server);

        var response = await adapter.CompleteAsync(Ask("Draw and compute"));
        await adapter.CompleteAsync(Ask("Draw and compute") with { Messages = [Message.User("Draw and compute"), response.Message, Message.User("Again")] });

        Assert.Equal([ContentKind.Image, GeminiAdapter.RawPartKind, GeminiAdapter.RawPartKind], response.Message.Content.Select(p => p.Kind));
        Assert.Equal(new byte[] { 1, 2, 3 }, response.Message.Content[0].Image!.Data!.Value.ToArray());
        Assert.Equal(string.Empty, response.Id);
        Assert.Equal("gemini-2.5-flash", response.Model);
        Assert.Equal(
            """[{"inlineData":{"mimeType":"image/png","data":"AQID"}},{"executableCode":{"language":"PYTHON","code":"print(1)"}},{"codeExecutionResult":{"outcome":"OUTCOME_OK","output":"1\n"}}]""",
            server.Requests[1].Json.GetProperty("contents")[1].GetProperty("parts").GetRawText());
    }

    [Fact]
    public async Task A_tool_round_trip_maps_synthetic_ids_back_to_function_names_and_keeps_signatures()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("parallel-calls-response.json")), FakeResponse.Json(Fixture("text-response.json")));
        using var adapter = CreateAdapter(server);
        var weather = new ToolDefinition("get_weather", "Weather", Json("""{"type":"object","properties":{"location":{"type":"string"}}}"""));
        var first = Ask("Weather in SF and NY?", "gemini-3-pro-preview") with { Tools = [weather] };

        var response = await adapter.CompleteAsync(first);
        var results = response.ToolCalls.Select(c => Message.ToolResult(c.Id, c.Arguments.GetProperty("location").GetString() + ": sunny"));
        await adapter.CompleteAsync(first with { Messages = [.. first.Messages, response.Message, .. results] });

        var contents = server.Requests[1].Json.GetProperty("contents");
        Assert.Equal(3, contents.GetArrayLength());
        Assert.Equal(
            """{"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"location":"San Francisco, CA"}},"thoughtSignature":"EpYCCpMCAdHtim9sig1=="},{"functionCall":{"name":"get_weather","args":{"location":"New York, NY"}}}]}""",
            contents[1].GetRawText());
        Assert.Equal(
            """{"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"result":"San Francisco, CA: sunny"}}},{"functionResponse":{"name":"get_weather","response":{"result":"New York, NY: sunny"}}}]}""",
            contents[2].GetRawText());
        Assert.DoesNotContain("call_", contents.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gemini_assigned_call_ids_are_sent_back_on_the_call_and_its_response()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("call-with-id-response.json")), FakeResponse.Json(Fixture("text-response.json")));
        using var adapter = CreateAdapter(server);
        var first = Ask("Weather in Paris?", "gemini-3-flash-preview");

        var response = await adapter.CompleteAsync(first);
        var call = Assert.Single(response.ToolCalls);
        await adapter.CompleteAsync(first with { Messages = [.. first.Messages, response.Message, Message.ToolResult(new ToolResultData(call.Id, Json("""{"tempC":21}""")))] });

        var contents = server.Requests[1].Json.GetProperty("contents");
        Assert.Equal("""{"name":"get_weather","args":{"location":"Paris"},"id":"kz7r2m1p"}""", contents[1].GetProperty("parts")[0].GetProperty("functionCall").GetRawText());
        Assert.Equal("""{"name":"get_weather","response":{"tempC":21},"id":"kz7r2m1p"}""", contents[2].GetProperty("parts")[0].GetProperty("functionResponse").GetRawText());
    }

    [Fact]
    public async Task Call_arguments_are_compact_json_with_their_characters_unescaped()
    {
        const string body = """
            {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{
                "city" : "São Paulo",
                "units": ["°C"]}}}]},"finishReason":"STOP"}]}
            """;
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(body));
        using var adapter = CreateAdapter(server);

        var call = Assert.Single((await adapter.CompleteAsync(Ask("Weather?"))).ToolCalls);

        Assert.Equal("""{"city":"São Paulo","units":["°C"]}""", call.RawArguments);
        Assert.Equal("São Paulo", call.Arguments.GetProperty("city").GetString());
    }

    [Fact]
    public void Synthetic_ids_are_recognized_exactly()
    {
        Assert.True(GeminiRequestTranslator.IsSyntheticId("call_" + Guid.NewGuid().ToString("N")));
        Assert.False(GeminiRequestTranslator.IsSyntheticId("call_abc123"));
        Assert.False(GeminiRequestTranslator.IsSyntheticId("toolu_0123456789abcdef0123456789abcdef"));
        Assert.False(GeminiRequestTranslator.IsSyntheticId("call_0123456789ABCDEF0123456789ABCDEF"));
    }

    [Fact]
    public async Task Usage_adds_tool_use_prompt_tokens_to_the_input()
    {
        const string body = """
            {"candidates":[{"content":{"role":"model","parts":[{"text":"Found it."}]},"finishReason":"STOP"}],
             "usageMetadata":{"promptTokenCount":10,"toolUsePromptTokenCount":40,"candidatesTokenCount":3,"thoughtsTokenCount":7,"totalTokenCount":60}}
            """;
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(body));
        using var adapter = CreateAdapter(server);

        var usage = (await adapter.CompleteAsync(Ask("Search"))).Usage;

        Assert.Equal(50, usage.InputTokens);
        Assert.Equal(10, usage.OutputTokens);
        Assert.Equal(60, usage.TotalTokens);
        Assert.Equal(7, usage.ReasoningTokens);
        Assert.Equal(JsonValueKind.Object, usage.Raw!.Value.ValueKind);
    }
}
