// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm.FakeProvider;
using Attractor.Llm.Tests.Anthropic;
using Attractor.Llm.Tests.Gemini;
using Microsoft.Extensions.AI;

namespace Attractor.Llm.Tests.Interop;

/// <summary>The IChatClient bridge over a real adapter speaking Anthropic's wire format to the fake server.</summary>
public sealed class ProviderInteropTests
{
    [Fact]
    public async Task A_streamed_turn_with_thinking_and_redacted_thinking_goes_back_to_Anthropic_intact()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(AnthropicTestSupport.Fixture("thinking.sse")), FakeResponse.Json(AnthropicTestSupport.Fixture("text.json")));
        using var client = new LlmClient([AnthropicTestSupport.CreateAdapter(server)], "anthropic");
        using var chat = client.AsIChatClient("claude-opus-4-6");
        List<ChatMessage> history = [new(ChatRole.User, "What is 27 * 453?")];

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync(history))
        {
            updates.Add(update);
        }

        var streamed = updates.ToChatResponse();
        Assert.Equal("27 * 453 = 12,231", streamed.Text);
        Assert.Equal("msg_01ThinkingExample8XcRzq4", streamed.ResponseId);
        history.AddRange(streamed.Messages);
        history.Add(new ChatMessage(ChatRole.User, "Thanks"));
        var answer = await chat.GetResponseAsync(history);

        Assert.Equal("Hello! How can I help you today?", answer.Text);
        var assistant = server.Requests[1].Json.GetProperty("messages")[1];
        Assert.Equal("assistant", assistant.GetProperty("role").GetString());
        var blocks = assistant.GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(["thinking", "redacted_thinking", "text"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.StartsWith("Let me solve this step by step:", blocks[0].GetProperty("thinking").GetString(), StringComparison.Ordinal);
        Assert.Equal("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds4iXM5l7pkGtOsr5vyjQ9yH4SeGvmZAb", blocks[0].GetProperty("signature").GetString());
        Assert.Equal("EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB5URj", blocks[1].GetProperty("data").GetString());
        Assert.Equal("27 * 453 = 12,231", blocks[2].GetProperty("text").GetString());
    }

    [Fact]
    public async Task FunctionInvokingChatClient_drives_a_streamed_Anthropic_tool_call_to_an_answer()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(AnthropicTestSupport.Fixture("tool_use.sse")), FakeResponse.SseTranscript(AnthropicTestSupport.Fixture("text.sse")));
        using var client = new LlmClient([AnthropicTestSupport.CreateAdapter(server)], "anthropic");
        string? askedLocation = null;
        var weather = AIFunctionFactory.Create(
            (string location, string unit) =>
            {
                askedLocation = location;
                return "68 " + unit;
            },
            "get_weather",
            "Get the current weather in a given location");
        using var agent = new ChatClientBuilder(client.AsIChatClient("claude-opus-4-6")).UseFunctionInvocation().Build();

        var text = new List<string>();
        await foreach (var update in agent.GetStreamingResponseAsync("Weather in San Francisco?", new ChatOptions { Tools = [weather] }))
        {
            text.Add(update.Text);
        }

        Assert.Equal("San Francisco, CA", askedLocation);
        Assert.NotEmpty(string.Concat(text));
        var second = server.Requests[1].Json.GetProperty("messages");
        var toolUse = second[1].GetProperty("content").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "tool_use");
        Assert.Equal("toolu_01T1x1fJ34qAmk2tNTrN7Up6", toolUse.GetProperty("id").GetString());
        Assert.Equal("fahrenheit", toolUse.GetProperty("input").GetProperty("unit").GetString());
        var toolResult = second[2].GetProperty("content")[0];
        Assert.Equal("tool_result", toolResult.GetProperty("type").GetString());
        Assert.Equal("toolu_01T1x1fJ34qAmk2tNTrN7Up6", toolResult.GetProperty("tool_use_id").GetString());
        Assert.Contains("68 fahrenheit", toolResult.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("get_weather", server.Requests[0].Json.GetProperty("tools")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task FunctionInvokingChatClient_keeps_Gemini_thought_signatures_on_streamed_parallel_calls()
    {
        await using var server = await FakeProviderServer.StartAsync();
        server.Enqueue(FakeResponse.SseTranscript(GeminiTestSupport.Fixture("stream-thinking-tools.sse")), FakeResponse.SseTranscript(GeminiTestSupport.Fixture("stream-text.sse")));
        using var client = new LlmClient([GeminiTestSupport.CreateAdapter(server)], "gemini");
        var asked = new List<string>();
        var weather = AIFunctionFactory.Create(
            (string location) =>
            {
                lock (asked)
                {
                    asked.Add(location);
                }

                return "sunny";
            },
            "get_weather");
        using var agent = new ChatClientBuilder(client.AsIChatClient("gemini-3-pro-preview")).UseFunctionInvocation().Build();

        await foreach (var update in agent.GetStreamingResponseAsync("Weather in SF and NYC?", new ChatOptions { Tools = [weather] }))
        {
            Assert.NotNull(update);
        }

        Assert.Equal(["New York, NY", "San Francisco, CA"], asked.Order(StringComparer.Ordinal));
        var model = server.Requests[1].Json.GetProperty("contents")[1];
        Assert.Equal("model", model.GetProperty("role").GetString());
        var calls = model.GetProperty("parts").EnumerateArray().Where(p => p.TryGetProperty("functionCall", out _)).ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal("San Francisco, CA", calls[0].GetProperty("functionCall").GetProperty("args").GetProperty("location").GetString());
        Assert.Equal("EpYCCpMCAdHtim9sig1==", calls[0].GetProperty("thoughtSignature").GetString());
        Assert.False(calls[1].TryGetProperty("thoughtSignature", out _));
    }
}
