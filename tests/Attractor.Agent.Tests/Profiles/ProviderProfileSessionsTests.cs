// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm;
using Attractor.Llm.FakeProvider;

namespace Attractor.Agent.Tests;

/// <summary>A profile starts a session with its tools and layered system prompt, against a fake OpenAI server.</summary>
public sealed class ProviderProfileSessionsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Session_from_the_openai_profile_sends_its_prompt_and_tools_and_applies_a_patch()
    {
        await using var server = await FakeProviderServer.StartAsync();
        using var client = new LlmClient([new OpenAIAdapter(new OpenAIAdapterOptions { ApiKey = "sk-test", BaseUrl = new Uri(server.BaseUrl, "v1").ToString() })], "openai");
        _temp.Write("AGENTS.md", "PROJECT-RULE");
        const string Patch = "*** Begin Patch\n*** Add File: made.txt\n+patched\n*** End Patch";
        server.Enqueue(ResponsesWire.Calls(("call_1", "apply_patch", new { patch = Patch })), ResponsesWire.Text("Done."));
        var profile = ProviderProfile.OpenAI("gpt-5.2-codex", ModelCatalog.BuiltIn);

        await using var session = await profile.CreateSessionAsync(client, new LocalExecutionEnvironment(_temp.Path), "USER-RULE");
        await session.SubmitAsync("Create made.txt.");

        var request = server.Requests[0].Json;
        var instructions = request.GetProperty("instructions").GetString()!;
        Assert.StartsWith(profile.BaseInstructions.Trim(), instructions, StringComparison.Ordinal);
        Assert.Contains("<environment>", instructions, StringComparison.Ordinal);
        Assert.Contains("PROJECT-RULE", instructions, StringComparison.Ordinal);
        Assert.EndsWith("USER-RULE\n</user_instructions>", instructions, StringComparison.Ordinal);
        Assert.Equal("gpt-5.2-codex", request.GetProperty("model").GetString());
        Assert.Equal(
            ["read_file", "apply_patch", "write_file", "shell", "grep", "glob", "spawn_agent", "send_input", "wait", "close_agent"],
            request.GetProperty("tools").EnumerateArray().Select(tool => tool.GetProperty("name").GetString()));
        Assert.Equal("patched\n", await File.ReadAllTextAsync(Path.Combine(_temp.Path, "made.txt")));
        Assert.Equal(profile.ContextWindowSize, session.Config.ContextWindowSize);
    }
}
