// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using Attractor.Dot;
using Attractor.Pipelines.Handlers;
using Attractor.Pipelines.Human;
using Attractor.Pipelines.Tests.Handlers;

namespace Attractor.Pipelines.Tests.Manager;

/// <summary>§4.11 manager loop over real child pipelines (tool nodes run real processes).</summary>
public sealed class ManagerLoopHandlerTests : IDisposable
{
    private const string QuickChild = """
        digraph Child {
          start [shape=Mdiamond]; exit [shape=Msquare]
          work [shape=parallelogram, tool_command="echo child-work"]
          start -> work -> exit
        }
        """;

    private const string FailingChild = """
        digraph Child {
          start [shape=Mdiamond]; exit [shape=Msquare]
          work [shape=parallelogram, tool_command="echo broken >&2; exit 4"]
          start -> work -> exit
        }
        """;

    private const string SlowChild = """
        digraph Child {
          start [shape=Mdiamond]; exit [shape=Msquare]
          slow [shape=parallelogram, tool_command="sleep 30"]
          start -> slow -> exit
        }
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "attractor-manager-" + Guid.NewGuid().ToString("N"));
    private readonly HandlerTestStage _stage = new();

    public ManagerLoopHandlerTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        _stage.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }

    private async Task<PipelineGraph> ParentAsync(string managerAttributes, string child, string childName = "child.dot", string graphAttributes = "")
    {
        Directory.CreateDirectory(Path.Combine(_root, "pipelines"));
        await File.WriteAllTextAsync(Path.Combine(_root, "pipelines", childName), child);
        var parentPath = Path.Combine(_root, "pipelines", "parent.dot");
        await File.WriteAllTextAsync(parentPath, $$"""
            digraph Parent {
              graph [goal="supervise"{{graphAttributes}}]
              start [shape=Mdiamond]; exit [shape=Msquare]
              manager [shape=house, {{managerAttributes}}]
              start -> manager -> exit
            }
            """);
        var prepared = await PipelineLoader.Default.LoadFileAsync(parentPath);
        Assert.False(prepared.HasErrors, string.Join(Environment.NewLine, prepared.Errors));
        return prepared.Graph;
    }

    private Task<Outcome> RunAsync(PipelineGraph graph, CancellationToken cancellationToken = default) =>
        new ManagerLoopHandler().ExecuteAsync(_stage.Create(graph, "manager", new AutoApproveInterviewer()), cancellationToken);

    [Fact]
    public async Task Child_success_is_manager_success_with_observed_telemetry()
    {
        var graph = await ParentAsync("stack.child_dotfile=\"child.dot\", manager.poll_interval=\"10ms\"", QuickChild);
        var outcome = await RunAsync(graph);

        Assert.Equal(StageStatus.Success, outcome.Status);
        Assert.StartsWith("Child completed", outcome.Notes, StringComparison.Ordinal);
        Assert.Equal("completed", _stage.Context.GetString(ManagerLoopHandler.StatusKey));
        Assert.Equal("success", _stage.Context.GetString(ManagerLoopHandler.OutcomeKey));
        Assert.Equal("work", _stage.Context.GetString(ManagerLoopHandler.CurrentNodeKey));
        Assert.Equal("2", _stage.Context.GetString(ManagerLoopHandler.CompletedCountKey));
        Assert.Equal("completed", outcome.ContextUpdates[ManagerLoopHandler.StatusKey]);
        var childRoot = Path.Combine(_stage.LogsRoot, "manager", "child");
        Assert.True(File.Exists(Path.Combine(childRoot, "work", "status.json")));
        Assert.Equal("child-work", File.ReadAllText(Path.Combine(childRoot, "work", "stdout.txt")).Trim());
    }

    [Fact]
    public async Task Child_failure_is_manager_failure()
    {
        var graph = await ParentAsync("stack.child_dotfile=\"child.dot\", manager.poll_interval=\"10ms\"", FailingChild);
        var outcome = await RunAsync(graph);
        Assert.Equal(StageStatus.Fail, outcome.Status);
        Assert.StartsWith("Child failed", outcome.FailureReason, StringComparison.Ordinal);
        Assert.Contains("exited with code 4", outcome.FailureReason, StringComparison.Ordinal);
        Assert.Equal("failed", _stage.Context.GetString(ManagerLoopHandler.StatusKey));
        Assert.Equal("fail", _stage.Context.GetString(ManagerLoopHandler.OutcomeKey));
    }

    [Fact]
    public async Task Stop_condition_succeeds_and_cancels_the_child()
    {
        var graph = await ParentAsync("stack.child_dotfile=\"child.dot\", manager.poll_interval=\"10ms\", manager.stop_condition=\"context.stack.child.current_node=slow\"", SlowChild);
        var stopwatch = Stopwatch.StartNew();
        var outcome = await RunAsync(graph);

        Assert.Equal(StageStatus.Success, outcome.Status);
        Assert.Contains("Stop condition satisfied", outcome.Notes, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), "the child was not cancelled");
        Assert.Equal("running", _stage.Context.GetString(ManagerLoopHandler.StatusKey));
    }

    [Fact]
    public async Task Max_cycles_fails_and_cancels_the_child()
    {
        var graph = await ParentAsync("stack.child_dotfile=\"child.dot\", manager.poll_interval=\"10ms\", manager.max_cycles=3", SlowChild);
        var stopwatch = Stopwatch.StartNew();
        var outcome = await RunAsync(graph);

        Assert.Equal(StageStatus.Fail, outcome.Status);
        Assert.Contains("Max cycles exceeded (3)", outcome.FailureReason, StringComparison.Ordinal);
        Assert.Equal("3", _stage.Context.GetString(ManagerLoopHandler.CyclesKey));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), "the child was not cancelled");
    }

    [Fact]
    public async Task Missing_child_file_fails_with_the_resolved_path()
    {
        var graph = await ParentAsync("stack.child_dotfile=\"nowhere.dot\"", QuickChild);
        var outcome = await RunAsync(graph);
        Assert.Equal(StageStatus.Fail, outcome.Status);
        Assert.Contains("Child pipeline not found", outcome.FailureReason, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_root, "pipelines", "nowhere.dot"), outcome.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_child_dotfile_fails()
    {
        var graph = await ParentAsync("manager.poll_interval=\"10ms\"", QuickChild);
        var outcome = await RunAsync(graph);
        Assert.Equal(StageStatus.Fail, outcome.Status);
        Assert.Contains("stack.child_dotfile", outcome.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_attribute_is_used_relative_to_the_parent_file()
    {
        Directory.CreateDirectory(Path.Combine(_root, "pipelines", "sub"));
        var graph = await ParentAsync("manager.poll_interval=\"10ms\"", QuickChild, Path.Combine("sub", "kid.dot"), ", stack.child_dotfile=\"sub/kid.dot\"");
        var outcome = await RunAsync(graph);
        Assert.Equal(StageStatus.Success, outcome.Status);
    }

    [Fact]
    public async Task Steer_writes_steer_md_into_the_child_active_stage()
    {
        var graph = await ParentAsync(
            "stack.child_dotfile=\"child.dot\", manager.poll_interval=\"10ms\", manager.max_cycles=1000, manager.actions=\"observe,steer,wait\", prompt=\"Focus on the tests.\", manager.stop_condition=\"context.stack.child.current_node=slow\"",
            SlowChild);

        // The stop condition and the steer see the same observation; steering happens first.
        var outcome = await RunAsync(graph);
        Assert.Equal(StageStatus.Success, outcome.Status);
        var steer = File.ReadAllText(Path.Combine(_stage.LogsRoot, "manager", "child", "slow", ManagerLoopHandler.SteerFileName));
        Assert.Contains("Focus on the tests.", steer, StringComparison.Ordinal);
        Assert.Contains("manager 'manager'", steer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_wait_a_cycle_lasts_until_the_child_finishes()
    {
        var graph = await ParentAsync("stack.child_dotfile=\"child.dot\", manager.max_cycles=1, manager.actions=observe", QuickChild);
        var outcome = await RunAsync(graph);
        Assert.Equal(StageStatus.Success, outcome.Status);
    }

    [Fact]
    public async Task Cancelling_the_run_cancels_the_child()
    {
        var graph = await ParentAsync("stack.child_dotfile=\"child.dot\", manager.poll_interval=\"10ms\"", SlowChild);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(graph, cts.Token));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Manager_runs_end_to_end_through_the_runner_with_the_interviewer_wired_to_the_child()
    {
        var corpus = Path.Combine(AppContext.BaseDirectory, "Corpus");
        var directory = Path.Combine(_root, "corpus");
        Directory.CreateDirectory(directory);
        File.Copy(Path.Combine(corpus, "robotdad__amplifier-bundle-attractor__parent.dot"), Path.Combine(directory, "parent.dot"));
        File.Copy(Path.Combine(corpus, "robotdad__amplifier-bundle-attractor__child-with-gate.dot"), Path.Combine(directory, "child-with-gate.dot"));
        var runner = new PipelineRunner(new PipelineRunOptions
        {
            LogsRoot = Path.Combine(_root, "run"),
            Interviewer = new AutoApproveInterviewer(),
            Handlers = new Dictionary<string, INodeHandler>(StringComparer.Ordinal) { [HandlerTypes.ManagerLoop] = new ManagerLoopHandler() },
        });

        var result = await runner.RunFileAsync(Path.Combine(directory, "parent.dot"));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["start", "manager"], result.CompletedNodes);
        Assert.Equal("completed", result.Context.GetString(ManagerLoopHandler.StatusKey));
        Assert.True(Directory.Exists(Path.Combine(result.LogsRoot, "manager", "child")));
    }
}
