// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>§3.6 backoff and presets, §3.5 policy building.</summary>
public sealed class RetryPolicyTests
{
    [Fact]
    public void Exponential_backoff_doubles_and_caps()
    {
        var backoff = new BackoffConfig(TimeSpan.FromMilliseconds(200), 2.0, TimeSpan.FromMilliseconds(1000), Jitter: false);
        Assert.Equal([200, 400, 800, 1000, 1000], Enumerable.Range(1, 5).Select(a => backoff.DelayForAttempt(a).TotalMilliseconds));
    }

    [Fact]
    public void Constant_backoff_with_factor_one()
    {
        var backoff = RetryPolicy.Linear.Backoff with { Jitter = false };
        Assert.Equal([500, 500, 500], Enumerable.Range(1, 3).Select(a => backoff.DelayForAttempt(a).TotalMilliseconds));
    }

    [Fact]
    public void Jitter_scales_between_half_and_one_and_a_half()
    {
        var backoff = BackoffConfig.Default;
        Assert.Equal(100, backoff.DelayForAttempt(1, 0.0).TotalMilliseconds, 3);
        Assert.Equal(300, backoff.DelayForAttempt(1, 1.0).TotalMilliseconds, 3);
        for (var i = 0; i < 200; i++)
        {
            var delay = backoff.DelayForAttempt(2).TotalMilliseconds;
            Assert.InRange(delay, 200, 600);
        }
    }

    [Fact]
    public void Presets_match_the_spec_table()
    {
        Assert.Equal(1, RetryPolicy.Presets["none"].MaxAttempts);
        Assert.Equal((5, 200.0, 2.0), (RetryPolicy.Standard.MaxAttempts, RetryPolicy.Standard.Backoff.InitialDelay.TotalMilliseconds, RetryPolicy.Standard.Backoff.Factor));
        Assert.Equal((5, 500.0, 2.0), (RetryPolicy.Aggressive.MaxAttempts, RetryPolicy.Aggressive.Backoff.InitialDelay.TotalMilliseconds, RetryPolicy.Aggressive.Backoff.Factor));
        Assert.Equal((3, 500.0, 1.0), (RetryPolicy.Linear.MaxAttempts, RetryPolicy.Linear.Backoff.InitialDelay.TotalMilliseconds, RetryPolicy.Linear.Backoff.Factor));
        Assert.Equal((3, 2000.0, 3.0), (RetryPolicy.Patient.MaxAttempts, RetryPolicy.Patient.Backoff.InitialDelay.TotalMilliseconds, RetryPolicy.Patient.Backoff.Factor));
        var patient = RetryPolicy.Patient.Backoff with { Jitter = false };
        Assert.Equal([2000, 6000, 18000], Enumerable.Range(1, 3).Select(a => patient.DelayForAttempt(a).TotalMilliseconds));
        Assert.All(RetryPolicy.Presets.Values, p => Assert.Equal(60_000, p.Backoff.MaxDelay.TotalMilliseconds));
    }

    [Fact]
    public void Node_max_retries_beats_graph_default_and_preset()
    {
        var graph = EngineTestKit.Parse("""
            digraph G {
              default_max_retries=3
              start [shape=Mdiamond]; exit [shape=Msquare]
              a [max_retries=1]; b; c [retry_policy=patient]; d [retry_policy=aggressive, max_retries=0]; e [retry_policy=bogus]
              start -> a -> b -> c -> d -> e -> exit
            }
            """);
        Assert.Equal(2, RetryPolicy.ForNode(graph.FindNode("a")!, graph).MaxAttempts);
        Assert.Equal(4, RetryPolicy.ForNode(graph.FindNode("b")!, graph).MaxAttempts);
        Assert.Equal(RetryPolicy.Patient, RetryPolicy.ForNode(graph.FindNode("c")!, graph));
        Assert.Equal(1, RetryPolicy.ForNode(graph.FindNode("d")!, graph).MaxAttempts);
        Assert.Equal(RetryPolicy.Aggressive.Backoff, RetryPolicy.ForNode(graph.FindNode("d")!, graph).Backoff);
        Assert.Equal(new RetryPolicy(4, BackoffConfig.Default), RetryPolicy.ForNode(graph.FindNode("e")!, graph));
    }

    [Fact]
    public void Legacy_default_max_retry_and_no_setting()
    {
        var legacy = EngineTestKit.Parse("digraph G { default_max_retry=2; start [shape=Mdiamond]; exit [shape=Msquare]; a; start -> a -> exit }");
        Assert.Equal(3, RetryPolicy.ForNode(legacy.FindNode("a")!, legacy).MaxAttempts);
        var none = EngineTestKit.Parse("digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; a; start -> a -> exit }");
        Assert.Equal(1, RetryPolicy.ForNode(none.FindNode("a")!, none).MaxAttempts);
    }
}
