// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm.FakeProvider;
using static Attractor.Llm.Tests.Anthropic.AnthropicTestSupport;

namespace Attractor.Llm.Tests.Anthropic;

public sealed class AnthropicRequestTranslationTests
{
    [Fact]
    public async Task Posts_to_messages_with_the_key_version_and_json_body()
    {
        var (sent, _) = await SendAsync(Ask());

        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v1/messages", sent.Path);
        Assert.Equal(Key, sent.Header("x-api-key"));
        Assert.Equal("2023-06-01", sent.Header("anthropic-version"));
        Assert.Null(sent.Header("authorization"));
        Assert.StartsWith("application/json", sent.Header("content-type"), StringComparison.Ordinal);
        var body = sent.Json;
        Assert.Equal("claude-opus-4-6", body.GetProperty("model").GetString());
        Assert.Equal(4096, body.GetProperty("max_tokens").GetInt32());
        Assert.False(body.TryGetProperty("stream", out _));
        Assert.False(body.TryGetProperty("system", out _));
        var message = Assert.Single(body.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
        Assert.Equal("Hello", message.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Beta_headers_from_provider_options_are_joined_with_the_caching_flag()
    {
        var request = Ask() with
        {
            ProviderOptions = new JsonObject
            {
                ["anthropic"] = new JsonObject { ["beta_headers"] = new JsonArray("interleaved-thinking-2025-05-14", "token-efficient-tools-2025-02-19") },
            },
        };

        var (sent, _) = await SendAsync(request);

        Assert.Equal("interleaved-thinking-2025-05-14,token-efficient-tools-2025-02-19,prompt-caching-2024-07-31", sent.Header("anthropic-beta"));
        Assert.False(sent.Json.TryGetProperty("beta_headers", out _));
    }

    [Fact]
    public async Task Default_headers_are_sent_and_a_configured_beta_is_kept_alongside_the_request_betas()
    {
        var headers = new Dictionary<string, string> { ["x-trace"] = "abc", ["anthropic-beta"] = "files-api-2025-04-14", ["x-api-key"] = "not-this-one" };

        var (sent, _) = await SendAsync(Ask(), defaultHeaders: headers);

        Assert.Equal("abc", sent.Header("x-trace"));
        Assert.Equal(Key, sent.Header("x-api-key"));
        Assert.Equal("files-api-2025-04-14,prompt-caching-2024-07-31", sent.Header("anthropic-beta"));
    }

    [Fact]
    public async Task All_five_roles_translate_with_system_extraction_and_strict_alternation()
    {
        var request = new Request
        {
            Model = "claude-opus-4-6",
            Messages =
            [
                Message.System("You are terse."),
                Message.User("What's the weather in Paris?"),
                Message.Developer("Always use metric units."),
                Message.User("And be quick."),
                new Message(Role.Assistant, [ContentPart.FromText("Checking."), ContentPart.FromToolCall(new ToolCallData("toolu_1", "get_weather", """{"location":"Paris"}"""))]),
                Message.ToolResult("toolu_1", "18 C, sunny"),
                Message.User("Thanks! Anything else?"),
                Message.Assistant("No."),
                Message.Assistant("That's all."),
            ],
            Tools = [WeatherTool()],
        };

        var (sent, _) = await SendAsync(request, autoCache: false);
        var body = sent.Json;

        var system = body.GetProperty("system").EnumerateArray().ToList();
        Assert.Equal(["You are terse.", "Always use metric units."], system.Select(b => b.GetProperty("text").GetString()));
        Assert.All(system, b => Assert.Equal("text", b.GetProperty("type").GetString()));

        var messages = body.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["user", "assistant", "user", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));

        var firstUser = messages[0].GetProperty("content").EnumerateArray().Select(b => b.GetProperty("text").GetString()).ToList();
        Assert.Equal(["What's the weather in Paris?", "And be quick."], firstUser);

        var assistant = messages[1].GetProperty("content");
        Assert.Equal("text", assistant[0].GetProperty("type").GetString());
        Assert.Equal("tool_use", assistant[1].GetProperty("type").GetString());
        Assert.Equal("toolu_1", assistant[1].GetProperty("id").GetString());
        Assert.Equal("get_weather", assistant[1].GetProperty("name").GetString());
        Assert.Equal("Paris", assistant[1].GetProperty("input").GetProperty("location").GetString());

        var toolTurn = messages[2].GetProperty("content");
        Assert.Equal("tool_result", toolTurn[0].GetProperty("type").GetString());
        Assert.Equal("toolu_1", toolTurn[0].GetProperty("tool_use_id").GetString());
        Assert.Equal("18 C, sunny", toolTurn[0].GetProperty("content").GetString());
        Assert.False(toolTurn[0].TryGetProperty("is_error", out _));
        Assert.Equal("Thanks! Anything else?", toolTurn[1].GetProperty("text").GetString());

        Assert.Equal(["No.", "That's all."], messages[3].GetProperty("content").EnumerateArray().Select(b => b.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Tool_results_go_first_in_a_merged_user_turn_and_carry_errors_and_structured_content()
    {
        using var structured = JsonDocument.Parse("""[{"type":"text","text":"line 1"},{"type":"text","text":"line 2"}]""");
        using var json = JsonDocument.Parse("""{"temperature":18}""");
        var request = new Request
        {
            Model = "claude-opus-4-6",
            Messages =
            [
                Message.User("Go."),
                new Message(Role.Assistant, [
                    ContentPart.FromToolCall(new ToolCallData("toolu_a", "get_weather", "{}")),
                    ContentPart.FromToolCall(new ToolCallData("toolu_b", "get_weather", "{}")),
                    ContentPart.FromToolCall(new ToolCallData("toolu_c", "get_weather", "")),
                ]),
                Message.User("(note before the results)"),
                Message.ToolResult("toolu_a", "boom", isError: true),
                Message.ToolResult(new ToolResultData("toolu_b", structured.RootElement.Clone())),
                Message.ToolResult(new ToolResultData("toolu_c", json.RootElement.Clone())),
            ],
            Tools = [WeatherTool()],
        };

        var (sent, _) = await SendAsync(request, autoCache: false);
        var messages = sent.Json.GetProperty("messages");

        Assert.Equal(3, messages.GetArrayLength());
        Assert.Equal(JsonValueKind.Object, messages[1].GetProperty("content")[2].GetProperty("input").ValueKind);
        var turn = messages[2].GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(["tool_result", "tool_result", "tool_result", "text"], turn.Select(b => b.GetProperty("type").GetString()));
        Assert.True(turn[0].GetProperty("is_error").GetBoolean());
        Assert.Equal("boom", turn[0].GetProperty("content").GetString());
        Assert.Equal(JsonValueKind.Array, turn[1].GetProperty("content").ValueKind);
        Assert.Equal("line 2", turn[1].GetProperty("content")[1].GetProperty("text").GetString());
        Assert.Equal("""{"temperature":18}""", turn[2].GetProperty("content").GetString());
        Assert.Equal("(note before the results)", turn[3].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_tool_message_with_plain_text_becomes_a_tool_result_for_its_call()
    {
        var request = Ask() with
        {
            Messages =
            [
                Message.User("Compute."),
                new Message(Role.Assistant, [ContentPart.FromToolCall(new ToolCallData("toolu_9", "get_time", "{}"))]),
                new Message(Role.Tool, [ContentPart.FromText("09:00")]) { ToolCallId = "toolu_9", Name = "get_time" },
            ],
            Tools = [TimeTool()],
        };

        var (sent, _) = await SendAsync(request, autoCache: false);
        var block = sent.Json.GetProperty("messages")[2].GetProperty("content")[0];

        Assert.Equal("tool_result", block.GetProperty("type").GetString());
        Assert.Equal("toolu_9", block.GetProperty("tool_use_id").GetString());
        Assert.Equal("09:00", block.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Images_are_sent_as_url_base64_and_local_file_sources()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        var path = Path.Combine(Path.GetTempPath(), $"anthropic-test-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(path, png);
        try
        {
            var request = Ask() with
            {
                Messages =
                [
                    Message.User(
                        ContentPart.FromText("Compare these."),
                        ContentPart.FromImage(new ImageData("https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg")),
                        ContentPart.FromImage(new ImageData(png, "image/png")),
                        ContentPart.FromImage(new ImageData(path)),
                        ContentPart.FromImage(new ImageData("data:image/jpeg;base64,/9j/4AAQ"))),
                ],
            };

            var (sent, _) = await SendAsync(request, autoCache: false);
            var content = sent.Json.GetProperty("messages")[0].GetProperty("content");

            Assert.Equal("text", content[0].GetProperty("type").GetString());
            var url = content[1].GetProperty("source");
            Assert.Equal("url", url.GetProperty("type").GetString());
            Assert.Equal("https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg", url.GetProperty("url").GetString());
            foreach (var i in new[] { 2, 3 })
            {
                Assert.Equal("image", content[i].GetProperty("type").GetString());
                var source = content[i].GetProperty("source");
                Assert.Equal("base64", source.GetProperty("type").GetString());
                Assert.Equal("image/png", source.GetProperty("media_type").GetString());
                Assert.Equal(Convert.ToBase64String(png), source.GetProperty("data").GetString());
            }

            var dataUrl = content[4].GetProperty("source");
            Assert.Equal("base64", dataUrl.GetProperty("type").GetString());
            Assert.Equal("image/jpeg", dataUrl.GetProperty("media_type").GetString());
            Assert.Equal("/9j/4AAQ", dataUrl.GetProperty("data").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Documents_are_sent_as_pdf_base64_url_and_plain_text_sources()
    {
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4 minimal");
        var request = Ask() with
        {
            Messages =
            [
                Message.User(
                    ContentPart.FromDocument(new DocumentData(pdf, "application/pdf", "report.pdf")),
                    ContentPart.FromDocument(new DocumentData("https://assets.anthropic.com/m/1cd9d098ac3e6467/original/Claude-3-Model-Card-October-Addendum.pdf")),
                    ContentPart.FromDocument(new DocumentData(Encoding.UTF8.GetBytes("plain notes"), "text/plain")),
                    ContentPart.FromText("Summarize.")),
            ],
        };

        var (sent, _) = await SendAsync(request, autoCache: false);
        var content = sent.Json.GetProperty("messages")[0].GetProperty("content");

        Assert.Equal("document", content[0].GetProperty("type").GetString());
        Assert.Equal("report.pdf", content[0].GetProperty("title").GetString());
        Assert.Equal("application/pdf", content[0].GetProperty("source").GetProperty("media_type").GetString());
        Assert.Equal(Convert.ToBase64String(pdf), content[0].GetProperty("source").GetProperty("data").GetString());
        Assert.Equal("url", content[1].GetProperty("source").GetProperty("type").GetString());
        Assert.Equal("text", content[2].GetProperty("source").GetProperty("type").GetString());
        Assert.Equal("plain notes", content[2].GetProperty("source").GetProperty("data").GetString());
    }

    [Fact]
    public async Task Audio_is_rejected_before_anything_is_sent()
    {
        await using var server = await FakeProviderServer.StartAsync();
        using var adapter = CreateAdapter(server);
        var request = Ask() with { Messages = [Message.User(ContentPart.FromAudio(new AudioData(new byte[] { 1, 2 }, "audio/wav")))] };

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => adapter.CompleteAsync(request));

        Assert.Contains("audio", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(error.Retryable);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData(ToolChoiceMode.Auto, """{"type":"auto"}""")]
    [InlineData(ToolChoiceMode.Required, """{"type":"any"}""")]
    [InlineData(ToolChoiceMode.Named, """{"type":"tool","name":"get_time"}""")]
    public async Task Tools_are_sent_with_the_mapped_tool_choice(ToolChoiceMode mode, string expected)
    {
        var choice = mode switch
        {
            ToolChoiceMode.Required => ToolChoice.Required,
            ToolChoiceMode.Named => ToolChoice.Named("get_time"),
            _ => ToolChoice.Auto,
        };
        var request = Ask() with { Tools = [WeatherTool(), TimeTool()], ToolChoice = choice };

        var (sent, _) = await SendAsync(request, autoCache: false);
        var body = sent.Json;

        var tools = body.GetProperty("tools");
        Assert.Equal(2, tools.GetArrayLength());
        Assert.Equal("get_weather", tools[0].GetProperty("name").GetString());
        Assert.Equal("Get the current weather in a given location", tools[0].GetProperty("description").GetString());
        Assert.Equal("object", tools[0].GetProperty("input_schema").GetProperty("type").GetString());
        Assert.Equal("location", tools[0].GetProperty("input_schema").GetProperty("required")[0].GetString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(body.GetProperty("tool_choice").GetRawText())));
    }

    [Fact]
    public async Task Tool_choice_none_omits_the_tools_entirely()
    {
        var request = Ask() with { Tools = [WeatherTool()], ToolChoice = ToolChoice.None };

        var (sent, _) = await SendAsync(request);

        Assert.False(sent.Json.TryGetProperty("tools", out _));
        Assert.False(sent.Json.TryGetProperty("tool_choice", out _));
    }

    [Fact]
    public async Task Tool_choice_none_with_tool_blocks_in_the_history_keeps_the_tools_and_sends_type_none()
    {
        var request = Ask() with
        {
            Messages =
            [
                Message.User("Weather?"),
                new Message(Role.Assistant, [ContentPart.FromToolCall(new ToolCallData("toolu_1", "get_weather", """{"location":"Oslo"}"""))]),
                Message.ToolResult("toolu_1", "-3 C"),
            ],
            Tools = [WeatherTool()],
            ToolChoice = ToolChoice.None,
        };

        var (sent, _) = await SendAsync(request);

        Assert.Equal(1, sent.Json.GetProperty("tools").GetArrayLength());
        Assert.Equal("none", sent.Json.GetProperty("tool_choice").GetProperty("type").GetString());
    }

    [Fact]
    public void The_adapter_supports_every_tool_choice_mode()
    {
        using var adapter = new AnthropicAdapter(new AnthropicAdapterOptions { ApiKey = Key });

        Assert.All(Enum.GetValues<ToolChoiceMode>(), mode => Assert.True(adapter.SupportsToolChoice(mode)));
    }

    [Fact]
    public async Task Thinking_and_redacted_thinking_round_trip_verbatim_and_unsigned_or_foreign_thinking_is_dropped_with_a_warning()
    {
        const string Signature = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds4iXM5l7pkGtOsr5vyjQ9yH4SeGvmZAb";
        const string Redacted = "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB5URj";
        var request = Ask() with
        {
            Messages =
            [
                Message.User("What is 27 * 453?"),
                new Message(Role.Assistant, [
                    ContentPart.FromThinking(new ThinkingData("Let me solve this step by step:\n\n1. 27 * 453", Signature)),
                    ContentPart.FromThinking(new ThinkingData(Redacted, null, Redacted: true)),
                    ContentPart.FromThinking(new ThinkingData("unsigned reasoning")),
                    ContentPart.FromThinking(new ThinkingData("OpenAI's reasoning summary", "gAAAAABoEncryptedReasoningContent") { Provider = "openai" }),
                    ContentPart.FromThinking(new ThinkingData("Gemini's thought", "CiQBThoughtSignature") { Provider = "gemini" }),
                    ContentPart.FromText("27 * 453 = 12,231"),
                ]),
                Message.User("Now divide by 3."),
            ],
        };

        var (sent, response) = await SendAsync(request);
        var assistant = sent.Json.GetProperty("messages")[1].GetProperty("content").EnumerateArray().ToList();

        Assert.Equal(["thinking", "redacted_thinking", "text"], assistant.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("Let me solve this step by step:\n\n1. 27 * 453", assistant[0].GetProperty("thinking").GetString());
        Assert.Equal(Signature, assistant[0].GetProperty("signature").GetString());
        Assert.Equal(Redacted, assistant[1].GetProperty("data").GetString());
        Assert.False(assistant[0].TryGetProperty("cache_control", out _));
        Assert.Equal(3, response.Warnings.Count(w => w.Code == "thinking_dropped"));
        Assert.DoesNotContain("gAAAAABoEncryptedReasoningContent", sent.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("CiQBThoughtSignature", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_round_trips_into_the_next_request_unchanged()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("thinking.json")), FakeResponse.Json(Fixture("text.json")));
        using var adapter = CreateAdapter(server, autoCache: false);
        var first = await adapter.CompleteAsync(Ask("What is 27 * 453?"));

        await adapter.CompleteAsync(Ask() with { Messages = [Message.User("What is 27 * 453?"), first.Message, Message.User("Thanks.")] });

        using var original = JsonDocument.Parse(Fixture("thinking.json"));
        var replayed = server.Requests[1].Json.GetProperty("messages")[1].GetProperty("content");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(original.RootElement.GetProperty("content").GetRawText()), JsonNode.Parse(replayed.GetRawText())));
    }

    [Fact]
    public async Task Custom_parts_of_other_providers_are_dropped_with_a_warning()
    {
        var request = Ask() with
        {
            Messages =
            [
                Message.User("Hi"),
                new Message(Role.Assistant, [
                    ContentPart.FromCustom(new ContentKind("gemini_part"), """{"executableCode":{"language":"PYTHON","code":"print(1)"}}"""),
                    ContentPart.FromCustom(new ContentKind("openai_item"), """{"type":"web_search_call","id":"ws_1","status":"completed"}"""),
                    ContentPart.FromCustom(new ContentKind("gemini_thought_signature"), "CiQBsig"),
                    ContentPart.FromText("Hello."),
                ]),
                Message.User("Again"),
            ],
        };

        var (sent, response) = await SendAsync(request, autoCache: false);

        var assistant = Assert.Single(sent.Json.GetProperty("messages")[1].GetProperty("content").EnumerateArray());
        Assert.Equal("Hello.", assistant.GetProperty("text").GetString());
        Assert.Equal(3, response.Warnings.Count(w => w.Code == "unsupported_content"));
    }

    [Fact]
    public async Task Cache_breakpoints_mark_the_system_prompt_the_last_tool_and_the_two_latest_user_turns()
    {
        var request = new Request
        {
            Model = "claude-opus-4-6",
            Messages =
            [
                Message.System("You are an agent."),
                Message.Developer("Follow the repository's style."),
                Message.User("Turn 1"),
                Message.Assistant("Answer 1"),
                Message.User("Turn 2"),
                new Message(Role.Assistant, [ContentPart.FromToolCall(new ToolCallData("toolu_1", "get_weather", "{}"))]),
                Message.ToolResult("toolu_1", "result"),
                Message.Assistant("Answer 3"),
                Message.User("Turn 4"),
            ],
            Tools = [WeatherTool(), TimeTool()],
        };

        var (sent, _) = await SendAsync(request);
        var body = sent.Json;

        Assert.Equal(4, CountCacheControl(body));
        var system = body.GetProperty("system");
        Assert.False(HasCacheControl(system[0]));
        Assert.True(HasCacheControl(system[1]));
        Assert.False(HasCacheControl(body.GetProperty("tools")[0]));
        Assert.True(HasCacheControl(body.GetProperty("tools")[1]));
        var messages = body.GetProperty("messages");
        Assert.False(HasCacheControl(messages[0].GetProperty("content")[0]));
        Assert.True(HasCacheControl(messages[4].GetProperty("content")[0]));
        Assert.Equal("tool_result", messages[4].GetProperty("content")[0].GetProperty("type").GetString());
        Assert.True(HasCacheControl(messages[6].GetProperty("content")[0]));
        Assert.Equal("prompt-caching-2024-07-31", sent.Header("anthropic-beta"));
    }

    [Fact]
    public async Task A_single_turn_request_marks_the_system_prompt_and_the_user_message()
    {
        var (sent, _) = await SendAsync(Ask() with { Messages = [Message.System("Be brief."), Message.User("Hi")] });

        Assert.Equal(2, CountCacheControl(sent.Json));
        Assert.True(HasCacheControl(sent.Json.GetProperty("system")[0]));
        Assert.True(HasCacheControl(sent.Json.GetProperty("messages")[0].GetProperty("content")[0]));
    }

    [Fact]
    public async Task Auto_cache_false_in_provider_options_places_no_breakpoint_and_no_caching_beta()
    {
        var request = Ask() with
        {
            Messages = [Message.System("Be brief."), Message.User("Hi")],
            Tools = [WeatherTool()],
            ProviderOptions = new JsonObject { ["anthropic"] = new JsonObject { ["auto_cache"] = false } },
        };

        var (sent, _) = await SendAsync(request);

        Assert.Equal(0, CountCacheControl(sent.Json));
        Assert.Null(sent.Header("anthropic-beta"));
        Assert.False(sent.Json.TryGetProperty("auto_cache", out _));
    }

    [Fact]
    public async Task Auto_cache_disabled_in_the_options_can_be_turned_on_per_request()
    {
        var off = await SendAsync(Ask(), autoCache: false);
        var on = await SendAsync(Ask() with { ProviderOptions = new JsonObject { ["anthropic"] = new JsonObject { ["auto_cache"] = true } } }, autoCache: false);

        Assert.Equal(0, CountCacheControl(off.Request.Json));
        Assert.Null(off.Request.Header("anthropic-beta"));
        Assert.Equal(1, CountCacheControl(on.Request.Json));
        Assert.Equal("prompt-caching-2024-07-31", on.Request.Header("anthropic-beta"));
    }

    [Fact]
    public async Task Caller_placed_cache_control_in_provider_options_still_gets_the_beta_header()
    {
        var request = Ask() with
        {
            ProviderOptions = new JsonObject
            {
                ["anthropic"] = new JsonObject
                {
                    ["auto_cache"] = false,
                    ["system"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "Long context", ["cache_control"] = new JsonObject { ["type"] = "ephemeral" } }),
                },
            },
        };

        var (sent, _) = await SendAsync(request);

        Assert.Equal(1, CountCacheControl(sent.Json));
        Assert.Equal("prompt-caching-2024-07-31", sent.Header("anthropic-beta"));
    }

    [Fact]
    public async Task Provider_options_are_merged_into_the_body()
    {
        var request = Ask() with
        {
            Metadata = new Dictionary<string, string> { ["user_id"] = "user-42" },
            ProviderOptions = new JsonObject
            {
                ["anthropic"] = new JsonObject
                {
                    ["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = 10000 },
                    ["top_k"] = 5,
                    ["service_tier"] = "standard_only",
                },
                ["openai"] = new JsonObject { ["store"] = false },
            },
        };

        var (sent, _) = await SendAsync(request);
        var body = sent.Json;

        Assert.Equal("enabled", body.GetProperty("thinking").GetProperty("type").GetString());
        Assert.Equal(10000, body.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
        Assert.Equal(14096, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(5, body.GetProperty("top_k").GetInt32());
        Assert.Equal("standard_only", body.GetProperty("service_tier").GetString());
        Assert.Equal("user-42", body.GetProperty("metadata").GetProperty("user_id").GetString());
        Assert.False(body.TryGetProperty("store", out _));
    }

    [Fact]
    public async Task Generation_parameters_are_mapped_and_unsupported_ones_produce_warnings()
    {
        var request = Ask() with
        {
            MaxTokens = 512,
            Temperature = 0.25,
            TopP = 0.9,
            StopSequences = ["\n\nHuman:", "END"],
            ReasoningEffort = "high",
            Metadata = new Dictionary<string, string> { ["user_id"] = "u-1", ["session"] = "s-9", ["trace"] = "t" },
        };

        var (sent, response) = await SendAsync(request);
        var body = sent.Json;

        Assert.Equal(512, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.25, body.GetProperty("temperature").GetDouble());
        Assert.Equal(0.9, body.GetProperty("top_p").GetDouble());
        Assert.Equal(["\n\nHuman:", "END"], body.GetProperty("stop_sequences").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("u-1", body.GetProperty("metadata").GetProperty("user_id").GetString());
        Assert.Single(body.GetProperty("metadata").EnumerateObject());
        Assert.False(body.TryGetProperty("reasoning_effort", out _));
        Assert.False(body.TryGetProperty("thinking", out _));
        Assert.Contains(response.Warnings, w => w.Message.Contains("reasoning_effort", StringComparison.Ordinal));
        Assert.Contains(response.Warnings, w => w.Message.Contains("session, trace", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reasoning_effort_with_thinking_configured_in_provider_options_sends_the_thinking_without_a_warning()
    {
        var request = Ask() with
        {
            ReasoningEffort = "medium",
            ProviderOptions = new JsonObject
            {
                ["anthropic"] = new JsonObject { ["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = 10000 } },
            },
        };

        var (sent, response) = await SendAsync(request);

        Assert.Equal(10000, sent.Json.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
        Assert.DoesNotContain(response.Warnings, w => w.Message.Contains("reasoning_effort", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_json_schema_response_format_becomes_system_prompt_instructions()
    {
        var schema = Schema("""{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},"required":["name","age"]}""");
        var request = Ask("Extract: Alice is 30 years old") with
        {
            Messages = [Message.System("You extract data."), Message.User("Extract: Alice is 30 years old")],
            ResponseFormat = ResponseFormat.ForSchema(schema, strict: true, name: "person"),
        };

        var (sent, _) = await SendAsync(request);
        var system = sent.Json.GetProperty("system");

        Assert.Equal(2, system.GetArrayLength());
        Assert.Equal("You extract data.", system[0].GetProperty("text").GetString());
        var instruction = system[1].GetProperty("text").GetString()!;
        Assert.Contains("JSON Schema", instruction, StringComparison.Ordinal);
        Assert.Contains(schema.GetRawText(), instruction, StringComparison.Ordinal);
        Assert.True(HasCacheControl(system[1]));
        Assert.False(sent.Json.TryGetProperty("tools", out _));
    }

    [Fact]
    public async Task Streaming_requests_set_stream_true()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("text.sse")));
        using var adapter = CreateAdapter(server);

        await CollectAsync(adapter.StreamAsync(Ask()));

        var sent = Assert.Single(server.Requests);
        Assert.True(sent.Json.GetProperty("stream").GetBoolean());
        Assert.Equal(Key, sent.Header("x-api-key"));
    }
}
