// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm.FakeProvider;
using static Attractor.Llm.Tests.Gemini.GeminiTestSupport;

namespace Attractor.Llm.Tests.Gemini;

public sealed class GeminiRequestTranslationTests
{
    private static readonly JsonElement WeatherSchema = Json("""
        {"type":"object","properties":{"location":{"type":"string","description":"City and state"}},"required":["location"],"additionalProperties":false}
        """);

    private static readonly ToolDefinition Weather = new("get_weather", "Gets the weather", WeatherSchema);

    [Fact]
    public async Task Complete_posts_to_generateContent_with_the_key_in_a_header_never_in_the_url()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("text-response.json")));
        using var adapter = CreateAdapter(server, headers: new Dictionary<string, string> { ["x-proxy-tag"] = "team-a" });

        await adapter.CompleteAsync(Ask("Hi", "gemini-2.5-flash"));

        var sent = server.Requests.Single();
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v1beta/models/gemini-2.5-flash:generateContent", sent.Path);
        Assert.Equal(string.Empty, sent.Query);
        Assert.Equal(Key, sent.Header("x-goog-api-key"));
        Assert.Equal("team-a", sent.Header("x-proxy-tag"));
        Assert.StartsWith("application/json", sent.Header("content-type"), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, sent.Path + sent.Query, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_posts_to_streamGenerateContent_with_alt_sse()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(Fixture("stream-text.sse")));
        using var adapter = CreateAdapter(server);

        await CollectAsync(adapter.StreamAsync(Ask("Hi", "models/gemini-2.5-pro")));

        var sent = server.Requests.Single();
        Assert.Equal("/v1beta/models/gemini-2.5-pro:streamGenerateContent", sent.Path);
        Assert.Equal("?alt=sse", sent.Query);
        Assert.Equal(Key, sent.Header("x-goog-api-key"));
        Assert.Contains("text/event-stream", sent.Header("accept"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_five_roles_are_translated()
    {
        var call = new ToolCallData("call_0123456789abcdef0123456789abcdef", "get_weather", """{"location":"Paris"}""");
        var request = new Request
        {
            Model = "gemini-2.5-flash",
            Messages =
            [
                Message.System("Be brief."),
                Message.Developer("Answer in French."),
                Message.User("Weather in Paris?"),
                new Message(Role.Assistant, [ContentPart.FromText("Checking."), ContentPart.FromToolCall(call)]),
                Message.ToolResult(call.Id, "18C and sunny"),
                Message.Assistant("Il fait beau."),
                Message.User("Merci"),
            ],
        };

        var body = await SentBodyAsync(request);

        Assert.Equal(
            """{"parts":[{"text":"Be brief."},{"text":"Answer in French."}]}""",
            body.GetProperty("systemInstruction").GetRawText());
        var contents = body.GetProperty("contents");
        Assert.Equal(5, contents.GetArrayLength());
        Assert.Equal("""{"role":"user","parts":[{"text":"Weather in Paris?"}]}""", contents[0].GetRawText());
        Assert.Equal(
            """{"role":"model","parts":[{"text":"Checking."},{"functionCall":{"name":"get_weather","args":{"location":"Paris"}}}]}""",
            contents[1].GetRawText());
        Assert.Equal(
            """{"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"result":"18C and sunny"}}}]}""",
            contents[2].GetRawText());
        Assert.Equal("""{"role":"model","parts":[{"text":"Il fait beau."}]}""", contents[3].GetRawText());
        Assert.Equal("""{"role":"user","parts":[{"text":"Merci"}]}""", contents[4].GetRawText());
    }

    [Fact]
    public async Task Tool_results_wrap_strings_and_errors_and_keep_objects_and_parallel_results_share_one_turn()
    {
        var a = new ToolCallData("call_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "get_weather", """{"location":"A"}""");
        var b = new ToolCallData("call_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "get_time", "{}");
        var c = new ToolCallData("call_cccccccccccccccccccccccccccccccc", "get_weather", """{"location":"C"}""");
        var request = new Request
        {
            Model = "gemini-2.5-flash",
            Messages =
            [
                Message.User("Go"),
                new Message(Role.Assistant, [ContentPart.FromToolCall(a), ContentPart.FromToolCall(b), ContentPart.FromToolCall(c)]),
                Message.ToolResult(new ToolResultData(a.Id, Json("""{"temp":18,"unit":"C"}"""))),
                Message.ToolResult(b.Id, "tool crashed", isError: true),
                Message.ToolResult(new ToolResultData(c.Id, Json("[1,2]"))),
            ],
        };

        var body = await SentBodyAsync(request);

        var contents = body.GetProperty("contents");
        Assert.Equal(3, contents.GetArrayLength());
        Assert.Equal(
            """{"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"temp":18,"unit":"C"}}},{"functionResponse":{"name":"get_time","response":{"error":"tool crashed"}}},{"functionResponse":{"name":"get_weather","response":{"result":[1,2]}}}]}""",
            contents[2].GetRawText());
    }

    [Fact]
    public async Task A_tool_result_without_a_matching_call_uses_the_message_name_or_fails_clearly()
    {
        var named = new Request
        {
            Model = "gemini-2.5-flash",
            Messages = [Message.User("Go"), Message.ToolResult("call_from_elsewhere", "ok") with { Name = "lookup" }],
        };

        var body = await SentBodyAsync(named);
        Assert.Equal(
            """{"functionResponse":{"name":"lookup","response":{"result":"ok"},"id":"call_from_elsewhere"}}""",
            body.GetProperty("contents")[1].GetProperty("parts")[0].GetRawText());

        await using var server = await FakeProviderServer.StartAsync();
        using var adapter = CreateAdapter(server);
        var orphan = new Request { Model = "gemini-2.5-flash", Messages = [Message.User("Go"), Message.ToolResult("call_unknown", "ok")] };
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => adapter.CompleteAsync(orphan));
        Assert.Contains("call_unknown", error.Message, StringComparison.Ordinal);
        Assert.False(error.Retryable);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Images_go_as_file_data_inline_data_or_read_from_a_local_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gemini-test-{Guid.NewGuid():N}.png");
        byte[] localBytes = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
        await File.WriteAllBytesAsync(path, localBytes);
        try
        {
            var request = new Request
            {
                Model = "gemini-2.5-flash",
                Messages =
                [
                    Message.User(
                        ContentPart.FromText("Compare these"),
                        ContentPart.FromImage(new ImageData("https://example.com/cat.jpg")),
                        ContentPart.FromImage(new ImageData("gs://bucket/dog.webp", "image/webp")),
                        ContentPart.FromImage(new ImageData(new byte[] { 1, 2, 3 }, "image/gif")),
                        ContentPart.FromImage(new ImageData(path)),
                        ContentPart.FromAudio(new AudioData(new byte[] { 9, 9 }, "audio/mp3")),
                        ContentPart.FromDocument(new DocumentData("https://files.example.com/report.pdf")),
                        ContentPart.FromDocument(new DocumentData(new byte[] { 7 }, "application/pdf", "r.pdf"))),
                ],
            };

            var parts = (await SentBodyAsync(request)).GetProperty("contents")[0].GetProperty("parts");

            Assert.Equal("""{"text":"Compare these"}""", parts[0].GetRawText());
            Assert.Equal("""{"fileData":{"mimeType":"image/jpeg","fileUri":"https://example.com/cat.jpg"}}""", parts[1].GetRawText());
            Assert.Equal("""{"fileData":{"mimeType":"image/webp","fileUri":"gs://bucket/dog.webp"}}""", parts[2].GetRawText());
            Assert.Equal("""{"inlineData":{"mimeType":"image/gif","data":"AQID"}}""", parts[3].GetRawText());
            Assert.Equal("image/png", parts[4].GetProperty("inlineData").GetProperty("mimeType").GetString());
            Assert.Equal(localBytes, Convert.FromBase64String(parts[4].GetProperty("inlineData").GetProperty("data").GetString()!));
            Assert.Equal("""{"inlineData":{"mimeType":"audio/mp3","data":"CQk="}}""", parts[5].GetRawText());
            Assert.Equal("""{"fileData":{"mimeType":"application/pdf","fileUri":"https://files.example.com/report.pdf"}}""", parts[6].GetRawText());
            Assert.Equal("""{"inlineData":{"mimeType":"application/pdf","data":"Bw=="}}""", parts[7].GetRawText());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_missing_local_image_is_a_configuration_error_before_anything_is_sent()
    {
        await using var server = await FakeProviderServer.StartAsync();
        using var adapter = CreateAdapter(server);
        var request = new Request { Model = "gemini-2.5-flash", Messages = [Message.User(ContentPart.FromImage(new ImageData("./does-not-exist-4711.png")))] };

        await Assert.ThrowsAsync<ConfigurationException>(() => adapter.CompleteAsync(request));
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("auto", """{"functionCallingConfig":{"mode":"AUTO"}}""")]
    [InlineData("none", """{"functionCallingConfig":{"mode":"NONE"}}""")]
    [InlineData("required", """{"functionCallingConfig":{"mode":"ANY"}}""")]
    [InlineData("named", """{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["get_weather"]}}""")]
    public async Task Tools_are_function_declarations_and_tool_choice_maps_to_function_calling_config(string? mode, string? expected)
    {
        var choice = mode switch
        {
            "auto" => ToolChoice.Auto,
            "none" => ToolChoice.None,
            "required" => ToolChoice.Required,
            "named" => ToolChoice.Named("get_weather"),
            _ => null,
        };
        var request = Ask("Weather?") with { Tools = [Weather, new ToolDefinition("get_time", "Gets the time", Json("""{"type":"object","properties":{}}"""))], ToolChoice = choice };

        var body = await SentBodyAsync(request);

        Assert.Equal(
            """[{"functionDeclarations":[{"name":"get_weather","description":"Gets the weather","parameters":{"type":"OBJECT","properties":{"location":{"type":"STRING","description":"City and state"}},"required":["location"]}},{"name":"get_time","description":"Gets the time"}]}]""",
            body.GetProperty("tools").GetRawText());
        if (expected is null)
        {
            Assert.False(body.TryGetProperty("toolConfig", out _));
        }
        else
        {
            Assert.Equal(expected, body.GetProperty("toolConfig").GetRawText());
        }
    }

    [Fact]
    public void Every_tool_choice_mode_is_supported()
    {
        using var adapter = new GeminiAdapter(new GeminiAdapterOptions { ApiKey = Key });
        Assert.All(Enum.GetValues<ToolChoiceMode>(), mode => Assert.True(((IProviderAdapter)adapter).SupportsToolChoice(mode)));
    }

    [Fact]
    public async Task Generation_parameters_map_to_generation_config()
    {
        var request = Ask("Hi") with { Temperature = 0.2, TopP = 0.9, MaxTokens = 256, StopSequences = ["END", "STOP"] };

        var body = await SentBodyAsync(request);

        Assert.Equal(
            """{"temperature":0.2,"topP":0.9,"maxOutputTokens":256,"stopSequences":["END","STOP"]}""",
            body.GetProperty("generationConfig").GetRawText());
    }

    [Fact]
    public async Task Response_formats_map_to_response_mime_type_and_a_translated_response_schema()
    {
        var json = await SentBodyAsync(Ask("Hi") with { ResponseFormat = ResponseFormat.Json });
        Assert.Equal("""{"responseMimeType":"application/json"}""", json.GetProperty("generationConfig").GetRawText());

        var schema = Json("""{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},"required":["name","age"],"additionalProperties":false}""");
        var structured = await SentBodyAsync(Ask("Hi") with { ResponseFormat = ResponseFormat.ForSchema(schema, strict: true, name: "person") });
        Assert.Equal(
            """{"responseMimeType":"application/json","responseSchema":{"type":"OBJECT","properties":{"name":{"type":"STRING"},"age":{"type":"INTEGER"}},"required":["name","age"]}}""",
            structured.GetProperty("generationConfig").GetRawText());

        var text = await SentBodyAsync(Ask("Hi") with { ResponseFormat = ResponseFormat.Text });
        Assert.False(text.TryGetProperty("generationConfig", out _));
    }

    [Theory]
    [InlineData("gemini-3-pro-preview", "low", """{"includeThoughts":true,"thinkingLevel":"low"}""")]
    [InlineData("gemini-3-pro-preview", "HIGH", """{"includeThoughts":true,"thinkingLevel":"high"}""")]
    [InlineData("gemini-3-flash-preview", "medium", """{"includeThoughts":true,"thinkingLevel":"medium"}""")]
    [InlineData("gemini-2.5-flash", "low", """{"includeThoughts":true,"thinkingBudget":1024}""")]
    [InlineData("gemini-2.5-pro", "medium", """{"includeThoughts":true,"thinkingBudget":8192}""")]
    [InlineData("models/gemini-2.5-flash", "high", """{"includeThoughts":true,"thinkingBudget":24576}""")]
    [InlineData("gemini-2.5-flash", "none", """{"thinkingBudget":0}""")]
    public async Task Reasoning_effort_maps_to_a_thinking_level_or_budget_by_model(string model, string effort, string expected)
    {
        var body = await SentBodyAsync(Ask("Hi", model) with { ReasoningEffort = effort });

        Assert.Equal(expected, body.GetProperty("generationConfig").GetProperty("thinkingConfig").GetRawText());
    }

    [Fact]
    public async Task Without_reasoning_effort_no_thinking_config_is_sent()
    {
        var body = await SentBodyAsync(Ask("Hi", "gemini-3-pro-preview"));

        Assert.False(body.TryGetProperty("generationConfig", out _));
    }

    [Fact]
    public async Task Provider_options_are_deep_merged_into_the_body()
    {
        var options = JsonNode.Parse("""
            {"gemini":{
               "safetySettings":[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_ONLY_HIGH"}],
               "cachedContent":"cachedContents/abc123",
               "generationConfig":{"candidateCount":1,"seed":7,"thinkingConfig":{"thinkingBudget":2048}}},
             "openai":{"store":true}}
            """)!.AsObject();
        var request = Ask("Hi", "gemini-3-pro-preview") with { Temperature = 0.5, ReasoningEffort = "high", ProviderOptions = options };

        var body = await SentBodyAsync(request);

        Assert.Equal("""[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_ONLY_HIGH"}]""", body.GetProperty("safetySettings").GetRawText());
        Assert.Equal("cachedContents/abc123", body.GetProperty("cachedContent").GetString());
        Assert.False(body.TryGetProperty("store", out _));

        // Ours and theirs merge; their thinkingBudget replaces our thinkingLevel (both together are a 400).
        Assert.Equal(
            """{"temperature":0.5,"thinkingConfig":{"includeThoughts":true,"thinkingBudget":2048},"candidateCount":1,"seed":7}""",
            body.GetProperty("generationConfig").GetRawText());
        Assert.Equal("""{"thinkingBudget":2048}""", options["gemini"]!["generationConfig"]!["thinkingConfig"]!.ToJsonString());
    }

    [Fact]
    public async Task Thinking_parts_and_thought_signatures_are_sent_back_where_they_came_from()
    {
        var call = new ToolCallData("call_0123456789abcdef0123456789abcdef", "get_weather", """{"location":"Paris"}""");
        var request = new Request
        {
            Model = "gemini-3-pro-preview",
            Messages =
            [
                Message.User("Weather?"),
                new Message(Role.Assistant,
                [
                    ContentPart.FromThinking(new ThinkingData("Planning", "SIG-THOUGHT")),
                    ContentPart.FromToolCall(call),
                    ContentPart.FromCustom(GeminiAdapter.ThoughtSignatureKind, "SIG-CALL"),
                    ContentPart.FromThinking(new ThinkingData("opaque", Redacted: true)),
                ]),
                Message.ToolResult(call.Id, "sunny"),
                new Message(Role.Assistant, [ContentPart.FromCustom(GeminiAdapter.ThoughtSignatureKind, "SIG-ALONE")]),
            ],
        };

        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("text-response.json")));
        using var adapter = CreateAdapter(server);
        var response = await adapter.CompleteAsync(request);
        var contents = server.Requests.Single().Json.GetProperty("contents");

        Assert.Equal(
            """[{"text":"Planning","thought":true,"thoughtSignature":"SIG-THOUGHT"},{"functionCall":{"name":"get_weather","args":{"location":"Paris"}},"thoughtSignature":"SIG-CALL"}]""",
            contents[1].GetProperty("parts").GetRawText());
        Assert.Equal("""[{"text":"","thoughtSignature":"SIG-ALONE"}]""", contents[3].GetProperty("parts").GetRawText());
        Assert.Contains(response.Warnings, w => w.Code == "unsupported_content");
    }

    [Fact]
    public async Task Another_providers_thinking_signature_is_stripped_and_gemini_thinking_is_tagged_as_gemini()
    {
        var request = new Request
        {
            Model = "gemini-3-pro-preview",
            Messages =
            [
                Message.User("Weather?"),
                new Message(Role.Assistant, [ContentPart.FromThinking(new ThinkingData("Claude pondered", "ANTHROPIC-SIG") { Provider = "anthropic" }), ContentPart.FromText("Sunny.")]),
                Message.User("And tomorrow?"),
            ],
        };

        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("thinking-response.json")));
        using var adapter = CreateAdapter(server);
        var response = await adapter.CompleteAsync(request);

        var sent = server.Requests.Single().Json.GetProperty("contents")[1].GetProperty("parts");
        Assert.Equal("""[{"text":"Claude pondered","thought":true},{"text":"Sunny."}]""", sent.GetRawText());
        var thinking = Assert.Single(response.Message.Content, p => p.Kind == ContentKind.Thinking).Thinking!;
        Assert.Equal(GeminiAdapter.ProviderName, thinking.Provider);
    }

    [Fact]
    public async Task A_message_left_without_parts_is_not_sent_and_text_goes_out_as_utf8()
    {
        var request = new Request
        {
            Model = "gemini-2.5-flash",
            Messages =
            [
                Message.User("Grüße 日本"),
                new Message(Role.Assistant, [ContentPart.FromThinking(new ThinkingData("opaque", Redacted: true))]),
                Message.User("<b>&'</b>"),
            ],
        };

        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("text-response.json")));
        using var adapter = CreateAdapter(server);
        await adapter.CompleteAsync(request);
        var sent = server.Requests.Single();

        Assert.Equal(2, sent.Json.GetProperty("contents").GetArrayLength());
        Assert.Contains("Grüße 日本", sent.Body, StringComparison.Ordinal);
        Assert.Equal("<b>&'</b>", sent.Json.GetProperty("contents")[1].GetProperty("parts")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_tool_result_image_follows_its_function_response_inline()
    {
        var call = new ToolCallData("call_0123456789abcdef0123456789abcdef", "screenshot", "{}");
        var request = new Request
        {
            Model = "gemini-2.5-flash",
            Messages =
            [
                Message.User("Take a screenshot"),
                new Message(Role.Assistant, [ContentPart.FromToolCall(call)]),
                Message.ToolResult(ToolResultData.FromText(call.Id, "done") with { ImageData = new byte[] { 1, 2, 3 }, ImageMediaType = "image/png" }),
            ],
        };

        var body = await SentBodyAsync(request);

        Assert.Equal(
            """[{"functionResponse":{"name":"screenshot","response":{"result":"done"}}},{"inlineData":{"mimeType":"image/png","data":"AQID"}}]""",
            body.GetProperty("contents")[2].GetProperty("parts").GetRawText());
    }

    [Fact]
    public async Task A_required_tool_choice_without_tools_sends_no_tool_config_and_warns()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("text-response.json")));
        using var adapter = CreateAdapter(server);

        var response = await adapter.CompleteAsync(Ask("Hi") with { ToolChoice = ToolChoice.Required });

        var body = server.Requests.Single().Json;
        Assert.False(body.TryGetProperty("tools", out _));
        Assert.False(body.TryGetProperty("toolConfig", out _));
        Assert.Contains(response.Warnings, w => w.Code == "unsupported_parameter");
    }

    [Fact]
    public async Task A_given_http_client_is_used_and_left_open()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("text-response.json")), FakeResponse.Json(Fixture("text-response.json")));
        using var http = new HttpClient();
        using (var adapter = new GeminiAdapter(new GeminiAdapterOptions { ApiKey = Key, BaseUrl = new Uri(server.BaseUrl, "v1beta").ToString(), HttpClient = http }))
        {
            await adapter.CompleteAsync(Ask("Hi"));
        }

        using var again = new GeminiAdapter(new GeminiAdapterOptions { ApiKey = Key, BaseUrl = new Uri(server.BaseUrl, "v1beta").ToString(), HttpClient = http });
        Assert.Equal("Hello! How can I help you today?", (await again.CompleteAsync(Ask("Hi"))).Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Metadata_is_not_sent_and_says_so_in_a_warning()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("text-response.json")));
        using var adapter = CreateAdapter(server);

        var response = await adapter.CompleteAsync(Ask("Hi") with { Metadata = new Dictionary<string, string> { ["user"] = "u1" } });

        Assert.DoesNotContain("u1", server.Requests.Single().Body, StringComparison.Ordinal);
        Assert.Contains(response.Warnings, w => w.Code == "unsupported_parameter");
    }
}
