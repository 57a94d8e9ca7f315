// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Llm.Tests.HighLevel;

public sealed class CancellationTests
{
    [Fact]
    public async Task Cancelling_generate_raises_operation_cancelled_not_a_timeout()
    {
        var adapter = new ScriptedAdapter().HangUntilCancelled();
        using var client = new LlmClient([adapter], "scripted");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", Timeout = TimeSpan.FromMinutes(5) }, cts.Token));

        Assert.IsNotType<RequestTimeoutException>(error.InnerException);
        Assert.True(cts.IsCancellationRequested);
        Assert.Single(adapter.Requests);
    }

    [Fact]
    public async Task The_total_timeout_raises_request_timeout_and_is_not_retried()
    {
        var adapter = new ScriptedAdapter().HangUntilCancelled().Respond(Fake.Text("unused"));
        using var client = new LlmClient([adapter], "scripted");

        var error = await Assert.ThrowsAsync<RequestTimeoutException>(() =>
            Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", Timeout = TimeSpan.FromMilliseconds(100) }));

        Assert.Contains("total timeout", error.Message, StringComparison.Ordinal);
        Assert.Single(adapter.Requests);
    }

    [Fact]
    public async Task The_total_timeout_also_bounds_tool_execution()
    {
        var tool = Tool.Create("slow", "s", """{"type":"object"}""", async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        });
        var adapter = new ScriptedAdapter().Respond(Fake.Calls(("c1", "slow", "{}")));
        using var client = new LlmClient([adapter], "scripted");

        var error = await Assert.ThrowsAsync<RequestTimeoutException>(() =>
            Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", Tools = [tool], Timeout = new TimeoutConfig { Total = TimeSpan.FromMilliseconds(150) } }));

        Assert.Contains("total timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_per_step_timeout_limits_each_llm_call_and_is_not_retried()
    {
        var adapter = new ScriptedAdapter()
            .Respond(Fake.Calls(("c1", "echo", "{}")))
            .HangUntilCancelled()
            .Respond(Fake.Text("unused"));
        var tool = Tool.Create("echo", "e", """{"type":"object"}""", (_, _) => ValueTask.FromResult<object?>("x"));
        using var client = new LlmClient([adapter], "scripted");

        var error = await Assert.ThrowsAsync<RequestTimeoutException>(() => Llm.GenerateAsync(new GenerateOptions
        {
            Client = client,
            Model = "m",
            Prompt = "p",
            Tools = [tool],
            Timeout = new TimeoutConfig { PerStep = TimeSpan.FromMilliseconds(500), Total = TimeSpan.FromMinutes(5) },
        }));

        Assert.Contains("per-step timeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, adapter.Requests.Count);
    }

    [Fact]
    public async Task A_timeout_must_be_positive()
    {
        using var client = new LlmClient([new ScriptedAdapter().Respond(Fake.Text("x"))], "scripted");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Llm.GenerateAsync(new GenerateOptions { Client = client, Model = "m", Prompt = "p", Timeout = TimeSpan.Zero }));
    }
}
