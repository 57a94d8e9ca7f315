// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Llm;

namespace Attractor.Backends.Tests;

/// <summary>How a node's provider, model and reasoning effort are chosen (node, then the backend's defaults, then the catalog).</summary>
public sealed class ModelChoiceTests
{
    private static readonly ModelCatalog Catalog = ModelCatalog.Parse("""
        { "models": [
          { "id": "think-1", "provider": "alpha", "display_name": "Think", "context_window": 1000, "supports_reasoning": true },
          { "id": "plain-1", "provider": "alpha", "display_name": "Plain", "context_window": 1000 },
          { "id": "beta-1", "provider": "beta", "display_name": "Beta", "context_window": 1000 }
        ] }
        """);

    private static PipelineNode Node(string attributes) =>
        PipelineLoader.Default.Load("digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; n [" + attributes + "]; start -> n -> exit }").Graph.FindNode("n")!;

    [Fact]
    public void The_node_wins_and_its_model_names_its_provider()
    {
        var choice = ModelChoice.Resolve(Node("llm_model=\"beta-1\""), "alpha", "think-1", "alpha", Catalog);
        Assert.Equal(new ModelChoice("beta", "beta-1", null), choice);
    }

    [Fact]
    public void The_backend_model_is_dropped_when_the_node_switches_provider()
    {
        var choice = ModelChoice.Resolve(Node("llm_provider=\"beta\""), null, "think-1", "alpha", Catalog);
        Assert.Equal(new ModelChoice("beta", null, null), choice);
    }

    [Fact]
    public void Without_node_settings_the_backend_defaults_apply_and_a_reasoning_model_gets_high()
    {
        Assert.Equal(new ModelChoice("alpha", "think-1", "high"), ModelChoice.Resolve(Node("prompt=\"x\""), null, "think-1", "beta", Catalog));
        Assert.Equal(new ModelChoice("alpha", "plain-1", null), ModelChoice.Resolve(Node("prompt=\"x\""), "alpha", "plain-1", "beta", Catalog));
        Assert.Equal(new ModelChoice("beta", null, null), ModelChoice.Resolve(Node("prompt=\"x\""), null, null, "beta", Catalog));
    }

    [Fact]
    public void An_explicit_reasoning_effort_is_always_sent_and_a_filled_in_model_gets_the_default()
    {
        Assert.Equal("low", ModelChoice.Resolve(Node("reasoning_effort=\"low\", llm_model=\"plain-1\""), null, null, null, Catalog).ReasoningEffort);
        var open = ModelChoice.Resolve(Node("llm_provider=\"alpha\""), null, null, null, Catalog);
        Assert.Equal(new ModelChoice("alpha", "think-1", "high"), open.WithModel("think-1", Catalog));
        Assert.Equal(new ModelChoice("alpha", "plain-1", null), open.WithModel("plain-1", Catalog));
    }
}
