// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Attractor.Llm.FakeProvider;

namespace Attractor.Llm.Tests.HighLevel;

/// <summary>
/// The high-level tool loop over the real adapters and their wire formats (fake servers replaying the providers'
/// documented responses): calls are parsed from each provider's format, executed, and the results go back in it.
/// </summary>
public sealed class ProviderToolLoopTests
{
    private const string WeatherSchema = """
        {"type":"object","properties":{"location":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["location"]}
        """;

    public static TheoryData<string> Providers => ["openai", "anthropic", "gemini"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Generate_executes_the_providers_tool_calls_and_sends_the_results_back(string provider)
    {
        await using var server = await FakeProviderServer.StartAsync();
        var (toolCalls, text, _, _, model) = Fixtures(provider);
        server.Enqueue(FakeResponse.Json(toolCalls), FakeResponse.Json(text));
        using var client = new LlmClient([Adapter(provider, server)], provider);
        var locations = new List<string>();

        var result = await Llm.GenerateAsync(new GenerateOptions { Client = client, Model = model, Prompt = "What is the weather?", Tools = [Weather(locations)] });

        Assert.Equal(2, result.Steps.Count);
        Assert.Equal(2, server.Requests.Count);
        Assert.NotEmpty(result.Steps[0].ToolCalls);
        Assert.Equal(result.Steps[0].ToolCalls.Count, locations.Count);
        Assert.All(result.Steps[0].ToolResults, r => Assert.False(r.IsError, r.Content.ToString()));
        Assert.False(string.IsNullOrEmpty(result.Text));
        Assert.All(locations, l => Assert.Contains(Strings(server.Requests[1].Json), s => s.Contains("sunny in " + l, StringComparison.Ordinal)));
        Assert.True(result.TotalUsage.InputTokens > result.Usage.InputTokens);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Streaming_executes_the_providers_tool_calls_between_steps(string provider)
    {
        await using var server = await FakeProviderServer.StartAsync();
        var (_, _, toolStream, textStream, model) = Fixtures(provider);
        server.Enqueue(FakeResponse.SseTranscript(toolStream), FakeResponse.SseTranscript(textStream));
        using var client = new LlmClient([Adapter(provider, server)], provider);
        var locations = new List<string>();

        var stream = Llm.StreamAsync(new GenerateOptions { Client = client, Model = model, Prompt = "What is the weather?", Tools = [Weather(locations)] });
        var types = new List<StreamEventType>();
        var text = new List<string>();
        await foreach (var item in stream)
        {
            types.Add(item.Type);
            if (item.Type == StreamEventType.TextDelta && types.Contains(StreamEventType.StepFinish))
            {
                text.Add(item.Delta!);
            }
        }

        var result = await stream.ResultAsync();
        Assert.Equal(2, result.Steps.Count);
        Assert.NotEmpty(locations);
        Assert.Contains(StreamEventType.ToolCallEnd, types);
        Assert.Equal(1, types.Count(t => t == StreamEventType.StepFinish));
        Assert.Equal(StreamEventType.Finish, types[^1]);
        Assert.Equal(string.Concat(text), result.Text);
        Assert.All(locations, l => Assert.Contains(Strings(server.Requests[1].Json), s => s.Contains("sunny in " + l, StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_rate_limited_first_attempt_is_retried_transparently(string provider)
    {
        await using var server = await FakeProviderServer.StartAsync();
        var (_, text, _, _, model) = Fixtures(provider);
        server.Enqueue(FakeResponse.Error(429, RateLimitBody(provider), retryAfter: "3"), FakeResponse.Json(text));
        using var client = new LlmClient([Adapter(provider, server)], provider);
        var clock = new InstantTimeProvider();

        var result = await Llm.GenerateAsync(new GenerateOptions { Client = client, Model = model, Prompt = "Hello", TimeProvider = clock });

        Assert.False(string.IsNullOrEmpty(result.Text));
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(3)], clock.Delays);
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static Tool Weather(List<string> locations) => Tool.Create("get_weather", "Gets the weather.", WeatherSchema, (invocation, _) =>
    {
        var location = invocation.Arguments.GetProperty("location").GetString()!;
        lock (locations)
        {
            locations.Add(location);
        }

        return ValueTask.FromResult<object?>("sunny in " + location);
    });

    private static (string ToolCalls, string Text, string ToolStream, string TextStream, string Model) Fixtures(string provider) => provider switch
    {
        "openai" => (Fixture(provider, "responses-tool-calls.json"), Fixture(provider, "responses-text.json"), Fixture(provider, "stream-tool-call.sse"), Fixture(provider, "stream-text.sse"), "gpt-5.2"),
        "anthropic" => (Fixture(provider, "tool_use.json"), Fixture(provider, "text.json"), Fixture(provider, "tool_use.sse"), Fixture(provider, "text.sse"), "claude-opus-4-6"),
        _ => (Fixture(provider, "parallel-calls-response.json"), Fixture(provider, "text-response.json"), Fixture(provider, "stream-thinking-tools.sse"), Fixture(provider, "stream-text.sse"), "gemini-3.1-pro-preview"),
    };

    private static string RateLimitBody(string provider) => provider switch
    {
        "openai" => Fixture(provider, "error-429.json"),
        "anthropic" => Fixture(provider, "error_429.json"),
        _ => Fixture(provider, "error-429-resource-exhausted.json"),
    };

    private static string Fixture(string provider, string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", provider, name));

    private static IProviderAdapter Adapter(string provider, FakeProviderServer server) => provider switch
    {
        "openai" => new OpenAIAdapter(new OpenAIAdapterOptions { ApiKey = "sk-test", BaseUrl = new Uri(server.BaseUrl, "v1").ToString() }),
        "anthropic" => new AnthropicAdapter(new AnthropicAdapterOptions { ApiKey = "sk-ant-test", BaseUrl = new Uri(server.BaseUrl, "v1").ToString() }),
        _ => new GeminiAdapter(new GeminiAdapterOptions { ApiKey = "AIza-test", BaseUrl = new Uri(server.BaseUrl, "v1beta").ToString() }),
    };

}
