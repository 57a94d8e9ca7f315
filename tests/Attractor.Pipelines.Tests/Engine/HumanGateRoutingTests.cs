// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Human;

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>The §11.12 row "Wait.human presents choices and routes on selection", through the engine.</summary>
public sealed class HumanGateRoutingTests
{
    private sealed class PickingInterviewer(string label) : IInterviewer
    {
        public List<Question> Asked { get; } = [];

        public Task<Answer> AskAsync(Question question, CancellationToken cancellationToken)
        {
            Asked.Add(question);
            return Task.FromResult(Answer.Select(question.Options.First(o => o.Label.Contains(label, StringComparison.Ordinal))));
        }

        public Task<IReadOnlyList<Answer>> AskMultipleAsync(IReadOnlyList<Question> questions, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task InformAsync(string message, string stage, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Theory]
    [InlineData("Approve", "ship")]
    [InlineData("Reject", "rework")]
    public async Task Human_gate_presents_the_edge_labels_and_routes_on_the_selection(string choice, string expected)
    {
        using var kit = new EngineTestKit();
        var interviewer = new PickingInterviewer(choice);
        var options = kit.Options();
        var runner = new PipelineRunner(new PipelineRunOptions
        {
            LogsRoot = options.LogsRoot,
            Handlers = options.Handlers,
            TimeProvider = options.TimeProvider,
            Interviewer = interviewer,
        });
        var result = await runner.RunAsync(EngineTestKit.Parse("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              review [shape=hexagon, label="Ship it?"]; ship; rework
              start -> review
              review -> ship [label="[A] Approve"]
              review -> rework [label="[R] Reject"]
              ship -> exit; rework -> exit
            }
            """));
        Assert.True(result.Succeeded, result.FailureReason);
        var question = Assert.Single(interviewer.Asked);
        Assert.Equal(["A", "R"], question.Options.Select(o => o.Key));
        Assert.Equal(["start", "review", expected], result.CompletedNodes);
    }

    [Fact]
    public async Task Parallel_node_continues_at_its_suggested_fan_in_without_a_direct_edge()
    {
        using var kit = new EngineTestKit();
        var runner = kit.Runner(h => h["parallel"] = new DelegateHandler(async (stage, ct) =>
        {
            foreach (var edge in stage.Graph.OutgoingEdges(stage.Node.Id))
            {
                await stage.Services.Branches.RunBranchAsync(edge.To, "join", stage.Context.Clone(), Path.Combine(stage.StageDirectory, edge.To), ct);
            }

            return new Outcome(StageStatus.Success) { SuggestedNextIds = ["join"] };
        }));
        var result = await runner.RunAsync(EngineTestKit.Parse("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              fan [shape=component]; left; right; join
              start -> fan
              fan -> left -> join
              fan -> right -> join
              join -> exit
            }
            """));
        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["start", "fan", "join"], result.CompletedNodes);
        Assert.Equal(["left", "right", "join"], kit.Script.CalledNodes);
    }

    [Fact]
    public async Task Built_in_parallel_fan_out_and_fan_in_complete_through_the_engine()
    {
        using var kit = new EngineTestKit();
        var result = await kit.RunAsync("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              fan [shape=component]; left; right; join [shape=tripleoctagon]; after
              start -> fan
              fan -> left -> join
              fan -> right -> join
              join -> after -> exit
            }
            """);
        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["start", "fan", "join", "after"], result.CompletedNodes);
        Assert.Equal(["left", "right"], kit.Script.CalledNodes.Where(n => n is "left" or "right").Order());
        Assert.Equal("after", kit.Script.CalledNodes[^1]);
        Assert.Equal(1, kit.Script.CallsTo("left"));
    }
}
