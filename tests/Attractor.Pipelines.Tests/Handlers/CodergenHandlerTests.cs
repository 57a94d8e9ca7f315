// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Pipelines.Backends;
using Attractor.Pipelines.Handlers;

namespace Attractor.Pipelines.Tests.Handlers;

/// <summary>§4.5 / §11.6: the codergen handler.</summary>
public sealed class CodergenHandlerTests : IDisposable
{
    private readonly HandlerTestStage _stage = new();

    public void Dispose() => _stage.Dispose();

    private static PipelineGraph Graph(params (string Key, string Value)[] nodeAttributes) =>
        HandlerTestStage.Graph([HandlerTestStage.Node("plan", nodeAttributes)], null, ("goal", "ship the feature"));

    private string StageFile(string name) => Path.Combine(_stage.LogsRoot, "plan", name);

    [Fact]
    public async Task Simulation_mode_writes_prompt_response_and_status()
    {
        var outcome = await new CodergenHandler().ExecuteAsync(_stage.Create(Graph(("prompt", "Plan: $goal")), "plan"), CancellationToken.None);

        Assert.Equal(StageStatus.Success, outcome.Status);
        Assert.Equal("Stage completed: plan", outcome.Notes);
        Assert.Equal("Plan: ship the feature", await File.ReadAllTextAsync(StageFile("prompt.md")));
        Assert.Equal("[Simulated] Response for stage: plan", await File.ReadAllTextAsync(StageFile("response.md")));
        Assert.Equal("plan", outcome.ContextUpdates["last_stage"]);
        Assert.Equal("[Simulated] Response for stage: plan", outcome.ContextUpdates["last_response"]);
        var status = await StatusFile.TryReadAsync(Path.Combine(_stage.LogsRoot, "plan"), CancellationToken.None);
        Assert.Equal(StageStatus.Success, status!.Status);
        Assert.Equal("plan", status.ContextUpdates["last_stage"]);
    }

    [Fact]
    public async Task Label_is_the_prompt_when_prompt_is_empty_and_goal_is_expanded_there_too()
    {
        await new CodergenHandler().ExecuteAsync(_stage.Create(Graph(("label", "Work towards $goal")), "plan"), CancellationToken.None);
        Assert.Equal("Work towards ship the feature", await File.ReadAllTextAsync(StageFile("prompt.md")));
    }

    [Fact]
    public async Task Node_id_is_the_prompt_when_there_is_neither_prompt_nor_label()
    {
        await new CodergenHandler().ExecuteAsync(_stage.Create(Graph(), "plan"), CancellationToken.None);
        Assert.Equal("plan", await File.ReadAllTextAsync(StageFile("prompt.md")));
    }

    [Fact]
    public async Task Without_a_goal_attribute_the_variable_stays_visible()
    {
        var graph = HandlerTestStage.Graph([HandlerTestStage.Node("plan", ("prompt", "Do $goal"))]);
        await new CodergenHandler().ExecuteAsync(_stage.Create(graph, "plan"), CancellationToken.None);
        Assert.Equal("Do $goal", await File.ReadAllTextAsync(StageFile("prompt.md")));
    }

    [Fact]
    public async Task Backend_receives_the_expanded_prompt_and_its_text_is_the_response()
    {
        var longText = new string('x', 250) + "END";
        var backend = new FakeBackend(_ => CodergenResult.FromText(longText));
        var stage = _stage.Create(Graph(("prompt", "Implement $goal")), "plan", backend: backend);
        var outcome = await new CodergenHandler().ExecuteAsync(stage, CancellationToken.None);

        var request = Assert.Single(backend.Requests);
        Assert.Equal("Implement ship the feature", request.Prompt);
        Assert.Equal("plan", request.Node.Id);
        Assert.Same(_stage.Context, request.Context);
        Assert.Equal(stage.StageDirectory, request.StageDirectory);
        Assert.Equal(stage.Fidelity, request.Fidelity);
        Assert.Equal(StageStatus.Success, outcome.Status);
        Assert.Equal(longText, await File.ReadAllTextAsync(StageFile("response.md")));
        Assert.Equal(new string('x', 200), outcome.ContextUpdates["last_response"]);
    }

    [Fact]
    public async Task Backend_outcome_is_written_as_status_and_returned()
    {
        var decided = new Outcome(StageStatus.Retry) { FailureReason = "tests red", PreferredLabel = "Fix", ContextUpdates = new Dictionary<string, object?> { ["k"] = "v" } };
        var backend = new FakeBackend(_ => CodergenResult.FromOutcome(decided));
        var outcome = await new CodergenHandler().ExecuteAsync(_stage.Create(Graph(("prompt", "p")), "plan", backend: backend), CancellationToken.None);

        Assert.Same(decided, outcome);
        Assert.False(File.Exists(StageFile("response.md")));
        Assert.True(File.Exists(StageFile("prompt.md")));
        var status = await StatusFile.TryReadAsync(Path.Combine(_stage.LogsRoot, "plan"), CancellationToken.None);
        Assert.Equal(StageStatus.Retry, status!.Status);
        Assert.Equal("tests red", status.FailureReason);
        Assert.Equal("Fix", status.PreferredLabel);
        Assert.Equal("v", status.ContextUpdates["k"]);
    }

    [Fact]
    public async Task Status_json_written_by_the_backend_is_the_outcome_and_is_not_overwritten()
    {
        const string agentStatus = """{"outcome": "fail", "preferred_label": "Fix", "failure_reason": "3 tests red", "context_updates": {"tests.red": 3}}""";
        var backend = new FakeBackend(request =>
        {
            File.WriteAllText(Path.Combine(request.StageDirectory, "status.json"), agentStatus);
            return CodergenResult.FromText("I ran the tests.");
        });
        var outcome = await new CodergenHandler().ExecuteAsync(_stage.Create(Graph(("prompt", "p")), "plan", backend: backend), CancellationToken.None);

        Assert.Equal(StageStatus.Fail, outcome.Status);
        Assert.Equal("Fix", outcome.PreferredLabel);
        Assert.Equal("3 tests red", outcome.FailureReason);
        Assert.Equal(3L, outcome.ContextUpdates["tests.red"]);
        Assert.Equal(agentStatus, await File.ReadAllTextAsync(StageFile("status.json")));
        Assert.Equal("I ran the tests.", await File.ReadAllTextAsync(StageFile("response.md")));
    }

    [Fact]
    public async Task Status_json_written_by_the_backend_wins_over_its_returned_outcome()
    {
        const string agentStatus = """{"outcome": "retry", "notes": "agent wants another pass"}""";
        var backend = new FakeBackend(request =>
        {
            File.WriteAllText(Path.Combine(request.StageDirectory, "status.json"), agentStatus);
            return CodergenResult.FromOutcome(Outcome.Success("backend says done"));
        });
        var outcome = await new CodergenHandler().ExecuteAsync(_stage.Create(Graph(("prompt", "p")), "plan", backend: backend), CancellationToken.None);

        Assert.Equal(StageStatus.Retry, outcome.Status);
        Assert.Equal("agent wants another pass", outcome.Notes);
        Assert.Equal(agentStatus, await File.ReadAllTextAsync(StageFile("status.json")));
    }

    [Fact]
    public async Task A_status_json_left_from_an_earlier_visit_is_not_taken_for_the_backend_answer()
    {
        Directory.CreateDirectory(Path.Combine(_stage.LogsRoot, "plan"));
        await File.WriteAllTextAsync(StageFile("status.json"), """{"outcome": "fail", "failure_reason": "old"}""");
        var backend = new FakeBackend(_ => CodergenResult.FromText("fresh"));
        var outcome = await new CodergenHandler().ExecuteAsync(_stage.Create(Graph(("prompt", "p")), "plan", backend: backend), CancellationToken.None);

        Assert.Equal(StageStatus.Success, outcome.Status);
        Assert.Equal("success", (await StatusFile.TryReadAsync(Path.Combine(_stage.LogsRoot, "plan"), CancellationToken.None))!.Status.ToWireName());
    }

    [Fact]
    public async Task Backend_exception_becomes_a_fail_outcome_with_its_message()
    {
        var backend = new FakeBackend(_ => throw new InvalidOperationException("rate limited"));
        var stage = _stage.Create(Graph(("prompt", "p")), "plan", backend: backend);
        var outcome = await new CodergenHandler().ExecuteAsync(stage, CancellationToken.None);

        Assert.Equal(StageStatus.Fail, outcome.Status);
        Assert.Equal("rate limited", outcome.FailureReason);
        Assert.IsType<InvalidOperationException>(stage.ReportedError);
        Assert.Equal(StageStatus.Fail, (await StatusFile.TryReadAsync(Path.Combine(_stage.LogsRoot, "plan"), CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Cancellation_of_the_backend_propagates()
    {
        using var cancel = new CancellationTokenSource();
        var backend = new FakeBackend(_ =>
        {
            cancel.Cancel();
            throw new OperationCanceledException(cancel.Token);
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new CodergenHandler().ExecuteAsync(_stage.Create(Graph(("prompt", "p")), "plan", backend: backend), cancel.Token));
    }

    [Theory]
    [InlineData("short", 200, "short")]
    [InlineData("abcdef", 3, "abc")]
    [InlineData("ab\U0001F600", 3, "ab")]
    public void Truncate_keeps_surrogate_pairs_whole(string text, int max, string expected) =>
        Assert.Equal(expected, CodergenHandler.Truncate(text, max));
}
