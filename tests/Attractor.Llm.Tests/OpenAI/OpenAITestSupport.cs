// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm.FakeProvider;

namespace Attractor.Llm.Tests.OpenAI;

/// <summary>Fixtures and adapters pointed at a fake server.</summary>
internal static class OpenAITestSupport
{
    public const string Key = "sk-test-SECRET-0123456789";

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "openai", name));

    public static OpenAIAdapter Adapter(FakeProviderServer server, AdapterTimeout? timeout = null, string? organization = null, string? project = null) => new(new OpenAIAdapterOptions
    {
        ApiKey = Key,
        BaseUrl = new Uri(server.BaseUrl, "v1").ToString(),
        Organization = organization,
        Project = project,
        Timeout = timeout,
    });

    public static Request Ask(string text = "Hello") => new() { Model = "gpt-5.2", Messages = [Message.User(text)] };

    public static async Task<List<StreamEvent>> CollectAsync(IAsyncEnumerable<StreamEvent> stream)
    {
        var events = new List<StreamEvent>();
        await foreach (var item in stream)
        {
            events.Add(item);
        }

        return events;
    }
}
