// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>§3.7 failure routing order: fail edge → retry_target → fallback_retry_target → termination.</summary>
public sealed class FailureRoutingTests
{
    private static string Pipeline(string nodeAttributes, bool failEdge) => $$"""
        digraph G {
          start [shape=Mdiamond]; exit [shape=Msquare]
          work [{{nodeAttributes}}]; next; onfail; retry; fallback
          start -> work -> next -> exit
          {{(failEdge ? "work -> onfail [condition=\"outcome=fail\"]" : string.Empty)}}
          onfail -> exit; retry -> exit; fallback -> exit
          start -> onfail [condition="context.never=1"]; start -> retry [condition="context.never=1"]; start -> fallback [condition="context.never=1"]
        }
        """;

    [Fact]
    public async Task Fail_edge_comes_first()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("work", Outcome.Fail("broken"));
        var result = await kit.RunAsync(Pipeline("retry_target=retry, fallback_retry_target=fallback", failEdge: true));
        Assert.Equal(["start", "work", "onfail"], result.CompletedNodes);
    }

    [Fact]
    public async Task Retry_target_comes_second()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("work", Outcome.Fail("broken"));
        var result = await kit.RunAsync(Pipeline("retry_target=retry, fallback_retry_target=fallback", failEdge: false));
        Assert.Equal(["start", "work", "retry"], result.CompletedNodes);
    }

    [Fact]
    public async Task Fallback_retry_target_comes_third()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("work", Outcome.Fail("broken"));
        var result = await kit.RunAsync(Pipeline("fallback_retry_target=fallback", failEdge: false));
        Assert.Equal(["start", "work", "fallback"], result.CompletedNodes);
    }

    [Fact]
    public async Task Without_a_route_the_pipeline_fails_with_the_stage_reason_and_ignores_unconditional_edges()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("work", Outcome.Fail("compiler exploded"));
        var result = await kit.RunAsync(Pipeline("label=work", failEdge: false));
        Assert.False(result.Succeeded);
        Assert.Equal("compiler exploded", result.FailureReason);
        Assert.Equal(["start", "work"], result.CompletedNodes);
        Assert.DoesNotContain("next", kit.Script.CalledNodes);
    }

    [Fact]
    public async Task Success_ignores_the_fail_edge()
    {
        using var kit = new EngineTestKit();
        var result = await kit.RunAsync(Pipeline("retry_target=retry", failEdge: true));
        Assert.Equal(["start", "work", "next"], result.CompletedNodes);
    }
}
