// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Attractor.Llm.FakeProvider;

namespace Attractor.Llm.Tests.Anthropic;

/// <summary>Fixtures and adapter set-up shared by the Anthropic tests.</summary>
internal static class AnthropicTestSupport
{
    public const string Key = "sk-ant-api03-TEST-SECRET-0123456789abcdef";

    public static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "anthropic", name));

    public static AnthropicAdapter CreateAdapter(FakeProviderServer server, bool autoCache = true, IReadOnlyDictionary<string, string>? defaultHeaders = null) =>
        new(new AnthropicAdapterOptions
        {
            ApiKey = Key,
            BaseUrl = new Uri(server.BaseUrl, "v1").ToString(),
            AutoCache = autoCache,
            DefaultHeaders = defaultHeaders,
        });

    public static Request Ask(string text = "Hello") => new() { Model = "claude-opus-4-6", Messages = [Message.User(text)] };

    public static JsonElement Schema(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static ToolDefinition WeatherTool() => new(
        "get_weather",
        "Get the current weather in a given location",
        Schema("""{"type":"object","properties":{"location":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["location"]}"""));

    public static ToolDefinition TimeTool() => new(
        "get_time",
        "Get the current time in a given time zone",
        Schema("""{"type":"object","properties":{"timezone":{"type":"string"}},"required":["timezone"]}"""));

    /// <summary>Sends a request and returns the body the fake server received.</summary>
    public static async Task<(RecordedRequest Request, Response Response)> SendAsync(Request request, bool autoCache = true, IReadOnlyDictionary<string, string>? defaultHeaders = null)
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("text.json")));
        using var adapter = CreateAdapter(server, autoCache, defaultHeaders);
        var response = await adapter.CompleteAsync(request);
        return (Assert.Single(server.Requests), response);
    }

    public static async Task<List<StreamEvent>> CollectAsync(IAsyncEnumerable<StreamEvent> stream)
    {
        var events = new List<StreamEvent>();
        await foreach (var streamEvent in stream)
        {
            events.Add(streamEvent);
        }

        return events;
    }

    /// <summary>Counts the cache_control markers in a JSON value.</summary>
    public static int CountCacheControl(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Sum(p => (p.Name == "cache_control" ? 1 : 0) + CountCacheControl(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Sum(CountCacheControl),
        _ => 0,
    };

    public static bool HasCacheControl(JsonElement block) => block.TryGetProperty("cache_control", out var control) && control.GetProperty("type").GetString() == "ephemeral";
}
