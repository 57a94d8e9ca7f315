// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Pipelines.Handlers;

namespace Attractor.Pipelines.Tests.Handlers;

/// <summary>§11.6: start, exit and conditional handlers.</summary>
public sealed class NoOpHandlerTests : IDisposable
{
    private readonly HandlerTestStage _stage = new();

    public void Dispose() => _stage.Dispose();

    [Fact]
    public async Task Start_handler_returns_success_immediately()
    {
        var graph = HandlerTestStage.Graph([HandlerTestStage.Node("start", ("shape", "Mdiamond"))]);
        var outcome = await new StartHandler().ExecuteAsync(_stage.Create(graph, "start"), CancellationToken.None);
        Assert.Equal(StageStatus.Success, outcome.Status);
        Assert.Empty(outcome.ContextUpdates);
        Assert.Empty(_stage.Context.Snapshot());
    }

    [Fact]
    public async Task Exit_handler_returns_success_immediately_without_checking_goal_gates()
    {
        var graph = HandlerTestStage.Graph([HandlerTestStage.Node("exit", ("shape", "Msquare"))]);
        _stage.Context.Set("outcome", "fail");
        var outcome = await new ExitHandler().ExecuteAsync(_stage.Create(graph, "exit"), CancellationToken.None);
        Assert.Equal(StageStatus.Success, outcome.Status);
    }

    [Fact]
    public async Task Conditional_handler_passes_through_with_notes()
    {
        var graph = HandlerTestStage.Parse("""
            digraph g {
                start [shape=Mdiamond]; exit [shape=Msquare]
                check [shape=diamond]
                start -> check
                check -> exit [condition="outcome=success"]
                check -> start [condition="outcome=fail"]
            }
            """);
        var outcome = await new ConditionalHandler().ExecuteAsync(_stage.Create(graph, "check"), CancellationToken.None);
        Assert.Equal(StageStatus.Success, outcome.Status);
        Assert.Equal("Conditional node evaluated: check", outcome.Notes);
        Assert.Empty(outcome.SuggestedNextIds);
        Assert.Equal(string.Empty, outcome.PreferredLabel);
    }

    [Fact]
    public async Task No_op_handlers_honour_cancellation()
    {
        var graph = HandlerTestStage.Graph([HandlerTestStage.Node("n")]);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new StartHandler().ExecuteAsync(_stage.Create(graph, "n"), cancelled.Token));
    }
}
