// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using Attractor.Dot;
using Attractor.Pipelines.Backends;

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>
/// attractor-spec §11.13: plan → implement → review → done through an LLM callback. The callback is
/// a recording fake (tests never reach a real provider); everything else is the real engine.
/// </summary>
public sealed class IntegrationSmokeTests
{
    private const string Dot = """
        digraph test_pipeline {
            graph [goal="Create a hello world Python script",
                   model_stylesheet="* { llm_model: small-model; } #review { llm_model: big-model; llm_provider: anthropic; }"]

            start       [shape=Mdiamond]
            plan        [shape=box, prompt="Plan how to create a hello world script for: $goal"]
            implement   [shape=box, prompt="Write the code based on the plan", goal_gate=true]
            review      [shape=box, prompt="Review the code for correctness"]
            done        [shape=Msquare]

            start -> plan
            plan -> implement
            implement -> review [condition="outcome=success"]
            implement -> plan   [condition="outcome=fail", label="Retry"]
            review -> done      [condition="outcome=success"]
            review -> implement [condition="outcome=fail", label="Fix"]
        }
        """;

    [Fact]
    public async Task Plan_implement_review_runs_through_the_llm_callback_and_leaves_artifacts_and_a_checkpoint()
    {
        var prepared = PipelineLoader.Default.Load(Dot);

        // 1. Parse, 2. validate.
        Assert.Equal("Create a hello world Python script", prepared.Graph.Goal);
        Assert.Equal(5, prepared.Graph.Nodes.Count);
        Assert.Equal(6, prepared.Graph.Edges.Count);
        Assert.False(prepared.HasErrors, string.Join(Environment.NewLine, prepared.Errors));

        // 3. Execute with the callback; review asks for one fix before it approves.
        using var dir = new EngineTempDirectory();
        var backend = new CallbackBackend(request => request.Node.Id == "review" && request.Context.GetString("review.asked_once") != "yes"
            ? CodergenResult.FromOutcome(new Outcome(StageStatus.Fail) { FailureReason = "missing shebang", ContextUpdates = new Dictionary<string, object?> { ["review.asked_once"] = "yes" } })
            : CodergenResult.FromText("LLM answer for " + request.Node.Id));
        var result = await new PipelineRunner(new PipelineRunOptions { LogsRoot = dir.Run(), Backend = backend }).RunAsync(prepared.Graph);

        // 4. Verify.
        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Contains("implement", result.CompletedNodes);
        Assert.Equal(["plan", "implement", "review", "implement", "review"], backend.Calls.Select(c => c.Node.Id));
        Assert.Equal("Plan how to create a hello world script for: Create a hello world Python script", backend.Calls[0].Prompt);
        foreach (var stage in new[] { "plan", "implement", "review" })
        {
            foreach (var file in new[] { "prompt.md", "response.md", "status.json" })
            {
                Assert.True(File.Exists(Path.Combine(result.LogsRoot, stage, file)), $"{stage}/{file} is missing");
            }
        }

        Assert.Equal("LLM answer for implement", File.ReadAllText(Path.Combine(result.LogsRoot, "implement", "response.md")));

        // The stylesheet's model override reaches the backend with each node.
        Assert.Equal("small-model", backend.Calls[0].Node.LlmModel);
        Assert.Equal("big-model", backend.Calls[2].Node.LlmModel);
        Assert.Equal("anthropic", backend.Calls[2].Node.LlmProvider);

        // 5. Goal gate satisfied: implement's last outcome was a success.
        Assert.Equal("success", result.Context.GetString("outcome"));

        // 6. Checkpoint.
        var checkpoint = await CheckpointStore.LoadAsync(result.LogsRoot);
        Assert.Equal("done", checkpoint.CurrentNode);
        Assert.DoesNotContain("done", checkpoint.CompletedNodes);
        Assert.Contains("plan", checkpoint.CompletedNodes);
        Assert.Contains("implement", checkpoint.CompletedNodes);
        Assert.Contains("review", checkpoint.CompletedNodes);
    }

    private sealed class CallbackBackend(Func<CodergenRequest, CodergenResult> callback) : ICodergenBackend
    {
        private readonly ConcurrentQueue<CodergenRequest> _calls = new();

        public IReadOnlyList<CodergenRequest> Calls => [.. _calls];

        public Task<CodergenResult> RunAsync(CodergenRequest request, CancellationToken cancellationToken)
        {
            _calls.Enqueue(request);
            return Task.FromResult(callback(request));
        }
    }
}
