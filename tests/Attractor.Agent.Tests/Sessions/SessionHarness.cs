// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm;
using Attractor.Llm.FakeProvider;

namespace Attractor.Agent.Tests;

/// <summary>A fake OpenAI server, the real OpenAI adapter, a real temp directory and the core tools.</summary>
internal sealed class SessionHarness : IAsyncDisposable
{
    private readonly TempDirectory _temp = new();

    private SessionHarness(FakeProviderServer server)
    {
        Server = server;
        Client = new LlmClient([new OpenAIAdapter(new OpenAIAdapterOptions { ApiKey = "sk-test", BaseUrl = new Uri(server.BaseUrl, "v1").ToString() })], "openai");
        Environment = new LocalExecutionEnvironment(_temp.Path);
        foreach (var tool in CoreTools.All())
        {
            Tools.Register(tool);
        }
    }

    public FakeProviderServer Server { get; }

    public LlmClient Client { get; }

    public LocalExecutionEnvironment Environment { get; }

    public ToolRegistry Tools { get; } = new();

    public string Directory => _temp.Path;

    public static async Task<SessionHarness> StartAsync() => new(await FakeProviderServer.StartAsync());

    public Session CreateSession(SessionConfig? config = null) =>
        new(Client, "openai", "gpt-5.2", Environment, Tools, "You are a test agent.", config);

    /// <summary>Reads all events of a session until it closes.</summary>
    public static Task<List<SessionEvent>> CollectAsync(Session session) => Task.Run(async () =>
    {
        var events = new List<SessionEvent>();
        await foreach (var item in session.Events)
        {
            events.Add(item);
        }

        return events;
    });

    /// <summary>Reads all events of a session until it closes; <paramref name="seen"/> completes with the first event matching <paramref name="watch"/>.</summary>
    public static Task<List<SessionEvent>> CollectAsync(Session session, Func<SessionEvent, bool> watch, out Task<SessionEvent> seen)
    {
        var first = new TaskCompletionSource<SessionEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        seen = first.Task;
        return Task.Run(async () =>
        {
            var events = new List<SessionEvent>();
            await foreach (var item in session.Events)
            {
                events.Add(item);
                if (watch(item))
                {
                    first.TrySetResult(item);
                }
            }

            first.TrySetException(new InvalidOperationException("The session closed before the awaited event."));
            return events;
        });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        _temp.Dispose();
    }
}
