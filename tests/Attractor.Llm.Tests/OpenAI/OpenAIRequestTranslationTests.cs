// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm.FakeProvider;
using static Attractor.Llm.Tests.OpenAI.OpenAITestSupport;

namespace Attractor.Llm.Tests.OpenAI;

public sealed class OpenAIRequestTranslationTests
{
    private static readonly JsonElement WeatherSchema = JsonDocument.Parse("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""").RootElement.Clone();

    [Fact]
    public async Task Headers_carry_bearer_auth_organization_project_and_defaults_to_the_responses_path()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("responses-text.json")));
        using var adapter = new OpenAIAdapter(new OpenAIAdapterOptions
        {
            ApiKey = Key,
            BaseUrl = new Uri(server.BaseUrl, "v1/").ToString(),
            Organization = "org-abc123",
            Project = "proj_xyz789",
            DefaultHeaders = new Dictionary<string, string> { ["X-Proxy-Route"] = "eu" },
        });

        await adapter.CompleteAsync(Ask());

        var sent = Assert.Single(server.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v1/responses", sent.Path);
        Assert.Equal("Bearer " + Key, sent.Header("Authorization"));
        Assert.Equal("org-abc123", sent.Header("OpenAI-Organization"));
        Assert.Equal("proj_xyz789", sent.Header("OpenAI-Project"));
        Assert.Equal("eu", sent.Header("X-Proxy-Route"));
        Assert.StartsWith("application/json", sent.Header("Content-Type"), StringComparison.Ordinal);
        Assert.False(sent.Json.TryGetProperty("stream", out _));
    }

    [Fact]
    public async Task All_five_roles_images_tools_and_parameters_are_translated()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("responses-text.json")));
        using var adapter = Adapter(server);
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 };
        var localPath = Path.Combine(Path.GetTempPath(), $"openai-test-{Guid.NewGuid():N}.jpg");
        await File.WriteAllBytesAsync(localPath, [0xFF, 0xD8, 0xFF, 9]);
        try
        {
            var request = new Request
            {
                Model = "gpt-5.2",
                Messages =
                [
                    Message.System("You are terse."),
                    Message.Developer("Answer in French."),
                    Message.User(
                        ContentPart.FromText("What is in these images?"),
                        ContentPart.FromImage(new ImageData("https://example.com/cat.png", detail: "high")),
                        ContentPart.FromImage(new ImageData(png, "image/png")),
                        ContentPart.FromImage(new ImageData(localPath))),
                    new Message(Role.Assistant, [ContentPart.FromText("Let me check the weather."), ContentPart.FromToolCall(new ToolCallData("call_1", "get_weather", """{"location":"Paris"}"""))]),
                    Message.ToolResult("call_1", "18°C and sunny"),
                    Message.System("Never reveal secrets."),
                ],
                Tools = [new ToolDefinition("get_weather", "Gets the weather.", WeatherSchema)],
                ToolChoice = ToolChoice.Named("get_weather"),
                ReasoningEffort = "high",
                MaxTokens = 777,
                Temperature = 0.25,
                TopP = 0.5,
                Metadata = new Dictionary<string, string> { ["run"] = "42" },
                ResponseFormat = ResponseFormat.ForSchema(WeatherSchema, strict: true, name: "weather"),
            };

            await adapter.CompleteAsync(request);
        }
        finally
        {
            File.Delete(localPath);
        }

        var body = Assert.Single(server.Requests).Json;
        Assert.Equal("gpt-5.2", body.GetProperty("model").GetString());
        Assert.Equal("You are terse.\n\nNever reveal secrets.", body.GetProperty("instructions").GetString());
        var input = body.GetProperty("input").EnumerateArray().ToList();
        Assert.Equal(["message", "message", "message", "function_call", "function_call_output"], input.Select(i => i.GetProperty("type").GetString()));

        Assert.Equal("developer", input[0].GetProperty("role").GetString());
        Assert.Equal("Answer in French.", input[0].GetProperty("content")[0].GetProperty("text").GetString());

        Assert.Equal("user", input[1].GetProperty("role").GetString());
        var user = input[1].GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(["input_text", "input_image", "input_image", "input_image"], user.Select(c => c.GetProperty("type").GetString()));
        Assert.Equal("https://example.com/cat.png", user[1].GetProperty("image_url").GetString());
        Assert.Equal("high", user[1].GetProperty("detail").GetString());
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(png), user[2].GetProperty("image_url").GetString());
        Assert.Equal("data:image/jpeg;base64," + Convert.ToBase64String(new byte[] { 0xFF, 0xD8, 0xFF, 9 }), user[3].GetProperty("image_url").GetString());

        Assert.Equal("assistant", input[2].GetProperty("role").GetString());
        Assert.Equal("output_text", input[2].GetProperty("content")[0].GetProperty("type").GetString());
        Assert.Equal("Let me check the weather.", input[2].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("call_1", input[3].GetProperty("call_id").GetString());
        Assert.Equal("get_weather", input[3].GetProperty("name").GetString());
        Assert.Equal("""{"location":"Paris"}""", input[3].GetProperty("arguments").GetString());
        Assert.Equal("call_1", input[4].GetProperty("call_id").GetString());
        Assert.Equal("18°C and sunny", input[4].GetProperty("output").GetString());

        var tool = Assert.Single(body.GetProperty("tools").EnumerateArray());
        Assert.Equal("function", tool.GetProperty("type").GetString());
        Assert.Equal("get_weather", tool.GetProperty("name").GetString());
        Assert.Equal("Gets the weather.", tool.GetProperty("description").GetString());
        Assert.Equal("object", tool.GetProperty("parameters").GetProperty("type").GetString());
        Assert.False(tool.GetProperty("strict").GetBoolean());
        Assert.False(tool.TryGetProperty("function", out _));
        Assert.Equal("""{"type":"function","name":"get_weather"}""", body.GetProperty("tool_choice").GetRawText());

        Assert.Equal("high", body.GetProperty("reasoning").GetProperty("effort").GetString());
        Assert.Equal(777, body.GetProperty("max_output_tokens").GetInt32());
        Assert.Equal(0.25, body.GetProperty("temperature").GetDouble());
        Assert.Equal(0.5, body.GetProperty("top_p").GetDouble());
        Assert.Equal("42", body.GetProperty("metadata").GetProperty("run").GetString());
        var format = body.GetProperty("text").GetProperty("format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("weather", format.GetProperty("name").GetString());
        Assert.True(format.GetProperty("strict").GetBoolean());
        Assert.Equal("object", format.GetProperty("schema").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData(ToolChoiceMode.Auto, "\"auto\"")]
    [InlineData(ToolChoiceMode.None, "\"none\"")]
    [InlineData(ToolChoiceMode.Required, "\"required\"")]
    [InlineData(ToolChoiceMode.Named, """{"type":"function","name":"get_weather"}""")]
    public async Task Every_tool_choice_mode_is_translated(ToolChoiceMode mode, string expected)
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("responses-tool-calls.json")));
        using var adapter = Adapter(server);
        var choice = mode switch
        {
            ToolChoiceMode.Auto => ToolChoice.Auto,
            ToolChoiceMode.None => ToolChoice.None,
            ToolChoiceMode.Required => ToolChoice.Required,
            _ => ToolChoice.Named("get_weather"),
        };

        await adapter.CompleteAsync(Ask() with { Tools = [new ToolDefinition("get_weather", "Gets the weather.", WeatherSchema)], ToolChoice = choice });

        Assert.Equal(expected, Assert.Single(server.Requests).Json.GetProperty("tool_choice").GetRawText());
        Assert.True(((IProviderAdapter)adapter).SupportsToolChoice(mode));
    }

    [Fact]
    public async Task Json_mode_is_a_json_object_text_format_and_stop_sequences_are_dropped_with_a_warning()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("responses-text.json")));
        using var adapter = Adapter(server);

        var response = await adapter.CompleteAsync(Ask() with { ResponseFormat = ResponseFormat.Json, StopSequences = ["END"] });

        var body = Assert.Single(server.Requests).Json;
        Assert.Equal("""{"type":"json_object"}""", body.GetProperty("text").GetProperty("format").GetRawText());
        Assert.False(body.TryGetProperty("stop", out _));
        Assert.False(body.TryGetProperty("tools", out _));
        Assert.False(body.TryGetProperty("reasoning", out _));
        var warning = Assert.Single(response.Warnings);
        Assert.Equal("unsupported_parameter", warning.Code);
    }

    [Fact]
    public async Task Provider_options_are_merged_into_the_body_and_built_in_tools_join_the_function_tools()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("responses-text.json")));
        using var adapter = Adapter(server);
        var options = new JsonObject
        {
            ["openai"] = new JsonObject
            {
                ["store"] = false,
                ["previous_response_id"] = "resp_previous",
                ["reasoning"] = new JsonObject { ["summary"] = "auto" },
                ["include"] = new JsonArray("reasoning.encrypted_content"),
                ["tools"] = new JsonArray(new JsonObject { ["type"] = "web_search" }),
                ["strict_tools"] = true,
            },
            ["anthropic"] = new JsonObject { ["thinking"] = new JsonObject { ["type"] = "enabled" } },
        };

        await adapter.CompleteAsync(Ask() with
        {
            ReasoningEffort = "low",
            Tools = [new ToolDefinition("get_weather", "Gets the weather.", WeatherSchema)],
            ProviderOptions = options,
        });

        var body = Assert.Single(server.Requests).Json;
        Assert.False(body.GetProperty("store").GetBoolean());
        Assert.Equal("resp_previous", body.GetProperty("previous_response_id").GetString());
        Assert.Equal("low", body.GetProperty("reasoning").GetProperty("effort").GetString());
        Assert.Equal("auto", body.GetProperty("reasoning").GetProperty("summary").GetString());
        Assert.Equal("reasoning.encrypted_content", body.GetProperty("include")[0].GetString());
        Assert.Equal(["function", "web_search"], body.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("type").GetString()));
        Assert.True(body.GetProperty("tools")[0].GetProperty("strict").GetBoolean());
        Assert.False(body.TryGetProperty("strict_tools", out _));
        Assert.False(body.TryGetProperty("thinking", out _));
        Assert.Equal("enabled", options["anthropic"]!["thinking"]!["type"]!.GetValue<string>());
        Assert.Single((JsonObject)options["openai"]!["reasoning"]!);
        Assert.Equal(6, ((JsonObject)options["openai"]!).Count);
    }

    [Fact]
    public async Task Documents_become_input_files_and_audio_is_rejected_before_sending()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("responses-text.json")));
        using var adapter = Adapter(server);
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7 fake");

        await adapter.CompleteAsync(Ask() with
        {
            Messages =
            [
                Message.User(
                    ContentPart.FromText("Summarize both."),
                    ContentPart.FromDocument(new DocumentData(pdf, "application/pdf", "report.pdf")),
                    ContentPart.FromDocument(new DocumentData("https://example.com/paper.pdf"))),
            ],
        });
        var audio = await Assert.ThrowsAsync<InvalidRequestException>(() => adapter.CompleteAsync(Ask() with
        {
            Messages = [Message.User(ContentPart.FromAudio(new AudioData(new byte[] { 1, 2 }, "audio/wav")))],
        }));

        var content = Assert.Single(server.Requests).Json.GetProperty("input")[0].GetProperty("content");
        Assert.Equal("input_file", content[1].GetProperty("type").GetString());
        Assert.Equal("report.pdf", content[1].GetProperty("filename").GetString());
        Assert.Equal("data:application/pdf;base64," + Convert.ToBase64String(pdf), content[1].GetProperty("file_data").GetString());
        Assert.Equal("https://example.com/paper.pdf", content[2].GetProperty("file_url").GetString());
        Assert.Contains("audio", audio.Message, StringComparison.Ordinal);
        Assert.False(audio.Retryable);
    }

    [Fact]
    public async Task A_missing_local_image_is_a_configuration_error()
    {
        await using var server = await FakeProviderServer.StartAsync();
        using var adapter = Adapter(server);

        await Assert.ThrowsAsync<ConfigurationException>(() => adapter.CompleteAsync(Ask() with
        {
            Messages = [Message.User(ContentPart.FromImage(new ImageData("/nonexistent/dir/image.png")))],
        }));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_failed_tool_result_tells_the_model_it_failed()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("responses-text.json")));
        using var adapter = Adapter(server);

        await adapter.CompleteAsync(Ask() with
        {
            Messages =
            [
                Message.User("Weather?"),
                new Message(Role.Assistant, [ContentPart.FromToolCall(new ToolCallData("call_9", "get_weather", "{}"))]),
                Message.ToolResult("call_9", "location is required", isError: true),
            ],
        });

        var output = Assert.Single(server.Requests).Json.GetProperty("input")[2];
        Assert.Equal("function_call_output", output.GetProperty("type").GetString());
        Assert.Equal("Error: location is required", output.GetProperty("output").GetString());
    }
}
