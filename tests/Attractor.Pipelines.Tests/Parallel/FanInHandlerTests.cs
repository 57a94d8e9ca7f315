// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using Attractor.Pipelines.Backends;
using Attractor.Pipelines.Handlers;
using Attractor.Pipelines.Tests.Handlers;

namespace Attractor.Pipelines.Tests.ParallelExecution;

/// <summary>§4.9 fan-in: heuristic and LLM selection over <c>parallel.results</c>.</summary>
public sealed class FanInHandlerTests
{
    private const string Graph = """
        digraph F {
          start [shape=Mdiamond]; exit [shape=Msquare]
          join [shape=tripleoctagon]
          judge [shape=tripleoctagon, prompt="Pick the most thorough implementation."]
          start -> join -> judge -> exit
        }
        """;

    private static JsonArray Results(params (string Id, string Status, double? Score)[] items)
    {
        var array = new JsonArray();
        foreach (var (id, status, score) in items)
        {
            array.Add(new JsonObject { ["id"] = id, ["status"] = status, ["score"] = score is { } s ? JsonValue.Create(s) : null, ["notes"] = "n-" + id });
        }

        return array;
    }

    private static async Task<Outcome> RunAsync(ParallelStage stage, object? results, string node = "join", ICodergenBackend? backend = null)
    {
        if (results is not null)
        {
            stage.Context.Set(ParallelHandler.ResultsKey, results);
        }

        return await new FanInHandler().ExecuteAsync(stage.Create(ParallelStage.Parse(Graph), node, backend), CancellationToken.None);
    }

    [Fact]
    public async Task No_results_fail()
    {
        using var stage = new ParallelStage();
        var missing = await RunAsync(stage, null);
        Assert.Equal(StageStatus.Fail, missing.Status);
        Assert.Equal("No parallel results to evaluate", missing.FailureReason);

        var empty = await RunAsync(stage, new JsonArray());
        Assert.Equal(StageStatus.Fail, empty.Status);
    }

    [Fact]
    public async Task Heuristic_ranks_by_status_then_score_then_id()
    {
        using var stage = new ParallelStage();
        var byStatus = await RunAsync(stage, Results(("a", "partial_success", 9), ("b", "success", 1), ("c", "fail", 10)));
        Assert.Equal(StageStatus.Success, byStatus.Status);
        Assert.Equal("b", byStatus.ContextUpdates[FanInHandler.BestIdKey]);
        Assert.Equal("success", byStatus.ContextUpdates[FanInHandler.BestOutcomeKey]);
        Assert.Equal("Selected best candidate: b", byStatus.Notes);

        var byScore = await RunAsync(stage, Results(("a", "success", 0.2), ("b", "success", 0.9), ("c", "success", null)));
        Assert.Equal("b", byScore.ContextUpdates[FanInHandler.BestIdKey]);

        var byId = await RunAsync(stage, Results(("z", "success", null), ("m", "success", null), ("q", "retry", null)));
        Assert.Equal("m", byId.ContextUpdates[FanInHandler.BestIdKey]);
        Assert.Equal("heuristic", byId.ContextUpdates[FanInHandler.MethodKey]);
    }

    [Fact]
    public async Task Runs_when_some_failed_and_fails_when_all_failed()
    {
        using var stage = new ParallelStage();
        var some = await RunAsync(stage, Results(("a", "fail", null), ("b", "partial_success", null)));
        Assert.Equal(StageStatus.Success, some.Status);
        Assert.Equal("b", some.ContextUpdates[FanInHandler.BestIdKey]);
        Assert.Equal("partial_success", some.ContextUpdates[FanInHandler.BestOutcomeKey]);

        var all = await RunAsync(stage, Results(("a", "fail", null), ("b", "fail", null)));
        Assert.Equal(StageStatus.Fail, all.Status);
        Assert.Contains("Every parallel branch failed", all.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelled_branches_are_not_candidates_and_a_json_string_is_accepted()
    {
        using var stage = new ParallelStage();
        var json = Results(("a", "cancelled", 100), ("b", "success", 1)).ToJsonString();
        var outcome = await RunAsync(stage, json);
        Assert.Equal("b", outcome.ContextUpdates[FanInHandler.BestIdKey]);

        var broken = await RunAsync(stage, "{not json");
        Assert.Equal(StageStatus.Fail, broken.Status);
        Assert.Contains("not valid JSON", broken.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_prompt_and_a_backend_the_llm_ranks_the_candidates()
    {
        using var stage = new ParallelStage();
        var backend = new FakeBackend(_ => CodergenResult.FromText("Both work, but the second is cleaner.\nBEST: b"));
        var outcome = await RunAsync(stage, Results(("a", "success", 0.9), ("b", "success", 0.1)), "judge", backend);

        Assert.Equal("b", outcome.ContextUpdates[FanInHandler.BestIdKey]);
        Assert.Equal("llm", outcome.ContextUpdates[FanInHandler.MethodKey]);
        var request = Assert.Single(backend.Requests);
        Assert.StartsWith("Pick the most thorough implementation.", request.Prompt, StringComparison.Ordinal);
        Assert.Contains("- id: a; status: success; score: 0.9", request.Prompt, StringComparison.Ordinal);
        Assert.Contains("BEST: <id>", request.Prompt, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(stage.LogsRoot, "judge", "prompt.md")));
        Assert.True(File.Exists(Path.Combine(stage.LogsRoot, "judge", "response.md")));
    }

    [Fact]
    public async Task An_unusable_llm_answer_falls_back_to_the_heuristic()
    {
        using var stage = new ParallelStage();
        var backend = new FakeBackend(_ => CodergenResult.FromText("I cannot decide."));
        var outcome = await RunAsync(stage, Results(("a", "success", 0.9), ("b", "success", 0.1)), "judge", backend);
        Assert.Equal("a", outcome.ContextUpdates[FanInHandler.BestIdKey]);
        Assert.Equal("heuristic", outcome.ContextUpdates[FanInHandler.MethodKey]);
    }

    [Fact]
    public async Task Without_a_prompt_the_backend_is_not_called()
    {
        using var stage = new ParallelStage();
        var backend = new FakeBackend(_ => CodergenResult.FromText("BEST: b"));
        var outcome = await RunAsync(stage, Results(("a", "success", 0.9), ("b", "success", 0.1)), "join", backend);
        Assert.Equal("a", outcome.ContextUpdates[FanInHandler.BestIdKey]);
        Assert.Empty(backend.Requests);
    }

    [Theory]
    [InlineData("BEST: beta", "beta")]
    [InlineData("best = `alpha`.", "alpha")]
    [InlineData("beta", "beta")]
    [InlineData("I prefer alpha over the others", "alpha")]
    [InlineData("alpha and beta are equal", null)]
    [InlineData("alphabet", null)]
    public void Parses_the_chosen_id(string response, string? expected) =>
        Assert.Equal(expected, FanInHandler.ParseChoice(response, ["alpha", "beta"]));
}
