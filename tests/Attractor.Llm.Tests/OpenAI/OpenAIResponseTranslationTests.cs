// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm.FakeProvider;
using static Attractor.Llm.Tests.OpenAI.OpenAITestSupport;

namespace Attractor.Llm.Tests.OpenAI;

public sealed class OpenAIResponseTranslationTests
{
    [Fact]
    public async Task A_text_response_maps_text_reasoning_usage_finish_reason_and_rate_limits()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("responses-text.json")) with
        {
            Headers = new Dictionary<string, string>
            {
                ["x-ratelimit-limit-requests"] = "10000",
                ["x-ratelimit-remaining-requests"] = "9999",
                ["x-ratelimit-limit-tokens"] = "30000000",
                ["x-ratelimit-remaining-tokens"] = "29998464",
                ["x-ratelimit-reset-requests"] = "6ms",
            },
        });
        using var adapter = Adapter(server);

        var response = await adapter.CompleteAsync(Ask());

        Assert.Equal("resp_67ccd3a9da748190baa7f1570fe91ac604becb25c45c1d41", response.Id);
        Assert.Equal("gpt-5.2-2025-12-11", response.Model);
        Assert.Equal("openai", response.Provider);
        Assert.Equal(Role.Assistant, response.Message.Role);
        Assert.Equal("Hello! How can I help you today?", response.Text);
        Assert.Equal("**Answering the greeting**\n\nThe user says hello; reply briefly.", response.Reasoning);
        Assert.Equal([ContentKind.Thinking, ContentKind.Text], response.Message.Content.Select(p => p.Kind));
        Assert.Equal("openai", response.Message.Content[0].Thinking!.Provider);
        Assert.Equal("rs_67ccd3a9e1c48190a0c1d9b1e2f3a4b504becb25c45c1d41", response.Message.Content[0].Thinking!.Id);
        Assert.Null(response.Message.Content[0].Thinking!.Signature);
        Assert.Equal(new FinishReason(FinishReason.Stop, "completed"), response.FinishReason);
        Assert.Equal(1536, response.Usage.InputTokens);
        Assert.Equal(148, response.Usage.OutputTokens);
        Assert.Equal(1684, response.Usage.TotalTokens);
        Assert.Equal(128, response.Usage.ReasoningTokens);
        Assert.Equal(1024, response.Usage.CacheReadTokens);
        Assert.Null(response.Usage.CacheWriteTokens);
        Assert.Equal(1536, response.Usage.Raw!.Value.GetProperty("input_tokens").GetInt32());
        Assert.Equal("completed", response.Raw!.Value.GetProperty("status").GetString());
        Assert.Equal(9999, response.RateLimit!.RequestsRemaining);
        Assert.Equal(10000, response.RateLimit.RequestsLimit);
        Assert.Equal(29998464, response.RateLimit.TokensRemaining);
        Assert.NotNull(response.RateLimit.ResetAt);
        Assert.Empty(response.ToolCalls);
    }

    [Fact]
    public async Task Parallel_function_calls_map_to_tool_calls_with_call_ids_and_the_tool_calls_finish_reason()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("responses-tool-calls.json")));
        using var adapter = Adapter(server);

        var response = await adapter.CompleteAsync(Ask("Weather in Paris and Bogotá?"));

        Assert.Equal(FinishReason.ToolCalls, response.FinishReason.Reason);
        Assert.Equal(["call_12345xyz", "call_67890abc"], response.ToolCalls.Select(c => c.Id));
        Assert.All(response.ToolCalls, c => Assert.Equal("get_weather", c.Name));
        Assert.Equal("Bogotá, Colombia", response.ToolCalls[1].Arguments.GetProperty("location").GetString());
        Assert.Equal("{\"location\":\"Paris, France\"}", response.ToolCalls[0].RawArguments);
        Assert.Equal(0, response.Usage.ReasoningTokens);
    }

    [Fact]
    public async Task An_incomplete_response_cut_at_max_output_tokens_is_length()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("responses-incomplete.json")));
        using var adapter = Adapter(server);

        var response = await adapter.CompleteAsync(Ask() with { MaxTokens = 64 });

        Assert.Equal(new FinishReason(FinishReason.Length, "max_output_tokens"), response.FinishReason);
        Assert.Equal("Photosynthesis is the process by which", response.Text);
        Assert.Null(response.Reasoning);
        Assert.Equal(56, response.Usage.ReasoningTokens);
    }

    [Fact]
    public async Task A_tool_call_round_trip_sends_function_call_and_function_call_output_items_back()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("responses-tool-calls.json")), FakeResponse.Json(Fixture("responses-text.json")));
        using var adapter = Adapter(server);
        var messages = new List<Message> { Message.User("Weather in Paris and Bogotá?") };

        var first = await adapter.CompleteAsync(Ask() with { Messages = messages });
        messages.Add(first.Message);
        messages.AddRange(first.ToolCalls.Select(c => Message.ToolResult(c.Id, $"sunny in {c.Arguments.GetProperty("location").GetString()}")));
        var second = await adapter.CompleteAsync(Ask() with { Messages = messages });

        Assert.Equal("Hello! How can I help you today?", second.Text);
        var input = server.Requests[1].Json.GetProperty("input").EnumerateArray().ToList();
        Assert.Equal(["message", "function_call", "function_call", "function_call_output", "function_call_output"], input.Select(i => i.GetProperty("type").GetString()));
        Assert.Equal("call_12345xyz", input[1].GetProperty("call_id").GetString());
        Assert.Equal("{\"location\":\"Bogotá, Colombia\"}", input[2].GetProperty("arguments").GetString());
        Assert.Equal("call_67890abc", input[4].GetProperty("call_id").GetString());
        Assert.Equal("sunny in Bogotá, Colombia", input[4].GetProperty("output").GetString());
    }

    [Fact]
    public async Task Encrypted_reasoning_round_trips_and_other_reasoning_is_not_sent()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("responses-reasoning-encrypted.json")), FakeResponse.Json(Fixture("responses-text.json")));
        using var adapter = Adapter(server);
        var options = new System.Text.Json.Nodes.JsonObject
        {
            ["openai"] = new System.Text.Json.Nodes.JsonObject { ["store"] = false, ["include"] = new System.Text.Json.Nodes.JsonArray("reasoning.encrypted_content") },
        };
        var messages = new List<Message> { Message.User("Weather in Paris?") };

        var first = await adapter.CompleteAsync(Ask() with { Messages = messages, ProviderOptions = options });
        messages.Add(first.Message);
        messages.Add(Message.ToolResult("call_Rk2Lm3Nn4Oo5Pp6Qq7", "sunny"));
        messages.Add(new Message(Role.Assistant,
        [
            ContentPart.FromThinking(new ThinkingData("Claude's thoughts", "anthropic-signature") { Provider = "anthropic" }),
            ContentPart.FromThinking(new ThinkingData("unencrypted summary") { Provider = "openai", Id = "rs_unstored" }),
            ContentPart.FromText("It is sunny."),
        ]));
        messages.Add(Message.User("Thanks"));
        await adapter.CompleteAsync(Ask() with { Messages = messages, ProviderOptions = options });

        Assert.Equal([ContentKind.Thinking, ContentKind.ToolCall, ContentKind.RedactedThinking], first.Message.Content.Select(p => p.Kind));
        Assert.Equal("**Checking the weather**\n\nI need the weather tool for Paris.", first.Reasoning);
        var thinking = first.Message.Content[0].Thinking!;
        Assert.Equal(("openai", "rs_68f1b2c4e5f68193b2c3d4e5f6071829", "gAAAAABo8bLE-encrypted-reasoning-blob-1=="), (thinking.Provider, thinking.Id, thinking.Signature));

        var input = server.Requests[1].Json.GetProperty("input").EnumerateArray().ToList();
        Assert.Equal(
            ["message", "reasoning", "function_call", "reasoning", "function_call_output", "message", "message"],
            input.Select(i => i.GetProperty("type").GetString()));
        Assert.Equal("rs_68f1b2c4e5f68193b2c3d4e5f6071829", input[1].GetProperty("id").GetString());
        Assert.Equal("gAAAAABo8bLE-encrypted-reasoning-blob-1==", input[1].GetProperty("encrypted_content").GetString());
        Assert.Equal(first.Reasoning, input[1].GetProperty("summary")[0].GetProperty("text").GetString());
        Assert.Equal("rs_68f1b2c6071893d4e5f60718293a4b5c", input[3].GetProperty("id").GetString());
        Assert.Equal(0, input[3].GetProperty("summary").GetArrayLength());
        Assert.Equal("gAAAAABo8bLG-encrypted-reasoning-blob-2==", input[3].GetProperty("encrypted_content").GetString());
        Assert.Equal("It is sunny.", input[5].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.DoesNotContain("Claude", server.Requests[1].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("rs_unstored", server.Requests[1].Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, "error-401.json", typeof(AuthenticationException), false, "invalid_api_key")]
    [InlineData(404, "error-404-model.json", typeof(NotFoundException), false, "model_not_found")]
    [InlineData(400, "error-400-context.json", typeof(ContextLengthException), false, "context_length_exceeded")]
    [InlineData(429, "error-429.json", typeof(RateLimitException), true, "rate_limit_exceeded")]
    [InlineData(429, "error-429-quota.json", typeof(QuotaExceededException), false, "insufficient_quota")]
    [InlineData(500, "error-500.json", typeof(ServerException), true, "server_error")]
    public async Task Error_bodies_in_openais_format_map_to_the_hierarchy(int status, string fixture, Type expected, bool retryable, string code)
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Error(status, Fixture(fixture), retryAfter: status == 429 ? "2" : null));
        using var adapter = Adapter(server);

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => adapter.CompleteAsync(Ask()));

        Assert.IsType(expected, error);
        Assert.Equal(retryable, error.Retryable);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("openai", error.Provider);
        Assert.Equal(status == 429 ? TimeSpan.FromSeconds(2) : null, error.RetryAfter);
        Assert.NotNull(error.Raw);
    }

    [Fact]
    public async Task The_key_never_appears_in_errors_options_or_adapter_text()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Error(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + Key + ".\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"));
        var options = new OpenAIAdapterOptions { ApiKey = Key, BaseUrl = new Uri(server.BaseUrl, "v1").ToString() };
        using var adapter = new OpenAIAdapter(options);

        var error = await Assert.ThrowsAsync<AuthenticationException>(() => adapter.CompleteAsync(Ask()));

        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Raw!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, options.ToString(), StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, adapter.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void From_environment_reads_the_key_base_url_organization_and_project()
    {
        var environment = new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = Key,
            ["OPENAI_BASE_URL"] = "http://127.0.0.1:1/v1",
            ["OPENAI_ORG_ID"] = "org-1",
            ["OPENAI_PROJECT_ID"] = "proj-1",
        };

        using var adapter = OpenAIAdapter.FromEnvironment(name => environment.GetValueOrDefault(name));

        Assert.NotNull(adapter);
        Assert.Equal("openai", adapter.Name);
        Assert.Null(OpenAIAdapter.FromEnvironment(_ => null));
        Assert.Null(OpenAIAdapter.FromEnvironment(name => name == "OPENAI_API_KEY" ? " " : null));
    }

    [Fact]
    public async Task From_environment_sends_to_the_configured_base_url_with_organization_and_project()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("responses-text.json")));
        var environment = new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = Key,
            ["OPENAI_BASE_URL"] = new Uri(server.BaseUrl, "v1").ToString(),
            ["OPENAI_ORG_ID"] = "org-env",
            ["OPENAI_PROJECT_ID"] = "proj-env",
        };
        using var adapter = OpenAIAdapter.FromEnvironment(name => environment.GetValueOrDefault(name))!;

        await adapter.CompleteAsync(Ask());

        var sent = Assert.Single(server.Requests);
        Assert.Equal("/v1/responses", sent.Path);
        Assert.Equal("org-env", sent.Header("OpenAI-Organization"));
        Assert.Equal("proj-env", sent.Header("OpenAI-Project"));
    }
}
