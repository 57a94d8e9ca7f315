// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines;
using Attractor.Pipelines.Handlers;

namespace Attractor.Backends.Tests;

/// <summary><see cref="LlmCodergenBackend"/> against the fake provider: model selection on the wire, fidelity, threads, fan-in.</summary>
public sealed class LlmCodergenBackendTests
{
    [Fact]
    public async Task Node_model_provider_and_reasoning_effort_after_the_stylesheet_reach_the_wire()
    {
        await using var harness = await BackendHarness.StartAsync();
        harness.Server.Enqueue(Wire.StreamText("planned"));
        harness.Server.Enqueue(Wire.AnthropicStreamText("reviewed", "claude-sonnet-4-5"));
        harness.Server.Enqueue(Wire.StreamText("shipped"));
        using var backend = new LlmCodergenBackend(harness.Options() with { Model = "gpt-5.2" });

        var result = await harness.RunAsync("""
            digraph G {
              graph [goal="Ship it", model_stylesheet=".review { llm_provider: anthropic; llm_model: claude-sonnet-4-5; } #ship { reasoning_effort: low; }"]
              start [shape=Mdiamond]; exit [shape=Msquare]
              plan [prompt="Plan: $goal"]
              review [class="review", prompt="Review the plan"]
              ship [llm_model="gpt-5.2-codex", prompt="Ship"]
              start -> plan -> review -> ship -> exit
            }
            """, backend);

        Assert.True(result.Succeeded, result.FailureReason);
        var requests = harness.Server.Requests;
        Assert.Equal(["/v1/responses", "/v1/messages", "/v1/responses"], requests.Select(r => r.Path));
        Assert.Equal("gpt-5.2", requests[0].Json.GetProperty("model").GetString());
        Assert.Contains("Plan: Ship it", Wire.UserTexts(requests[0])[0], StringComparison.Ordinal);
        Assert.Equal("claude-sonnet-4-5", requests[1].Json.GetProperty("model").GetString());
        Assert.Equal("sk-test-anthropic", requests[1].Header("x-api-key"));
        Assert.Equal("gpt-5.2-codex", requests[2].Json.GetProperty("model").GetString());
        Assert.Equal("low", requests[2].Json.GetProperty("reasoning").GetProperty("effort").GetString());
        Assert.Equal("reviewed", harness.ReadStageFile("review", CodergenHandler.ResponseFileName));
        Assert.Equal("shipped", result.Context.GetString("last_response"));
    }

    [Fact]
    public async Task A_fresh_conversation_starts_with_the_fidelity_summary_of_the_run()
    {
        await using var harness = await BackendHarness.StartAsync();
        harness.Server.Enqueue(Wire.StreamText("plan text"), Wire.StreamText("compact answer"), Wire.StreamText("truncate answer"));
        using var backend = new LlmCodergenBackend(harness.Options());

        var result = await harness.RunAsync("""
            digraph G {
              graph [goal="Build a parser"]
              start [shape=Mdiamond]; exit [shape=Msquare]
              plan [prompt="Plan it"]
              build [prompt="Build it"]
              tidy [prompt="Tidy up", fidelity="truncate"]
              start -> plan -> build -> tidy -> exit
            }
            """, backend);

        Assert.True(result.Succeeded, result.FailureReason);
        var compact = Wire.UserTexts(harness.Server.Requests[1]).Single();
        Assert.StartsWith("<pipeline_context fidelity=\"compact\">", compact, StringComparison.Ordinal);
        Assert.Contains("Goal: Build a parser", compact, StringComparison.Ordinal);
        Assert.Contains("- plan: success", compact, StringComparison.Ordinal);
        Assert.Contains("- last_response: plan text", compact, StringComparison.Ordinal);
        Assert.EndsWith("Build it", compact, StringComparison.Ordinal);

        var truncate = Wire.UserTexts(harness.Server.Requests[2]).Single();
        Assert.Contains("Goal: Build a parser", truncate, StringComparison.Ordinal);
        Assert.DoesNotContain("plan: success", truncate, StringComparison.Ordinal);
        Assert.DoesNotContain("last_response", truncate, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nodes_of_one_thread_under_full_fidelity_continue_the_conversation()
    {
        await using var harness = await BackendHarness.StartAsync();
        harness.Server.Enqueue(Wire.StreamText("first answer"), Wire.StreamText("second answer"), Wire.StreamText("other answer"));
        using var backend = new LlmCodergenBackend(harness.Options());

        var result = await harness.RunAsync("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              one [prompt="First question", fidelity="full", thread_id="t"]
              two [prompt="Second question", fidelity="full", thread_id="t"]
              other [prompt="Other question", fidelity="full", thread_id="u"]
              start -> one -> two -> other -> exit
            }
            """, backend);

        Assert.True(result.Succeeded, result.FailureReason);
        var second = harness.Server.Requests[1].Json.GetProperty("input").ToString();
        Assert.Contains("First question", second, StringComparison.Ordinal);
        Assert.Contains("first answer", second, StringComparison.Ordinal);
        Assert.Equal("Second question", Wire.UserTexts(harness.Server.Requests[1])[^1]);
        var other = Wire.UserTexts(harness.Server.Requests[2]);
        Assert.Single(other);
        Assert.DoesNotContain("First question", other[0], StringComparison.Ordinal);
        Assert.EndsWith("Other question", other[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fan_in_ranks_the_branches_through_the_llm_backend()
    {
        await using var harness = await BackendHarness.StartAsync();
        harness.Server.Responder = request => Wire.UserTexts(request)[^1].Contains("BEST: <id>", StringComparison.Ordinal)
            ? Wire.StreamText("The second one is more thorough.\nBEST: b")
            : Wire.StreamText("branch work done");
        using var backend = new LlmCodergenBackend(harness.Options());

        var result = await harness.RunAsync("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              fan [shape=component]
              a [prompt="Try approach A"]
              b [prompt="Try approach B"]
              judge [shape=tripleoctagon, prompt="Pick the most thorough implementation."]
              start -> fan; fan -> a; fan -> b; a -> judge; b -> judge; judge -> exit
            }
            """, backend);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("b", result.Context.GetString(FanInHandler.BestIdKey));
        Assert.Equal("llm", result.Context.GetString(FanInHandler.MethodKey));
        Assert.Equal(3, harness.Server.Requests.Count);
        Assert.Contains("BEST: b", harness.ReadStageFile("judge", CodergenHandler.ResponseFileName), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_error_fails_the_stage_with_its_message_and_no_key()
    {
        await using var harness = await BackendHarness.StartAsync();
        harness.Server.Enqueue(Llm.FakeProvider.FakeResponse.Error(401, """{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","code":"invalid_api_key"}}"""));
        using var backend = new LlmCodergenBackend(harness.Options());

        var result = await harness.RunAsync("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              plan [prompt="Plan it"]
              start -> plan -> exit
            }
            """, backend);

        Assert.False(result.Succeeded);
        var status = harness.ReadStageFile("plan", StatusFile.FileName);
        Assert.Contains("Incorrect API key", status, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test-openai", status, StringComparison.Ordinal);
    }
}
