// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm.Tests.Smoke;

/// <summary>The integration smoke test of spec §8.10, against the real providers (see <see cref="LiveProvidersFactAttribute"/>).</summary>
public sealed class LiveSmokeTests
{
    // A 1x1 red PNG.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    [LiveProvidersFact]
    public async Task Generation_streaming_tools_images_objects_and_errors_work_against_every_provider()
    {
        using var client = LlmClient.FromEnv();

        // 1. Basic generation across all providers.
        foreach (var provider in new[] { "anthropic", "openai", "gemini" })
        {
            var model = ModelCatalog.Default.GetLatestModel(provider)!;
            var result = await Llm.GenerateAsync(new GenerateOptions { Client = client, Provider = provider, Model = model.Id, Prompt = "Say hello in one sentence.", MaxTokens = 100 });
            Assert.False(string.IsNullOrWhiteSpace(result.Text));
            Assert.True(result.Usage.InputTokens > 0);
            Assert.True(result.Usage.OutputTokens > 0);
            Assert.Equal(FinishReason.Stop, result.FinishReason.Reason);
        }

        // 2. Streaming.
        var stream = Llm.StreamAsync(new GenerateOptions { Client = client, Provider = "anthropic", Model = "claude-opus-4-6", Prompt = "Write a haiku." });
        var chunks = new List<string>();
        await foreach (var item in stream)
        {
            if (item.Type == StreamEventType.TextDelta)
            {
                chunks.Add(item.Delta!);
            }
        }

        Assert.Equal(string.Concat(chunks), (await stream.ResponseAsync()).Text);

        // 3. Tool calling with parallel execution.
        var weather = Tool.Create(
            "get_weather",
            "Get the current weather for a city",
            """{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""",
            (invocation, _) => ValueTask.FromResult<object?>("72F and sunny in " + invocation.Call.Arguments.GetProperty("location").GetString()));
        var tools = await Llm.GenerateAsync(new GenerateOptions
        {
            Client = client,
            Provider = "anthropic",
            Model = "claude-opus-4-6",
            Prompt = "What is the weather in San Francisco and New York?",
            Tools = [weather],
            MaxToolRounds = 3,
        });
        Assert.True(tools.Steps.Count >= 2);
        Assert.Contains("San Francisco", tools.Text, StringComparison.Ordinal);
        Assert.Contains("New York", tools.Text, StringComparison.Ordinal);

        // 4. Image input.
        var image = await Llm.GenerateAsync(new GenerateOptions
        {
            Client = client,
            Provider = "anthropic",
            Model = "claude-opus-4-6",
            Messages = [Message.User(ContentPart.FromText("What do you see?"), ContentPart.FromImage(new ImageData(Png, "image/png")))],
        });
        Assert.False(string.IsNullOrWhiteSpace(image.Text));

        // 5. Structured output.
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},"required":["name","age"]}""");
        var person = await Llm.GenerateObjectAsync(new GenerateOptions { Client = client, Provider = "openai", Model = "gpt-5.2", Prompt = "Extract: Alice is 30 years old" }, schema.RootElement);
        Assert.Equal("Alice", person.Output!.Value.GetProperty("name").GetString());
        Assert.Equal(30, person.Output.Value.GetProperty("age").GetInt32());

        // 6. Error handling.
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Llm.GenerateAsync(new GenerateOptions { Client = client, Provider = "openai", Model = "nonexistent-model-xyz", Prompt = "test" }));
    }

    [LiveProvidersFact]
    public async Task A_five_turn_session_reads_most_of_its_prompt_from_the_cache_on_every_provider()
    {
        using var client = LlmClient.FromEnv();

        // Caching starts at about 1,024 prompt tokens on every provider: the system prompt alone is well above that.
        var system = string.Join(' ', Enumerable.Range(0, 1500).Select(i => "rule" + i + ": answer briefly and precisely."));
        foreach (var provider in new[] { "anthropic", "openai", "gemini" })
        {
            var options = new GenerateOptions { Client = client, Provider = provider, Model = ModelCatalog.Default.GetLatestModel(provider)!.Id, System = system, MaxTokens = 50 };
            List<Message> conversation = [];
            Usage? last = null;
            for (var turn = 1; turn <= 5; turn++)
            {
                conversation.Add(Message.User("Turn " + turn + ": name one prime number."));
                var result = await Llm.GenerateAsync(options with { Messages = conversation });
                conversation.Add(result.Response.Message);
                last = result.Usage;
            }

            Assert.True(last!.CacheReadTokens > last.InputTokens / 2, $"{provider}: {last.CacheReadTokens} of {last.InputTokens} input tokens cached on turn 5");
        }
    }
}
