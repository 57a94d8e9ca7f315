// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm;
using Attractor.Llm.FakeProvider;

namespace Attractor.Agent.Tests;

/// <summary>A fake OpenAI server answering parent and subagents by script, the real adapter, a real temp directory and the OpenAI profile.</summary>
internal sealed class SubagentHarness : IAsyncDisposable
{
    public const string ParentTask = "PARENT: delegate the work.";

    private readonly TempDirectory _temp = new();

    private SubagentHarness(FakeProviderServer server)
    {
        Server = server;
        Server.Responder = Scripts.Respond;
        Client = new LlmClient([new OpenAIAdapter(new OpenAIAdapterOptions { ApiKey = "sk-test", BaseUrl = new Uri(server.BaseUrl, "v1").ToString() })], "openai");
        Environment = new LocalExecutionEnvironment(_temp.Path);
    }

    public FakeProviderServer Server { get; }

    public AgentScripts Scripts { get; } = new(AgentScripts.OpenAIFirstUserText);

    public LlmClient Client { get; }

    public LocalExecutionEnvironment Environment { get; }

    public ProviderProfile Profile { get; } = ProviderProfile.OpenAI("gpt-5.2-codex", ModelCatalog.BuiltIn);

    public string Directory => _temp.Path;

    public static async Task<SubagentHarness> StartAsync() => new(await FakeProviderServer.StartAsync());

    public Task<Session> CreateSessionAsync(SessionConfig? config = null) => Profile.CreateSessionAsync(Client, Environment, config: config);

    /// <summary>The output of the tool call <paramref name="callId"/> as the parent's model received it.</summary>
    public string ParentToolOutput(string callId) =>
        Scripts.RequestsOf(ParentTask).Select(ResponsesWire.ToolOutputs).First(outputs => outputs.ContainsKey(callId))[callId];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        _temp.Dispose();
    }
}
