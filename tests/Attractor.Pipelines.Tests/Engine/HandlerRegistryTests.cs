// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>§4.2 handler registry and the §11.6/§11.12 custom handler rows.</summary>
public sealed class HandlerRegistryTests
{
    private static PipelineNode Node(string id, params (string Key, string Value)[] attributes) => new(id, AttributeMap.FromPairs(attributes));

    [Fact]
    public void Resolution_order_is_type_then_shape_then_default()
    {
        var custom = new DelegateHandler(_ => Outcome.Success());
        var human = new DelegateHandler(_ => Outcome.Success());
        var codergen = new DelegateHandler(_ => Outcome.Success());
        var registry = new HandlerRegistry().Register("my.custom", custom).Register("wait.human", human).Register("codergen", codergen);

        Assert.Same(custom, registry.Resolve(Node("a", ("type", "my.custom"), ("shape", "hexagon"))));
        Assert.Same(human, registry.Resolve(Node("b", ("shape", "hexagon"))));
        Assert.Same(human, registry.Resolve(Node("c", ("type", "not.registered"), ("shape", "hexagon"))));
        Assert.Same(codergen, registry.Resolve(Node("d", ("shape", "component"))));
        Assert.Same(codergen, registry.Resolve(Node("e")));
    }

    [Fact]
    public void Registering_again_replaces_and_default_can_be_overridden()
    {
        var first = new DelegateHandler(_ => Outcome.Success());
        var second = new DelegateHandler(_ => Outcome.Success());
        var fallback = new DelegateHandler(_ => Outcome.Success());
        var registry = new HandlerRegistry().Register("x", first).Register("x", second);
        Assert.Same(second, registry.Resolve(Node("a", ("type", "x"))));
        Assert.Equal(["x"], registry.RegisteredTypes);
        registry.DefaultHandler = fallback;
        Assert.Same(fallback, registry.Resolve(Node("b")));
    }

    [Fact]
    public void Resolution_without_any_match_fails_clearly()
    {
        var registry = new HandlerRegistry();
        Assert.False(registry.TryResolve(Node("lonely", ("shape", "hexagon")), out _));
        var error = Assert.Throws<InvalidOperationException>(() => registry.Resolve(Node("lonely", ("shape", "hexagon"))));
        Assert.Contains("lonely", error.Message, StringComparison.Ordinal);
        Assert.Contains("wait.human", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Runner_registers_the_built_in_handlers()
    {
        var registry = new PipelineRunner().Handlers;
        foreach (var type in Attractor.Dot.HandlerTypes.BuiltIn)
        {
            Assert.True(registry.IsRegistered(type), type);
        }
    }

    [Fact]
    public async Task Custom_handler_registration_and_execution_works()
    {
        using var kit = new EngineTestKit();
        var runner = kit.Runner();
        var seen = new List<string>();
        runner.Handlers.Register("deploy.k8s", new DelegateHandler(stage =>
        {
            seen.Add(stage.Node.Id + ":" + stage.Node.Attributes.GetString("cluster"));
            return new Outcome(StageStatus.Success) { ContextUpdates = new Dictionary<string, object?> { ["deployed"] = true } };
        }));
        var result = await runner.RunAsync(EngineTestKit.Parse("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              ship [type="deploy.k8s", cluster=prod]
              start -> ship -> exit
            }
            """));
        Assert.True(result.Succeeded);
        Assert.Equal(["ship:prod"], seen);
        Assert.Equal("true", result.Context.GetString("deployed"));
    }

    [Fact]
    public async Task Custom_handler_replaces_a_built_in()
    {
        using var kit = new EngineTestKit();
        var calls = 0;
        var runner = kit.Runner(h => h["start"] = new DelegateHandler(_ => { calls++; return Outcome.Success("custom start"); }));
        await runner.RunAsync(EngineTestKit.Parse("digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; start -> exit }"));
        Assert.Equal(1, calls);
    }
}
