// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm.Tests.HighLevel;

public sealed class StreamTests
{
    private static readonly Tool Echo = Tool.Create("echo", "Echoes.", """{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}""", (invocation, _) =>
        ValueTask.FromResult<object?>("echo: " + invocation.Arguments.GetProperty("text").GetString()));

    [Fact]
    public async Task Text_deltas_concatenate_to_the_response_text_between_start_and_finish()
    {
        var final = Fake.Text("Hello, streaming world!", input: 8, output: 6);
        var adapter = new ScriptedAdapter().Stream(Fake.TextEvents(final, "Hello", ", streaming", " world!"));
        using var client = new LlmClient([adapter], "scripted");

        var result = Llm.StreamAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p" });
        var events = new List<StreamEvent>();
        await foreach (var item in result)
        {
            events.Add(item);
        }

        Assert.Equal(StreamEventType.StreamStart, events[0].Type);
        Assert.Equal(
            [StreamEventType.StreamStart, StreamEventType.TextStart, StreamEventType.TextDelta, StreamEventType.TextDelta, StreamEventType.TextDelta, StreamEventType.TextEnd, StreamEventType.Finish],
            events.Select(e => e.Type));
        Assert.All(events.Where(e => e.Type is StreamEventType.TextStart or StreamEventType.TextDelta or StreamEventType.TextEnd), e => Assert.Equal("t0", e.TextId));
        var finish = events[^1];
        Assert.Equal((FinishReason.Stop, 8, 6), (finish.FinishReason!.Reason, finish.Usage!.InputTokens, finish.Usage.OutputTokens));
        var response = await result.ResponseAsync();
        Assert.Equal(string.Concat(events.Where(e => e.Type == StreamEventType.TextDelta).Select(e => e.Delta)), response.Text);
        Assert.Equal("Hello, streaming world!", response.Text);
    }

    [Fact]
    public async Task Response_async_alone_consumes_the_stream()
    {
        var final = Fake.Text("abc");
        var adapter = new ScriptedAdapter().Stream(Fake.TextEvents(final, "a", "b", "c"));
        using var client = new LlmClient([adapter], "scripted");

        var result = Llm.StreamAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p" });
        var response = await result.ResponseAsync();

        Assert.Equal("abc", response.Text);
        Assert.Single(adapter.Requests);
        Assert.Throws<InvalidOperationException>(() => result.GetAsyncEnumerator());
    }

    [Fact]
    public async Task The_text_stream_yields_only_text_deltas()
    {
        var final = Fake.Text("one two");
        var adapter = new ScriptedAdapter().Stream(Fake.TextEvents(final, "one", " two"));
        using var client = new LlmClient([adapter], "scripted");

        var chunks = new List<string>();
        var result = Llm.StreamAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p" });
        await foreach (var chunk in result.TextStream)
        {
            chunks.Add(chunk);
        }

        Assert.Equal(["one", " two"], chunks);
        Assert.Equal("one two", (await result.ResponseAsync()).Text);
    }

    [Fact]
    public async Task The_partial_response_grows_as_events_arrive()
    {
        var final = Fake.Text("abc");
        var adapter = new ScriptedAdapter().Stream(Fake.TextEvents(final, "a", "b", "c"));
        using var client = new LlmClient([adapter], "scripted");

        var result = Llm.StreamAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p" });
        Assert.Null(result.PartialResponse);
        var seen = new List<string>();
        await foreach (var item in result)
        {
            if (item.Type == StreamEventType.TextDelta)
            {
                seen.Add(result.PartialResponse!.Text);
            }
        }

        Assert.Equal(["a", "ab", "abc"], seen);
    }

    [Fact]
    public async Task Streaming_with_tools_executes_between_steps_and_separates_them_with_step_finish()
    {
        var executed = 0;
        var tool = Tool.Create("echo", "e", """{"type":"object"}""", (invocation, _) =>
        {
            Interlocked.Increment(ref executed);
            return ValueTask.FromResult<object?>("echo: " + invocation.Arguments.GetProperty("text").GetString());
        });
        var first = Fake.Calls(("c1", "echo", """{"text":"hi"}"""), ("c2", "echo", """{"text":"yo"}"""));
        var second = Fake.Text("Echoed both.", input: 30, output: 4);
        var adapter = new ScriptedAdapter().Stream(Fake.CallEvents(first)).Stream(Fake.TextEvents(second, "Echoed", " both."));
        using var client = new LlmClient([adapter], "scripted");

        var result = Llm.StreamAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", Tools = [tool] });
        var types = new List<StreamEventType>();
        var executedAtStepFinish = -1;
        await foreach (var item in result)
        {
            types.Add(item.Type);
            if (item.Type == StreamEventType.StepFinish)
            {
                executedAtStepFinish = executed;
                Assert.Equal(FinishReason.ToolCalls, item.FinishReason!.Reason);
                Assert.Equal(2, item.Response!.ToolCalls.Count);
                Assert.Equal(2, result.Steps[0].ToolResults.Count);
            }
        }

        Assert.Equal(2, executedAtStepFinish);
        Assert.Equal(1, types.Count(t => t == StreamEventType.StepFinish));
        Assert.Equal(1, types.Count(t => t == StreamEventType.Finish));
        Assert.Equal(StreamEventType.Finish, types[^1]);
        Assert.True(types.IndexOf(StreamEventType.ToolCallEnd) < types.IndexOf(StreamEventType.StepFinish));
        Assert.True(types.IndexOf(StreamEventType.StepFinish) < types.IndexOf(StreamEventType.TextDelta));

        var outcome = await result.ResultAsync();
        Assert.Equal("Echoed both.", outcome.Text);
        Assert.Equal(2, outcome.Steps.Count);
        Assert.Equal(50, outcome.TotalUsage.InputTokens);
        var continuation = adapter.Requests[1].Messages.Where(m => m.Role == Role.Tool).Select(m => m.Content[0].ToolResult!.ContentText);
        Assert.Equal(["echo: hi", "echo: yo"], continuation);
    }

    [Fact]
    public async Task Tool_calls_stream_as_start_delta_end_and_passive_calls_end_the_stream()
    {
        var calls = Fake.Calls(("c1", "approve", """{"amount":12}"""));
        var adapter = new ScriptedAdapter().Stream(Fake.CallEvents(calls));
        using var client = new LlmClient([adapter], "scripted");

        var result = Llm.StreamAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", Tools = [Tool.Passive("approve", "a", """{"type":"object"}""")] });
        var events = new List<StreamEvent>();
        await foreach (var item in result)
        {
            events.Add(item);
        }

        Assert.Equal(
            [StreamEventType.StreamStart, StreamEventType.ToolCallStart, StreamEventType.ToolCallDelta, StreamEventType.ToolCallDelta, StreamEventType.ToolCallEnd, StreamEventType.Finish],
            events.Select(e => e.Type));
        Assert.Equal("""{"amount":12}""", string.Concat(events.Where(e => e.Type == StreamEventType.ToolCallDelta).Select(e => e.Delta)));
        Assert.Equal(12, events[4].ToolCall!.Arguments.GetProperty("amount").GetInt32());
        Assert.Single(adapter.Requests);
        Assert.Equal("c1", Assert.Single((await result.ResponseAsync()).ToolCalls).Id);
    }

    [Fact]
    public async Task A_failure_before_the_first_event_is_retried()
    {
        var final = Fake.Text("ok");
        var adapter = new ScriptedAdapter()
            .StreamThrowsAtOnce(Fake.Server())
            .Stream([new StreamEvent(StreamEventType.Error) { Error = Fake.RateLimit() }], Fake.RateLimit())
            .Stream(Fake.TextEvents(final, "ok"));
        using var client = new LlmClient([adapter], "scripted");
        var clock = new InstantTimeProvider();

        var result = Llm.StreamAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", TimeProvider = clock });
        var events = new List<StreamEvent>();
        await foreach (var item in result)
        {
            events.Add(item);
        }

        Assert.Equal(3, adapter.Requests.Count);
        Assert.Equal(2, clock.Delays.Count);
        Assert.DoesNotContain(events, e => e.Type == StreamEventType.Error);
        Assert.Equal("ok", (await result.ResponseAsync()).Text);
    }

    [Fact]
    public async Task After_partial_data_a_failure_is_not_retried_but_reported_as_an_error_event_and_thrown()
    {
        var events = new[] { new StreamEvent(StreamEventType.StreamStart), new StreamEvent(StreamEventType.TextDelta) { Delta = "partial", TextId = "t0" } };
        var adapter = new ScriptedAdapter().Stream(events, new NetworkException("connection reset")).Stream(Fake.TextEvents(Fake.Text("never")));
        using var client = new LlmClient([adapter], "scripted");

        var result = Llm.StreamAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", TimeProvider = new InstantTimeProvider() });
        var seen = new List<StreamEvent>();
        var error = await Assert.ThrowsAsync<NetworkException>(async () =>
        {
            await foreach (var item in result)
            {
                seen.Add(item);
            }
        });

        Assert.Single(adapter.Requests);
        Assert.Equal([StreamEventType.StreamStart, StreamEventType.TextDelta, StreamEventType.Error], seen.Select(e => e.Type));
        Assert.Same(error, seen[^1].Error);
        Assert.Equal("partial", result.PartialResponse!.Text);
        await Assert.ThrowsAsync<NetworkException>(() => result.ResponseAsync());
    }

    [Fact]
    public async Task An_adapter_error_event_followed_by_its_exception_is_reported_once()
    {
        var broken = new StreamException("cut");
        var events = new[] { new StreamEvent(StreamEventType.StreamStart), new StreamEvent(StreamEventType.Error) { Error = broken } };
        var adapter = new ScriptedAdapter().Stream(events, broken);
        using var client = new LlmClient([adapter], "scripted");

        var seen = new List<StreamEvent>();
        await Assert.ThrowsAsync<StreamException>(async () =>
        {
            await foreach (var item in Llm.StreamAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p" }))
            {
                seen.Add(item);
            }
        });

        Assert.Single(seen, e => e.Type == StreamEventType.Error);
        Assert.Single(adapter.Requests);
    }

    [Fact]
    public async Task Cancelling_a_stream_stops_it_promptly_and_closes_the_provider_stream()
    {
        var final = Fake.Text(new string('x', 100));
        var adapter = new ScriptedAdapter().Stream(Fake.TextEvents(final, [.. Enumerable.Repeat("x", 100)]), null, TimeSpan.FromMilliseconds(20));
        using var client = new LlmClient([adapter], "scripted");
        using var cts = new CancellationTokenSource();

        var deltas = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in Llm.StreamAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p" }, cts.Token))
            {
                if (item.Type == StreamEventType.TextDelta && ++deltas == 2)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.Equal(2, deltas);
        Assert.Equal(1, adapter.StreamsClosed);
    }

    [Fact]
    public async Task Leaving_the_loop_early_closes_the_provider_stream()
    {
        var final = Fake.Text("abc");
        var adapter = new ScriptedAdapter().Stream(Fake.TextEvents(final, "a", "b", "c"));
        using var client = new LlmClient([adapter], "scripted");

        var result = Llm.StreamAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p" });
        await foreach (var item in result)
        {
            if (item.Type == StreamEventType.TextDelta)
            {
                break;
            }
        }

        Assert.Equal(1, adapter.StreamsClosed);
        await Assert.ThrowsAsync<InvalidOperationException>(() => result.ResponseAsync());
    }

    [Fact]
    public async Task The_per_step_timeout_ends_a_stalled_stream_with_request_timeout()
    {
        var final = Fake.Text("slow");
        var adapter = new ScriptedAdapter().Stream(Fake.TextEvents(final, "s", "l", "o", "w"), null, TimeSpan.FromSeconds(30));
        using var client = new LlmClient([adapter], "scripted");

        var error = await Assert.ThrowsAsync<RequestTimeoutException>(() =>
            Llm.StreamAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", Timeout = new TimeoutConfig { PerStep = TimeSpan.FromMilliseconds(100) } }).ResponseAsync());

        Assert.Contains("per-step", error.Message, StringComparison.Ordinal);
        Assert.Single(adapter.Requests);
        Assert.Equal(1, adapter.StreamsClosed);
    }

    [Fact]
    public async Task The_total_timeout_after_partial_data_yields_an_error_event_and_throws()
    {
        var adapter = new ScriptedAdapter().StreamThenHang(new StreamEvent(StreamEventType.StreamStart), new StreamEvent(StreamEventType.TextDelta) { Delta = "s" });
        using var client = new LlmClient([adapter], "scripted");

        var seen = new List<StreamEvent>();
        var error = await Assert.ThrowsAsync<RequestTimeoutException>(async () =>
        {
            await foreach (var item in Llm.StreamAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", Timeout = TimeSpan.FromMilliseconds(100) }))
            {
                seen.Add(item);
            }
        });

        Assert.Equal([StreamEventType.StreamStart, StreamEventType.TextDelta, StreamEventType.Error], seen.Select(e => e.Type));
        Assert.Same(error, seen[^1].Error);
        Assert.Contains("total timeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, adapter.StreamsClosed);
    }

    [Fact]
    public void Both_prompt_and_messages_are_rejected_when_the_stream_is_created()
    {
        using var client = new LlmClient([new ScriptedAdapter()], "scripted");

        Assert.Throws<ArgumentException>(() => Llm.StreamAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "a", Messages = [Message.User("b")] }));
    }

    [Fact]
    public async Task A_retryable_failure_opening_a_later_step_is_retried_without_replaying_earlier_steps()
    {
        var adapter = new ScriptedAdapter()
            .Stream(Fake.CallEvents(Fake.Calls(("c1", "echo", """{"text":"a"}"""))))
            .StreamThrowsAtOnce(Fake.Server())
            .Stream(Fake.TextEvents(Fake.Text("done"), "done"));
        using var client = new LlmClient([adapter], "scripted");

        var result = Llm.StreamAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", Tools = [Echo], TimeProvider = new InstantTimeProvider() });
        var outcome = await result.ResultAsync();

        Assert.Equal("done", outcome.Text);
        Assert.Equal(3, adapter.Requests.Count);
        Assert.Equal(adapter.Requests[1].Messages, adapter.Requests[2].Messages);
    }
}
