// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Backends.Tests;

/// <summary>The agent backend picks the provider profile and model from the node (after the stylesheet).</summary>
public sealed class AgentModelSelectionTests
{
    [Fact]
    public async Task Provider_model_and_reasoning_effort_of_each_node_reach_the_wire_with_the_matching_profile()
    {
        await using var harness = await BackendHarness.StartAsync();
        harness.Server.Enqueue(
            Wire.AnthropicText("reviewed", "claude-sonnet-4-5"),
            Wire.Text("built"),
            Wire.Text("defaulted"));
        // Single-shot calls, so the scripted bodies are plain JSON (streaming is covered by the pipeline tests).
        await using var backend = new AgentCodergenBackend(harness.Options() with { SessionConfig = new Agent.SessionConfig { Streaming = false } });

        var result = await harness.RunAsync("""
            digraph G {
              graph [model_stylesheet=".claude { llm_provider: anthropic; llm_model: claude-sonnet-4-5; }"]
              start [shape=Mdiamond]; exit [shape=Msquare]
              review [class="claude", prompt="Review"]
              build [llm_model="gpt-5.2", reasoning_effort="low", prompt="Build"]
              plain [prompt="Anything"]
              start -> review -> build -> plain -> exit
            }
            """, backend);

        Assert.True(result.Succeeded, result.FailureReason);
        var requests = harness.Server.Requests;
        Assert.Equal(["/v1/messages", "/v1/responses", "/v1/responses"], requests.Select(r => r.Path));

        var anthropic = requests[0].Json;
        Assert.Equal("claude-sonnet-4-5", anthropic.GetProperty("model").GetString());
        Assert.Equal("enabled", anthropic.GetProperty("thinking").GetProperty("type").GetString()); // the profile's options: default effort high on a reasoning model
        Assert.Contains("edit_file", anthropic.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()));

        var openai = requests[1].Json;
        Assert.Equal("gpt-5.2", openai.GetProperty("model").GetString());
        Assert.Equal("low", openai.GetProperty("reasoning").GetProperty("effort").GetString());
        Assert.Contains("apply_patch", openai.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()));

        // No model anywhere: the OpenAI profile's default.
        Assert.Equal(Agent.ProviderProfile.OpenAI().Model, requests[2].Json.GetProperty("model").GetString());
    }
}
