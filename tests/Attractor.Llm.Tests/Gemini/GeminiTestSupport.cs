// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using Attractor.Llm.FakeProvider;

namespace Attractor.Llm.Tests.Gemini;

internal static class GeminiTestSupport
{
    public const string Key = "AIzaSyTEST-secret-0123456789abcdef";

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "gemini", name));

    public static GeminiAdapter CreateAdapter(FakeProviderServer server, AdapterTimeout? timeout = null, IReadOnlyDictionary<string, string>? headers = null) => new(new GeminiAdapterOptions
    {
        ApiKey = Key,
        BaseUrl = new Uri(server.BaseUrl, "v1beta").ToString(),
        Timeout = timeout,
        DefaultHeaders = headers,
    });

    public static Request Ask(string text, string model = "gemini-2.5-flash") => new() { Model = model, Messages = [Message.User(text)] };

    public static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static async Task<List<StreamEvent>> CollectAsync(IAsyncEnumerable<StreamEvent> events)
    {
        var list = new List<StreamEvent>();
        await foreach (var e in events)
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>Sends a request and returns the body the fake server received.</summary>
    public static async Task<JsonElement> SentBodyAsync(Request request)
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.Json(Fixture("text-response.json")));
        using var adapter = CreateAdapter(server);
        await adapter.CompleteAsync(request);
        return server.Requests.Single().Json;
    }
}
