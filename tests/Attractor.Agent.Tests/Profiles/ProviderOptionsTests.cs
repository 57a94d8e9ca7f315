// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Attractor.Llm;
using Attractor.Llm.FakeProvider;

namespace Attractor.Agent.Tests;

/// <summary>Each profile's provider options (spec §3.4–3.6) reach the provider's wire through a session, per call.</summary>
public sealed class ProviderOptionsTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private FakeProviderServer _server = null!;
    private LlmClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeProviderServer.StartAsync();
        _client = new LlmClient(
            [
                new OpenAIAdapter(new OpenAIAdapterOptions { ApiKey = "sk-test", BaseUrl = new Uri(_server.BaseUrl, "v1").ToString() }),
                new AnthropicAdapter(new AnthropicAdapterOptions { ApiKey = "sk-ant-test", BaseUrl = new Uri(_server.BaseUrl, "v1").ToString() }),
                new GeminiAdapter(new GeminiAdapterOptions { ApiKey = "gemini-test", BaseUrl = new Uri(_server.BaseUrl, "v1beta").ToString() }),
            ],
            "openai");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _client.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task OpenAI_profile_sends_stateless_reasoning_and_the_current_effort()
    {
        _server.Enqueue(ResponsesWire.Text("one"), ResponsesWire.Text("two"));
        await using var session = CreateSession(ProviderProfile.OpenAI("gpt-5.2-codex", ModelCatalog.BuiltIn), new SessionConfig { ReasoningEffort = "medium" });

        await session.SubmitAsync("First.");
        session.ReasoningEffort = "high";
        await session.SubmitAsync("Second.");

        var first = _server.Requests[0].Json;
        Assert.Equal("medium", first.GetProperty("reasoning").GetProperty("effort").GetString());
        Assert.Equal("auto", first.GetProperty("reasoning").GetProperty("summary").GetString());
        Assert.False(first.GetProperty("store").GetBoolean());
        Assert.Equal(["reasoning.encrypted_content"], first.GetProperty("include").EnumerateArray().Select(e => e.GetString()));
        Assert.True(first.GetProperty("parallel_tool_calls").GetBoolean());
        Assert.Equal("high", _server.Requests[1].Json.GetProperty("reasoning").GetProperty("effort").GetString());
    }

    [Fact]
    public async Task OpenAI_profile_sends_no_reasoning_options_to_a_model_without_reasoning()
    {
        _server.Enqueue(ResponsesWire.Text("ok"));
        await using var session = CreateSession(ProviderProfile.OpenAI("gpt-4.1", ModelCatalog.BuiltIn));

        await session.SubmitAsync("Hi.");

        var body = _server.Requests[0].Json;
        Assert.False(body.TryGetProperty("reasoning", out _));
        Assert.False(body.TryGetProperty("store", out _));
        Assert.True(body.GetProperty("parallel_tool_calls").GetBoolean());
    }

    [Fact]
    public async Task Anthropic_profile_sends_max_tokens_and_thinking_that_follows_the_effort()
    {
        _server.Enqueue(AnthropicText("one"), AnthropicText("two"), AnthropicText("three"));
        await using var session = CreateSession(ProviderProfile.Anthropic("claude-sonnet-4-5", ModelCatalog.BuiltIn));

        await session.SubmitAsync("No effort.");
        session.ReasoningEffort = "low";
        await session.SubmitAsync("Low.");
        session.ReasoningEffort = "high";
        await session.SubmitAsync("High.");

        var plain = _server.Requests[0];
        Assert.EndsWith("/v1/messages", plain.Path, StringComparison.Ordinal);
        Assert.Equal(32_000, plain.Json.GetProperty("max_tokens").GetInt32());
        Assert.False(plain.Json.TryGetProperty("thinking", out _));
        Assert.DoesNotContain("interleaved-thinking", plain.Header("anthropic-beta") ?? string.Empty, StringComparison.Ordinal);

        var low = _server.Requests[1];
        Assert.Equal(4_000, low.Json.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
        Assert.Equal("enabled", low.Json.GetProperty("thinking").GetProperty("type").GetString());
        Assert.Equal(32_000, low.Json.GetProperty("max_tokens").GetInt32());
        Assert.Contains("interleaved-thinking-2025-05-14", low.Header("anthropic-beta"), StringComparison.Ordinal);

        var high = _server.Requests[2];
        Assert.Equal(31_999, high.Json.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
        Assert.True(high.Json.GetProperty("max_tokens").GetInt32() > 31_999);
        Assert.False(high.Json.TryGetProperty("beta_headers", out _));
        Assert.True(high.Json.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task Anthropic_profile_asks_for_the_long_context_beta_and_keeps_thinking_within_the_model_limit()
    {
        _server.Enqueue(AnthropicText("one"), AnthropicText("two"), AnthropicText("three"));
        await using var opus = CreateSession(ProviderProfile.Anthropic("claude-opus-4-6", ModelCatalog.BuiltIn));
        await using var small = CreateSession(ProviderProfile.Anthropic("claude-opus-4-1", ModelCatalog.BuiltIn), new SessionConfig { ReasoningEffort = "high" });
        await using var unknown = CreateSession(ProviderProfile.Anthropic("claude-future-9", ModelCatalog.BuiltIn), new SessionConfig { ReasoningEffort = "high" });

        await opus.SubmitAsync("Hi.");
        await small.SubmitAsync("Hi.");
        await unknown.SubmitAsync("Hi.");

        Assert.Contains("context-1m-2025-08-07", _server.Requests[0].Header("anthropic-beta"), StringComparison.Ordinal);
        var capped = _server.Requests[1].Json;
        Assert.Equal(32_000, capped.GetProperty("max_tokens").GetInt32());
        Assert.Equal(32_000 - 4_096, capped.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());

        // The catalog does not know the model: no reasoning flag, so no thinking, and a limit every Claude model accepts.
        var guessed = _server.Requests[2].Json;
        Assert.Equal(8_192, guessed.GetProperty("max_tokens").GetInt32());
        Assert.False(guessed.TryGetProperty("thinking", out _));
    }

    [Fact]
    public async Task A_provider_warning_becomes_one_warning_event_per_session()
    {
        // Anthropic does not take reasoning_effort; for a model the catalog does not know to reason the profile
        // sends no thinking either, so the adapter warns on every call that the effort was not applied.
        _server.Enqueue(AnthropicText("one"), AnthropicText("two"));
        var session = CreateSession(ProviderProfile.Anthropic("claude-private-preview", ModelCatalog.BuiltIn), new SessionConfig { ReasoningEffort = "low" });
        var collecting = SessionHarness.CollectAsync(session);

        await session.SubmitAsync("One.");
        await session.SubmitAsync("Two.");

        await session.DisposeAsync();
        var warning = Assert.Single(await collecting, e => e.Kind == SessionEventKind.Warning);
        Assert.Equal("unsupported_parameter", warning.GetString("code"));
        Assert.Contains("reasoning_effort", warning.GetString("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gemini_profile_sends_safety_settings_and_thought_summaries()
    {
        _server.Enqueue(GeminiText("one"), GeminiText("two"));
        await using var session = CreateSession(ProviderProfile.Gemini("gemini-3-pro-preview", ModelCatalog.BuiltIn));

        await session.SubmitAsync("No effort.");
        session.ReasoningEffort = "low";
        await session.SubmitAsync("Low.");

        var first = _server.Requests[0];
        Assert.Contains(":streamGenerateContent", first.Path, StringComparison.Ordinal);
        var safety = first.Json.GetProperty("safetySettings").EnumerateArray().ToList();
        Assert.Equal(4, safety.Count);
        Assert.All(safety, setting => Assert.Equal("BLOCK_ONLY_HIGH", setting.GetProperty("threshold").GetString()));
        Assert.Contains(safety, setting => setting.GetProperty("category").GetString() == "HARM_CATEGORY_DANGEROUS_CONTENT");
        Assert.True(first.Json.GetProperty("generationConfig").GetProperty("thinkingConfig").GetProperty("includeThoughts").GetBoolean());
        Assert.False(first.Json.GetProperty("generationConfig").GetProperty("thinkingConfig").TryGetProperty("thinkingLevel", out _));
        var thinking = _server.Requests[1].Json.GetProperty("generationConfig").GetProperty("thinkingConfig");
        Assert.Equal("low", thinking.GetProperty("thinkingLevel").GetString());
        Assert.True(thinking.GetProperty("includeThoughts").GetBoolean());
        Assert.Equal(6, first.Json.GetProperty("tools")[0].GetProperty("functionDeclarations").GetArrayLength());
    }

    [Fact]
    public async Task A_consumer_profile_without_options_or_parallel_calls_runs_its_tools_in_order()
    {
        var profile = new SequentialProfile();
        _server.Enqueue(
            ResponsesWire.Calls(("c1", "shell", new { command = "sleep 1; echo first >> order.txt" }), ("c2", "shell", new { command = "echo second >> order.txt" })),
            ResponsesWire.Text("Done."));
        await using var session = CreateSession(profile);

        await session.SubmitAsync("Run both.");

        Assert.Equal("first\nsecond\n", await File.ReadAllTextAsync(Path.Combine(_temp.Path, "order.txt")));
        var body = _server.Requests[0].Json;
        Assert.False(body.TryGetProperty("store", out _));
        Assert.False(body.TryGetProperty("parallel_tool_calls", out _));
        Assert.Equal(profile.ContextWindowSize, session.Config.ContextWindowSize);
    }

    [Fact]
    public async Task A_failing_profile_reports_an_error_and_closes_the_session()
    {
        var session = CreateSession(new BrokenOptionsProfile());
        var collecting = SessionHarness.CollectAsync(session);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => session.SubmitAsync("Hi."));

        Assert.Equal(SessionState.Closed, session.State);
        Assert.Empty(_server.Requests);
        var events = await collecting;
        var reported = Assert.Single(events, e => e.Kind == SessionEventKind.Error);
        Assert.Equal(error.Message, reported.GetString("message"));
        Assert.Equal(nameof(InvalidOperationException), reported.GetString("error_type"));
        Assert.Equal(SessionEventKind.SessionEnd, events[^1].Kind);
    }

    private static FakeResponse AnthropicText(string text) => FakeResponse.Sse(
    [
        new SseEvent("message_start", """{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":1}}}"""),
        new SseEvent("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
        new SseEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":" + JsonSerializer.Serialize(text) + "}}"),
        new SseEvent("content_block_stop", """{"type":"content_block_stop","index":0}"""),
        new SseEvent("message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":3}}"""),
        new SseEvent("message_stop", """{"type":"message_stop"}"""),
    ]);

    private static FakeResponse GeminiText(string text) => FakeResponse.Sse(
    [
        new SseEvent(null, "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":" + JsonSerializer.Serialize(text) + "}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":2,\"totalTokenCount\":12},\"responseId\":\"r1\"}"),
    ]);

    private Session CreateSession(IProviderProfile profile, SessionConfig? config = null) =>
        new(_client, profile, new LocalExecutionEnvironment(_temp.Path), "You are a test agent.", config);

    /// <summary>A profile written outside the library: no provider options, one tool call at a time.</summary>
    private sealed class SequentialProfile : IProviderProfile
    {
        public SequentialProfile() => ToolRegistry.Register(CoreTools.Shell(new ShellToolOptions()));

        public string Id => "openai";

        public string Model => "gpt-5.2";

        public ToolRegistry ToolRegistry { get; } = new();

        public string BaseInstructions => "Run commands one by one.";

        public IReadOnlyList<string> ProjectDocumentNames => [];

        public bool SupportsReasoning => false;

        public bool SupportsStreaming => true;

        public bool SupportsParallelToolCalls => false;

        public int ContextWindowSize => 50_000;

        public IReadOnlyList<ToolDefinition> Tools() => ToolRegistry.Definitions();

        public string BuildSystemPrompt(EnvironmentContext environment, string projectDocuments, string? userInstructions) => BaseInstructions;
    }

    /// <summary>A consumer profile whose options cannot be built.</summary>
    private sealed class BrokenOptionsProfile : IProviderProfile
    {
        public string Id => "openai";

        public string Model => "gpt-5.2";

        public ToolRegistry ToolRegistry { get; } = new();

        public string BaseInstructions => "Broken.";

        public IReadOnlyList<string> ProjectDocumentNames => [];

        public bool SupportsReasoning => false;

        public bool SupportsStreaming => true;

        public bool SupportsParallelToolCalls => true;

        public int ContextWindowSize => 50_000;

        public IReadOnlyList<ToolDefinition> Tools() => ToolRegistry.Definitions();

        public string BuildSystemPrompt(EnvironmentContext environment, string projectDocuments, string? userInstructions) => BaseInstructions;

        public System.Text.Json.Nodes.JsonObject? ProviderOptions(string? reasoningEffort) =>
            throw new InvalidOperationException("The profile's options file is missing.");
    }
}
