// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json;

namespace Attractor.Llm.Tests.HighLevel;

public sealed class ToolLoopTests
{
    private const string WeatherSchema = """
        {"type":"object","properties":{"city":{"type":"string","minLength":1},"unit":{"type":"string","enum":["c","f"]}},"required":["city"],"additionalProperties":false}
        """;

    private static Tool Weather(Func<JsonElement, object?>? answer = null, List<ToolInvocation>? seen = null) =>
        Tool.Create("get_weather", "Gets the weather.", WeatherSchema, (invocation, _) =>
        {
            lock (seen ?? [])
            {
                seen?.Add(invocation);
            }

            return ValueTask.FromResult(answer?.Invoke(invocation.Arguments) ?? (object?)("sunny in " + invocation.Arguments.GetProperty("city").GetString()));
        });

    [Fact]
    public async Task An_active_tool_is_executed_and_its_result_sent_back_in_a_second_call()
    {
        var seen = new List<ToolInvocation>();
        var adapter = new ScriptedAdapter()
            .Respond(Fake.CallsWithText("Let me check.", ("call_1", "get_weather", """{"city":"Paris"}""")))
            .Respond(Fake.Text("It is sunny in Paris.", input: 40, output: 9));
        using var client = new LlmClient([adapter], "scripted");

        var result = await Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "Weather in Paris?", Tools = [Weather(seen: seen)] });

        Assert.Equal("It is sunny in Paris.", result.Text);
        Assert.Equal(2, result.Steps.Count);
        Assert.Equal(2, adapter.Requests.Count);

        var continuation = adapter.Requests[1].Messages;
        Assert.Equal(3, continuation.Count);
        Assert.Equal(Role.Assistant, continuation[1].Role);
        Assert.Equal("call_1", Assert.Single(continuation[1].Content, p => p.Kind == ContentKind.ToolCall).ToolCall!.Id);
        Assert.Equal(Role.Tool, continuation[2].Role);
        var toolResult = Assert.Single(continuation[2].Content).ToolResult!;
        Assert.Equal(("call_1", "sunny in Paris", false), (toolResult.ToolCallId, toolResult.ContentText, toolResult.IsError));

        var invocation = Assert.Single(seen);
        Assert.Equal("call_1", invocation.ToolCallId);
        Assert.Equal("Paris", invocation.Arguments.GetProperty("city").GetString());
        Assert.Equal([Role.User, Role.Assistant], invocation.Messages.Select(m => m.Role));
    }

    [Fact]
    public async Task Step_results_record_each_steps_calls_results_and_usage_and_the_total_is_summed()
    {
        var adapter = new ScriptedAdapter()
            .Respond(Fake.CallsWithText("Checking.", ("call_1", "get_weather", """{"city":"Oslo"}""")))
            .Respond(Fake.Text("Cold.", input: 40, output: 2));
        using var client = new LlmClient([adapter], "scripted");

        var result = await Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", Tools = [Weather(_ => new { temperature = -3, sky = "clear" })] });

        var first = result.Steps[0];
        Assert.Equal("Checking.", first.Text);
        Assert.Equal(FinishReason.ToolCalls, first.FinishReason.Reason);
        Assert.Equal("call_1", Assert.Single(first.ToolCalls).Id);
        var toolResult = Assert.Single(first.ToolResults);
        Assert.Equal("""{"temperature":-3,"sky":"clear"}""", toolResult.Content.GetRawText());
        Assert.Equal((20, 7), (first.Usage.InputTokens, first.Usage.OutputTokens));
        Assert.Equal("resp_calls", first.Response.Id);

        var last = result.Steps[1];
        Assert.Empty(last.ToolCalls);
        Assert.Empty(last.ToolResults);
        Assert.Equal((60, 9, 69), (result.TotalUsage.InputTokens, result.TotalUsage.OutputTokens, result.TotalUsage.TotalTokens));
        Assert.Equal((40, 2), (result.Usage.InputTokens, result.Usage.OutputTokens));
        Assert.Same(last.Response, result.Response);
    }

    [Fact]
    public async Task Passive_tools_return_their_calls_to_the_caller_without_looping()
    {
        var adapter = new ScriptedAdapter().Respond(Fake.Calls(("call_1", "approve", """{"amount":5}""")));
        using var client = new LlmClient([adapter], "scripted");

        var result = await Llm.GenerateAsync(new GenerateOptions
        {
            Client = client,
            Model = "m",
            Prompt = "p",
            Tools = [Tool.Passive("approve", "Needs a human.", """{"type":"object"}"""), Weather()],
        });

        Assert.Single(adapter.Requests);
        var call = Assert.Single(result.ToolCalls);
        Assert.Equal(("call_1", "approve", 5), (call.Id, call.Name, call.Arguments.GetProperty("amount").GetInt32()));
        Assert.Empty(result.ToolResults);
        Assert.Equal(FinishReason.ToolCalls, result.FinishReason.Reason);
    }

    [Fact]
    public async Task Zero_tool_rounds_make_one_call_and_execute_nothing()
    {
        var executed = 0;
        var tool = Tool.Create("get_weather", "w", WeatherSchema, (_, _) =>
        {
            Interlocked.Increment(ref executed);
            return ValueTask.FromResult<object?>("x");
        });
        var adapter = new ScriptedAdapter().Respond(Fake.Calls(("call_1", "get_weather", """{"city":"Rome"}""")));
        using var client = new LlmClient([adapter], "scripted");

        var result = await Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", Tools = [tool], MaxToolRounds = 0 });

        Assert.Single(adapter.Requests);
        Assert.Equal(0, executed);
        Assert.Single(result.Steps);
        Assert.Single(result.ToolCalls);
        Assert.Empty(result.ToolResults);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task The_loop_stops_after_max_tool_rounds_with_at_most_rounds_plus_one_calls(int rounds)
    {
        var executed = 0;
        var tool = Tool.Create("get_weather", "w", WeatherSchema, (_, _) =>
        {
            Interlocked.Increment(ref executed);
            return ValueTask.FromResult<object?>("x");
        });
        var adapter = new ScriptedAdapter();
        for (var i = 0; i < 10; i++)
        {
            adapter.Respond(Fake.Calls(($"call_{i}", "get_weather", """{"city":"Rome"}""")));
        }

        using var client = new LlmClient([adapter], "scripted");

        var result = await Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", Tools = [tool], MaxToolRounds = rounds });

        Assert.Equal(rounds + 1, adapter.Requests.Count);
        Assert.Equal(rounds, executed);
        Assert.Equal(rounds + 1, result.Steps.Count);
        Assert.Empty(result.Steps[^1].ToolResults);
        Assert.Single(result.ToolCalls);
    }

    [Fact]
    public async Task A_multi_step_loop_runs_three_rounds_feeding_each_result_back()
    {
        var adapter = new ScriptedAdapter()
            .Respond(Fake.Calls(("c1", "get_weather", """{"city":"A"}""")))
            .Respond(Fake.Calls(("c2", "get_weather", """{"city":"B"}""")))
            .Respond(Fake.Calls(("c3", "get_weather", """{"city":"C"}""")))
            .Respond(Fake.Text("done"));
        using var client = new LlmClient([adapter], "scripted");

        var result = await Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", Tools = [Weather()], MaxToolRounds = 5 });

        Assert.Equal("done", result.Text);
        Assert.Equal(4, result.Steps.Count);
        var last = adapter.Requests[3].Messages;
        Assert.Equal(7, last.Count);
        Assert.Equal(["sunny in A", "sunny in B", "sunny in C"], last.Where(m => m.Role == Role.Tool).Select(m => m.Content[0].ToolResult!.ContentText));
    }

    [Fact]
    public async Task Parallel_calls_run_concurrently_and_all_results_go_back_in_one_request_in_call_order()
    {
        const int N = 3;
        var arrived = 0;
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tool = Tool.Create("get_weather", "w", WeatherSchema, async (invocation, ct) =>
        {
            // Each handler waits for all the others to have started: this completes only if they run concurrently.
            if (Interlocked.Increment(ref arrived) == N)
            {
                allArrived.SetResult();
            }

            await allArrived.Task.WaitAsync(TimeSpan.FromSeconds(20), ct);
            var city = invocation.Arguments.GetProperty("city").GetString()!;

            // Finish in reverse call order, so ordering cannot come from completion order.
            await Task.Delay(city switch { "A" => 60, "B" => 30, _ => 0 }, ct);
            return "weather " + city;
        });
        var adapter = new ScriptedAdapter()
            .Respond(Fake.Calls(("c1", "get_weather", """{"city":"A"}"""), ("c2", "get_weather", """{"city":"B"}"""), ("c3", "get_weather", """{"city":"C"}""")))
            .Respond(Fake.Text("All three."));
        using var client = new LlmClient([adapter], "scripted");

        var result = await Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", Tools = [tool] });

        Assert.Equal(2, adapter.Requests.Count);
        var toolMessages = adapter.Requests[1].Messages.Where(m => m.Role == Role.Tool).ToList();
        Assert.Equal(["c1", "c2", "c3"], toolMessages.Select(m => m.ToolCallId));
        Assert.Equal(["weather A", "weather B", "weather C"], toolMessages.Select(m => m.Content[0].ToolResult!.ContentText));
        Assert.All(result.Steps[0].ToolResults, r => Assert.False(r.IsError));
    }

    [Fact]
    public async Task A_handler_exception_becomes_an_error_result_and_the_others_still_succeed()
    {
        var tool = Tool.Create("get_weather", "w", WeatherSchema, (invocation, _) =>
            invocation.Arguments.GetProperty("city").GetString() == "Atlantis"
                ? throw new InvalidOperationException("no such city")
                : ValueTask.FromResult<object?>("fine"));
        var adapter = new ScriptedAdapter()
            .Respond(Fake.Calls(("c1", "get_weather", """{"city":"Atlantis"}"""), ("c2", "get_weather", """{"city":"Rome"}""")))
            .Respond(Fake.Text("Sorry about Atlantis."));
        using var client = new LlmClient([adapter], "scripted");

        var result = await Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", Tools = [tool] });

        Assert.Equal("Sorry about Atlantis.", result.Text);
        var results = result.Steps[0].ToolResults;
        Assert.True(results[0].IsError);
        Assert.Contains("no such city", results[0].Content.GetString(), StringComparison.Ordinal);
        Assert.False(results[1].IsError);
        var sent = adapter.Requests[1].Messages.Where(m => m.Role == Role.Tool).Select(m => m.Content[0].ToolResult!).ToList();
        Assert.Equal([true, false], sent.Select(r => r.IsError));
    }

    [Fact]
    public async Task An_unknown_tool_gets_an_error_result_instead_of_an_exception()
    {
        var adapter = new ScriptedAdapter()
            .Respond(Fake.Calls(("c1", "launch_rockets", "{}")))
            .Respond(Fake.Text("I cannot do that."));
        using var client = new LlmClient([adapter], "scripted");

        var result = await Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", Tools = [Weather()] });

        var error = Assert.Single(result.Steps[0].ToolResults);
        Assert.True(error.IsError);
        Assert.Contains("Unknown tool: launch_rockets", error.Content.GetString(), StringComparison.Ordinal);
        Assert.Equal("I cannot do that.", result.Text);
    }

    [Theory]
    [InlineData("""{"unit":"c"}""", "$: the required property 'city' is missing")]
    [InlineData("""{"city":"Rome","unit":"kelvin"}""", "$.unit: \"kelvin\" is not one of")]
    [InlineData("""{"city":42}""", "$.city: expected string, got integer")]
    [InlineData("""{"city":"Rome","extra":1}""", "$.extra: the property 'extra' is not allowed")]
    [InlineData("""{"city":"Ro""", "not valid JSON")]
    public async Task Arguments_are_parsed_and_validated_before_the_handler_runs(string arguments, string expected)
    {
        var seen = new List<ToolInvocation>();
        var adapter = new ScriptedAdapter()
            .Respond(Fake.Calls(("c1", "get_weather", arguments)))
            .Respond(Fake.Text("retrying"));
        using var client = new LlmClient([adapter], "scripted");

        var result = await Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", Tools = [Weather(seen: seen)] });

        Assert.Empty(seen);
        var error = Assert.Single(result.Steps[0].ToolResults);
        Assert.True(error.IsError);
        Assert.Contains(expected, error.Content.GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repair_hook_can_fix_invalid_arguments_before_the_handler_runs()
    {
        var seen = new List<ToolInvocation>();
        ToolCallRepairContext? repairContext = null;
        var adapter = new ScriptedAdapter()
            .Respond(Fake.Calls(("c1", "get_weather", """{"town":"Rome"}""")))
            .Respond(Fake.Text("ok"));
        using var client = new LlmClient([adapter], "scripted");

        await Llm.GenerateAsync(new GenerateOptions
        {
            Client = client,
            Model = "m",
            Prompt = "p",
            Tools = [Weather(seen: seen)],
            RepairToolCall = (context, _) =>
            {
                repairContext = context;
                return ValueTask.FromResult<JsonElement?>(Fake.Json("""{"city":"Rome"}"""));
            },
        });

        Assert.NotNull(repairContext);
        Assert.Equal("get_weather", repairContext.Tool.Name);
        Assert.Contains(repairContext.Errors, e => e.Contains("'city' is missing", StringComparison.Ordinal));
        Assert.Equal("Rome", Assert.Single(seen).Arguments.GetProperty("city").GetString());
    }

    [Fact]
    public async Task A_repair_hook_that_gives_up_or_throws_leaves_an_error_result()
    {
        var seen = new List<ToolInvocation>();
        var adapter = new ScriptedAdapter()
            .Respond(Fake.Calls(("c1", "get_weather", "{}"), ("c2", "get_weather", "[]")))
            .Respond(Fake.Text("ok"));
        using var client = new LlmClient([adapter], "scripted");

        var result = await Llm.GenerateAsync(new GenerateOptions
        {
            Client = client,
            Model = "m",
            Prompt = "p",
            Tools = [Weather(seen: seen)],
            RepairToolCall = (context, _) => context.Call.Id == "c1" ? ValueTask.FromResult<JsonElement?>(null) : throw new InvalidOperationException("repair model down"),
        });

        Assert.Empty(seen);
        var results = result.Steps[0].ToolResults;
        Assert.All(results, r => Assert.True(r.IsError));
        Assert.Contains("'city' is missing", results[0].Content.GetString(), StringComparison.Ordinal);
        Assert.Contains("repair model down", results[1].Content.GetString(), StringComparison.Ordinal);
        Assert.Equal("ok", result.Text);
    }

    [Fact]
    public async Task A_stop_condition_ends_the_loop_after_the_step_that_meets_it()
    {
        var adapter = new ScriptedAdapter()
            .Respond(Fake.Calls(("c1", "get_weather", """{"city":"A"}""")))
            .Respond(Fake.Calls(("c2", "get_weather", """{"city":"B"}""")))
            .Respond(Fake.Text("never"));
        using var client = new LlmClient([adapter], "scripted");

        var result = await Llm.GenerateAsync(new GenerateOptions
        {
            Client = client,
            Model = "m",
            Prompt = "p",
            Tools = [Weather()],
            MaxToolRounds = 5,
            StopWhen = steps => steps.Count == 2,
        });

        Assert.Equal(2, adapter.Requests.Count);
        Assert.Equal(2, result.Steps.Count);
        Assert.Equal("sunny in B", Assert.Single(result.ToolResults).Content.GetString());
    }

    [Fact]
    public async Task Typed_tools_receive_deserialized_arguments_and_may_return_objects()
    {
        var tool = Tool.Create<WeatherArgs>("get_weather", "w", WeatherSchema, (args, invocation, _) =>
            ValueTask.FromResult<object?>(new { args.City, Unit = args.Unit ?? "c", Id = invocation.ToolCallId }));
        var adapter = new ScriptedAdapter()
            .Respond(Fake.Calls(("c9", "get_weather", """{"city":"Lima","unit":"f"}""")))
            .Respond(Fake.Text("ok"));
        using var client = new LlmClient([adapter], "scripted");

        var result = await Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", Tools = [tool] });

        Assert.Equal("""{"city":"Lima","unit":"f","id":"c9"}""", Assert.Single(result.Steps[0].ToolResults).Content.GetRawText());
    }

    private sealed record WeatherArgs(string City, string? Unit);
}
