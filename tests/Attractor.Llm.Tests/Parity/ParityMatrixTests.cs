// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;
using Attractor.Llm.FakeProvider;

namespace Attractor.Llm.Tests.Parity;

/// <summary>
/// The cross-provider parity matrix of spec §8.9: every row is one test, run once per provider (the columns) through
/// the public API against a fake server speaking that provider's wire format.
/// </summary>
public sealed class ParityMatrixTests
{
    private const string WeatherSchema = """{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""";

    public static TheoryData<string> Providers => new() { "openai", "anthropic", "gemini" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Simple_text_generation(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        server.Enqueue(wire.Text("Hello from the fake " + provider + ".", new WireUsage(12, 7)));

        var result = await Llm.GenerateAsync(Options(wire, client) with { Prompt = "Say hello in one sentence." });

        Assert.Equal("Hello from the fake " + provider + ".", result.Text);
        Assert.Equal(FinishReason.Stop, result.FinishReason.Reason);
        Assert.Equal(provider, result.Response.Provider);
        Assert.Contains("Say hello in one sentence.", server.Requests[0].Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Streaming_text_generation(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        server.Enqueue(wire.StreamText(["Code ", "flows ", "like ", "water."], new WireUsage(10, 6)));

        var stream = Llm.StreamAsync(Options(wire, client) with { Prompt = "Write a haiku." });
        var events = new List<StreamEvent>();
        await foreach (var item in stream)
        {
            events.Add(item);
        }

        var response = await stream.ResponseAsync();
        Assert.Equal(StreamEventType.StreamStart, events[0].Type);
        Assert.Equal(StreamEventType.Finish, events[^1].Type);
        Assert.Equal("Code flows like water.", string.Concat(events.Where(e => e.Type == StreamEventType.TextDelta).Select(e => e.Delta)));
        Assert.Equal("Code flows like water.", response.Text);
        var types = events.Select(e => e.Type).ToList();
        Assert.True(types.IndexOf(StreamEventType.TextStart) < types.IndexOf(StreamEventType.TextDelta));
        Assert.True(types.LastIndexOf(StreamEventType.TextEnd) > types.LastIndexOf(StreamEventType.TextDelta));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Image_input_base64(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        server.Enqueue(wire.Text("A tiny image.", new WireUsage(90, 4)));
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

        await Llm.GenerateAsync(Options(wire, client) with
        {
            Messages = [Message.User(ContentPart.FromText("What do you see?"), ContentPart.FromImage(new ImageData(png, "image/png")))],
        });

        Assert.Equal([Convert.ToBase64String(png)], wire.InlineImages(server.Requests[0].Json));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Image_input_url(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        server.Enqueue(wire.Text("A cat.", new WireUsage(90, 3)));

        await Llm.GenerateAsync(Options(wire, client) with
        {
            Messages = [Message.User(ContentPart.FromText("What is this?"), ContentPart.FromImage(new ImageData("https://example.com/cat.png", "image/png")))],
        });

        Assert.Equal(["https://example.com/cat.png"], wire.ImageUrls(server.Requests[0].Json));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Single_tool_call_and_execution(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        var call = new WireCall("call_sf1", "get_weather", """{"location":"San Francisco"}""");
        server.Enqueue(wire.ToolCalls([call], new WireUsage(50, 10)), wire.Text("It is 18 C in San Francisco.", new WireUsage(80, 9)));
        var seen = new List<string>();

        var result = await Llm.GenerateAsync(Options(wire, client) with
        {
            Prompt = "Weather in San Francisco?",
            Tools = [Weather(seen)],
        });

        Assert.Equal(["San Francisco"], seen);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal([wire.ResultKey(call)], wire.ToolResultKeys(server.Requests[1].Json));
        Assert.Contains("18 C in San Francisco", server.Requests[1].Body, StringComparison.Ordinal);
        Assert.Equal(2, result.Steps.Count);
        Assert.Equal("It is 18 C in San Francisco.", result.Text);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Multiple_parallel_tool_calls(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        WireCall[] calls = [new("call_sf", "get_weather", """{"location":"San Francisco"}"""), new("call_ny", "get_weather", """{"location":"New York"}""")];
        server.Enqueue(wire.ToolCalls(calls, new WireUsage(60, 20)), wire.Text("San Francisco 18 C, New York 5 C.", new WireUsage(120, 12)));
        var arrived = 0;
        var bothRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each handler waits until the other has started: sequential execution would never finish.
        var tool = Tool.Create("get_weather", "Current weather", WeatherSchema, async (invocation, ct) =>
        {
            if (Interlocked.Increment(ref arrived) == 2)
            {
                bothRunning.SetResult();
            }

            await bothRunning.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            return "18 C in " + invocation.Call.Arguments.GetProperty("location").GetString();
        });

        var result = await Llm.GenerateAsync(Options(wire, client) with { Prompt = "Weather in SF and NY?", Tools = [tool] });

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(calls.Select(wire.ResultKey), wire.ToolResultKeys(server.Requests[1].Json));
        var body = server.Requests[1].Body;
        Assert.True(body.IndexOf("18 C in San Francisco", StringComparison.Ordinal) < body.IndexOf("18 C in New York", StringComparison.Ordinal));
        Assert.Equal(2, result.Steps[0].ToolResults.Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Multi_step_tool_loop_with_three_rounds(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        WireCall[] rounds = [new("call_1", "get_weather", """{"location":"Paris"}"""), new("call_2", "get_weather", """{"location":"Rome"}"""), new("call_3", "get_weather", """{"location":"Oslo"}""")];
        server.Enqueue([.. rounds.Select(c => wire.ToolCalls([c], new WireUsage(40, 8))), wire.Text("Paris, Rome and Oslo checked.", new WireUsage(100, 8))]);
        var seen = new List<string>();

        var result = await Llm.GenerateAsync(Options(wire, client) with { Prompt = "Check three cities.", Tools = [Weather(seen)], MaxToolRounds = 3 });

        Assert.Equal(["Paris", "Rome", "Oslo"], seen);
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(4, result.Steps.Count);
        Assert.Equal(rounds.Select(wire.ResultKey), wire.ToolResultKeys(server.Requests[3].Json));
        Assert.Equal("Paris, Rome and Oslo checked.", result.Text);
        Assert.Equal(220, result.TotalUsage.InputTokens);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Streaming_with_tool_calls(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        var call = new WireCall("call_s1", "get_weather", """{"location":"Lisbon"}""");
        server.Enqueue(wire.StreamToolCalls([call], new WireUsage(50, 10)), wire.StreamText(["Sunny ", "in Lisbon."], new WireUsage(70, 5)));
        var seen = new List<string>();

        var stream = Llm.StreamAsync(Options(wire, client) with { Prompt = "Weather in Lisbon?", Tools = [Weather(seen)] });
        var events = new List<StreamEvent>();
        await foreach (var item in stream)
        {
            events.Add(item);
        }

        Assert.Equal(["Lisbon"], seen);
        var end = Assert.Single(events, e => e.Type == StreamEventType.ToolCallEnd);
        Assert.Equal("get_weather", end.ToolCall!.Name);
        Assert.Equal("Lisbon", end.ToolCall.Arguments.GetProperty("location").GetString());
        var types = events.Select(e => e.Type).ToList();
        Assert.True(types.IndexOf(StreamEventType.ToolCallStart) < types.IndexOf(StreamEventType.ToolCallEnd));
        Assert.True(types.IndexOf(StreamEventType.StepFinish) > types.IndexOf(StreamEventType.ToolCallEnd));
        Assert.True(types.IndexOf(StreamEventType.TextDelta) > types.IndexOf(StreamEventType.StepFinish));
        Assert.Equal("Sunny in Lisbon.", (await stream.ResponseAsync()).Text);
        Assert.Equal([wire.ResultKey(call)], wire.ToolResultKeys(server.Requests[1].Json));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Structured_output_generate_object(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        server.Enqueue(wire.Text("""{"name":"Alice","age":30}""", new WireUsage(40, 9)));
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},"required":["name","age"]}""");

        var result = await Llm.GenerateObjectAsync(Options(wire, client) with { Prompt = "Extract: Alice is 30 years old" }, schema.RootElement);

        Assert.Equal("Alice", result.Output!.Value.GetProperty("name").GetString());
        Assert.Equal(30, result.Output.Value.GetProperty("age").GetInt32());
        Assert.True(wire.AsksForSchema(server.Requests[0].Json), server.Requests[0].Body);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reasoning_token_reporting(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        server.Enqueue(wire.Text("42.", new WireUsage(30, 60, Reasoning: 48)));

        var result = await Llm.GenerateAsync(Options(wire, client) with { Prompt = "Think, then answer." });

        var reasoning = Assert.NotNull(result.Usage.ReasoningTokens);
        if (wire.ExactReasoningTokens)
        {
            Assert.Equal(48, reasoning);
        }
        else
        {
            Assert.InRange(reasoning, 1, 60);
        }

        Assert.Equal(60, result.Usage.OutputTokens);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Error_handling_invalid_api_key_is_an_authentication_error_never_retried(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        server.Enqueue(wire.Unauthorized(), wire.Text("unreachable", new WireUsage(1, 1)));

        var error = await Assert.ThrowsAsync<AuthenticationException>(() => Llm.GenerateAsync(Options(wire, client) with { Prompt = "test" }));

        Assert.Single(server.Requests);
        Assert.False(error.Retryable);
        Assert.Equal(401, error.StatusCode);
        Assert.DoesNotContain(ProviderWire.Key, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Error_handling_rate_limit_is_retried_transparently(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        server.Enqueue(wire.RateLimited(retryAfter: "0"), wire.Text("Made it.", new WireUsage(5, 3)));

        var result = await Llm.GenerateAsync(Options(wire, client) with { Prompt = "test" });

        Assert.Equal("Made it.", result.Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Error_handling_rate_limit_surfaces_with_retry_after_when_retries_are_off(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        server.Enqueue(wire.RateLimited(retryAfter: "12"));

        var error = await Assert.ThrowsAsync<RateLimitException>(() => Llm.GenerateAsync(Options(wire, client) with { Prompt = "test", MaxRetries = 0 }));

        Assert.True(error.Retryable);
        Assert.Equal(TimeSpan.FromSeconds(12), error.RetryAfter);
        Assert.Single(server.Requests);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Usage_token_counts_are_accurate(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        server.Enqueue(wire.Text("Counted.", new WireUsage(1234, 56)));

        var usage = (await Llm.GenerateAsync(Options(wire, client) with { Prompt = "count" })).Usage;

        Assert.Equal(1234, usage.InputTokens);
        Assert.Equal(56, usage.OutputTokens);
        Assert.Equal(1290, usage.TotalTokens);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Prompt_caching_reports_cache_reads_from_turn_two_through_turn_five(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;

        // The server reports what a provider's prefix cache would: everything but the newest turn was cached.
        for (var turn = 1; turn <= 5; turn++)
        {
            var input = 2000 + (turn * 100);
            server.Enqueue(wire.Text("Answer " + turn + ".", new WireUsage(input, 10, CacheRead: turn == 1 ? 0 : input - 150)));
        }

        var options = Options(wire, client) with { System = new string('S', 4000) };
        List<Message> conversation = [];
        var usages = new List<Usage>();
        for (var turn = 1; turn <= 5; turn++)
        {
            conversation.Add(Message.User("Turn " + turn + "."));
            var result = await Llm.GenerateAsync(options with { Messages = conversation });
            conversation.Add(result.Response.Message);
            usages.Add(result.Usage);
        }

        Assert.All(usages.Skip(1), usage => Assert.True(usage.CacheReadTokens > usage.InputTokens / 2, $"{usage.CacheReadTokens} of {usage.InputTokens}"));
        Assert.Equal(2500 - 150, usages[4].CacheReadTokens);
        if (provider == "anthropic")
        {
            // Anthropic caches only what a request marks: every turn carries breakpoints, the newest one on the latest user turn.
            Assert.All(server.Requests, r => Assert.Contains("cache_control", r.Body, StringComparison.Ordinal));
            var lastTurn = server.Requests[4].Json.GetProperty("messages").EnumerateArray().Last();
            Assert.Contains("cache_control", lastTurn.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Provider_specific_options_pass_through(string provider)
    {
        var (wire, server, client) = await StartAsync(provider);
        await using var _ = server;
        server.Enqueue(wire.Text("ok", new WireUsage(3, 1)));
        var options = new JsonObject { [provider] = new JsonObject { ["parity_probe"] = 42 }, ["someone_else"] = new JsonObject { ["parity_probe"] = 7 } };

        await Llm.GenerateAsync(Options(wire, client) with { Prompt = "probe", ProviderOptions = options });

        Assert.True(wire.CarriesProbeOption(server.Requests[0].Json), server.Requests[0].Body);
        Assert.DoesNotContain("someone_else", server.Requests[0].Body, StringComparison.Ordinal);
    }

    private static async Task<(ProviderWire Wire, FakeProviderServer Server, LlmClient Client)> StartAsync(string provider)
    {
        ProviderWire wire = provider switch
        {
            "openai" => new OpenAIParityWire(),
            "anthropic" => new AnthropicParityWire(),
            "gemini" => new GeminiParityWire(),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };
        var server = await FakeProviderServer.StartAsync();
        return (wire, server, new LlmClient([wire.CreateAdapter(server)], wire.Name));
    }

    private static GenerateOptions Options(ProviderWire wire, LlmClient client) => new() { Model = wire.Model, Client = client };

    private static Tool Weather(List<string> seen) => Tool.Create("get_weather", "Current weather for a city", WeatherSchema, (invocation, _) =>
    {
        var location = invocation.Call.Arguments.GetProperty("location").GetString()!;
        lock (seen)
        {
            seen.Add(location);
        }

        return ValueTask.FromResult<object?>("18 C in " + location);
    });
}
