// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Dot;
using Attractor.Pipelines.Events;
using Attractor.Pipelines.Handlers;
using Attractor.Pipelines.Human;

namespace Attractor.Pipelines.Tests.Handlers;

/// <summary>§4.6 / §6.5 / §11.6: the wait.human handler.</summary>
public sealed class WaitForHumanHandlerTests : IDisposable
{
    private const string GateDot = """
        digraph g {
            start [shape=Mdiamond]; exit [shape=Msquare]
            review [shape=hexagon, label="Ship it?"]
            start -> review
            review -> deploy [label="[A] Approve"]
            review -> fix [label="F) Fix the build"]
            review -> later [label="L - Later"]
            review -> abandon
            deploy -> exit; fix -> exit; later -> exit; abandon -> exit
        }
        """;

    private readonly HandlerTestStage _stage = new();

    public void Dispose() => _stage.Dispose();

    private static PipelineGraph Gate(params (string Key, string Value)[] extra)
    {
        var graph = HandlerTestStage.Parse(GateDot);
        if (extra.Length == 0)
        {
            return graph;
        }

        var nodes = graph.Nodes.Select(n => n.Id == "review" ? n.WithAttributes(extra.Aggregate(n.Attributes, (map, pair) => map.SetItem(pair.Key, pair.Value))) : n).ToList();
        return new PipelineGraph(graph.Id, graph.Attributes, nodes, graph.Edges);
    }

    private Task<Outcome> RunAsync(IInterviewer? interviewer, PipelineGraph? graph = null) =>
        new WaitForHumanHandler().ExecuteAsync(_stage.Create(graph ?? Gate(), "review", interviewer), CancellationToken.None);

    [Fact]
    public async Task Outgoing_edges_become_a_multiple_choice_question_in_declaration_order()
    {
        var recorder = new RecordingInterviewer(AutoApproveInterviewer.Instance);
        await RunAsync(recorder);

        var question = Assert.Single(recorder.Recordings).Question;
        Assert.Equal(QuestionType.MultipleChoice, question.Type);
        Assert.Equal("Ship it?", question.Text);
        Assert.Equal("review", question.Stage);
        Assert.Equal(
            [new("A", "[A] Approve"), new("F", "F) Fix the build"), new("L", "L - Later"), new QuestionOption("A", "abandon")],
            question.Options);
    }

    [Fact]
    public async Task Auto_approve_takes_the_first_edge_and_returns_its_label_as_preferred_label()
    {
        var outcome = await RunAsync(AutoApproveInterviewer.Instance);

        Assert.Equal(StageStatus.Success, outcome.Status);
        Assert.Equal("[A] Approve", outcome.PreferredLabel);
        Assert.Equal(["deploy"], outcome.SuggestedNextIds);
        Assert.Equal("A", outcome.ContextUpdates["human.gate.selected"]);
        Assert.Equal("[A] Approve", outcome.ContextUpdates["human.gate.label"]);
        Assert.Equal(StageStatus.Success, (await StatusFile.TryReadAsync(Path.Combine(_stage.LogsRoot, "review"), CancellationToken.None))!.Status);
    }

    [Theory]
    [InlineData("F", "fix")]
    [InlineData("f", "fix")]
    [InlineData("fix the build", "fix")]
    [InlineData("F) Fix the build", "fix")]
    [InlineData("l", "later")]
    [InlineData("ABANDON", "abandon")]
    [InlineData("A", "deploy")]
    public async Task Answers_match_by_key_or_label_case_insensitively(string typed, string target)
    {
        var outcome = await RunAsync(new QueueInterviewer([typed]));
        Assert.Equal(StageStatus.Success, outcome.Status);
        Assert.Equal([target], outcome.SuggestedNextIds);
    }

    [Fact]
    public async Task Selected_option_routes_to_its_edge()
    {
        var interviewer = new CallbackInterviewer((q, _) => Task.FromResult(Answer.Select(q.Options[2])));
        var outcome = await RunAsync(interviewer);
        Assert.Equal(["later"], outcome.SuggestedNextIds);
        Assert.Equal("L - Later", outcome.PreferredLabel);
        Assert.Equal("L", outcome.ContextUpdates["human.gate.selected"]);
    }

    [Fact]
    public async Task Unmatched_answer_falls_back_to_the_first_choice()
    {
        var outcome = await RunAsync(new QueueInterviewer(["zzz"]));
        Assert.Equal(StageStatus.Success, outcome.Status);
        Assert.Equal(["deploy"], outcome.SuggestedNextIds);
        Assert.Contains("zzz", outcome.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skipped_answer_fails()
    {
        var outcome = await RunAsync(new QueueInterviewer(Array.Empty<Answer>()));
        Assert.Equal(StageStatus.Fail, outcome.Status);
        Assert.Equal("human skipped interaction", outcome.FailureReason);
    }

    [Fact]
    public async Task Timeout_without_default_asks_for_a_retry()
    {
        var outcome = await RunAsync(new QueueInterviewer([Answer.TimedOut]));
        Assert.Equal(StageStatus.Retry, outcome.Status);
        Assert.Equal("human gate timeout, no default", outcome.FailureReason);
        Assert.Contains(_stage.Events.Events, e => e is InterviewTimeout { Stage: "review" });
    }

    [Theory]
    [InlineData("later", "later")]
    [InlineData("F", "fix")]
    [InlineData("Fix the build", "fix")]
    [InlineData("[A] Approve", "deploy")]
    [InlineData("abandon", "abandon")]
    public async Task Timeout_uses_human_default_choice_by_target_key_or_label(string defaultChoice, string target)
    {
        var outcome = await RunAsync(new QueueInterviewer([Answer.TimedOut]), Gate(("human.default_choice", defaultChoice)));
        Assert.Equal(StageStatus.Success, outcome.Status);
        Assert.Equal([target], outcome.SuggestedNextIds);
        Assert.Contains("timed out", outcome.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Question_timeout_comes_from_human_timeout_and_a_silent_human_times_out()
    {
        var interviewer = new CallbackInterviewer(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return Answer.Yes;
        });
        var outcome = await RunAsync(interviewer, Gate(("human.timeout", "100ms"), ("human.default_choice", "fix")));
        Assert.Equal(["fix"], outcome.SuggestedNextIds);
        Assert.Contains(_stage.Events.Events, e => e is InterviewTimeout);
    }

    [Fact]
    public async Task Node_timeout_is_the_question_timeout_when_human_timeout_is_absent()
    {
        var recorder = new RecordingInterviewer(AutoApproveInterviewer.Instance);
        await RunAsync(recorder, Gate(("timeout", "30s")));
        Assert.Equal(TimeSpan.FromSeconds(30), recorder.Recordings[0].Question.Timeout);
        var withDefault = await RunWithQuestion(Gate(("timeout", "30s"), ("human.default_choice", "fix")));
        Assert.Equal("fix", withDefault.Metadata["human.default_choice"]);
        Assert.Null(withDefault.Default);
    }

    [Fact]
    public async Task No_outgoing_edges_fails()
    {
        var graph = HandlerTestStage.Graph([HandlerTestStage.Node("review", ("shape", "hexagon"))]);
        var outcome = await RunAsync(AutoApproveInterviewer.Instance, graph);
        Assert.Equal(StageStatus.Fail, outcome.Status);
        Assert.Equal("No outgoing edges for human gate", outcome.FailureReason);
    }

    [Fact]
    public async Task Missing_interviewer_fails()
    {
        var outcome = await RunAsync(null);
        Assert.Equal(StageStatus.Fail, outcome.Status);
        Assert.StartsWith("no interviewer configured", outcome.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interviewer_failure_fails_the_gate_with_its_message()
    {
        var outcome = await RunAsync(new CallbackInterviewer((_, _) => throw new InvalidOperationException("No interviewer is configured")));
        Assert.Equal(StageStatus.Fail, outcome.Status);
        Assert.Equal("interviewer failed: No interviewer is configured", outcome.FailureReason);
    }

    [Fact]
    public async Task Unlabelled_gate_asks_the_default_question()
    {
        var graph = HandlerTestStage.Graph(
            [HandlerTestStage.Node("review", ("shape", "hexagon")), HandlerTestStage.Node("next")],
            [new PipelineEdge("review", "next")]);
        var question = await RunWithQuestion(graph);
        Assert.Equal("Select an option:", question.Text);
        Assert.Equal([new QuestionOption("N", "next")], question.Options);
    }

    [Fact]
    public async Task Interview_events_are_emitted()
    {
        await RunAsync(AutoApproveInterviewer.Instance);
        var events = _stage.Events.Events;
        var started = Assert.IsType<InterviewStarted>(events[0]);
        Assert.Equal("Ship it?", started.Question);
        Assert.Equal("review", started.Stage);
        var completed = Assert.IsType<InterviewCompleted>(events[1]);
        Assert.Equal("[A] Approve", completed.Answer);
    }

    private async Task<Question> RunWithQuestion(PipelineGraph graph)
    {
        var recorder = new RecordingInterviewer(AutoApproveInterviewer.Instance);
        await new WaitForHumanHandler().ExecuteAsync(_stage.Create(graph, "review", recorder), CancellationToken.None);
        return recorder.Recordings[^1].Question;
    }
}
