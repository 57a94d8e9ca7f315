// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using Attractor.Dot;
using Attractor.Pipelines.Events;
using Attractor.Pipelines.Handlers;

namespace Attractor.Pipelines.Tests.ParallelExecution;

/// <summary>End to end through <see cref="PipelineRunner"/>: §11.12 "Parallel fan-out and fan-in complete correctly".</summary>
public sealed class ParallelPipelineTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "attractor-parallel-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly List<PipelineEvent> _events = [];

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
    }

    private PipelineRunner Runner() => new(new PipelineRunOptions
    {
        LogsRoot = Path.Combine(_root, "run"),
        Handlers = new Dictionary<string, INodeHandler>(StringComparer.Ordinal)
        {
            [HandlerTypes.Parallel] = new ParallelHandler(),
            [HandlerTypes.FanIn] = new FanInHandler(),
        },
        OnEvent = e =>
        {
            lock (_events)
            {
                _events.Add(e);
            }
        },
        RetryBackoff = BackoffConfig.None,
    });

    private static PipelineGraph Parse(string dot)
    {
        var prepared = PipelineLoader.Default.Load(dot);
        Assert.False(prepared.HasErrors, string.Join(Environment.NewLine, prepared.Errors));
        return prepared.Graph;
    }

    [Fact]
    public async Task Parallel_fan_out_and_fan_in_complete_correctly()
    {
        var graph = Parse("""
            digraph P {
              graph [goal="parallel"]
              start [shape=Mdiamond]; exit [shape=Msquare]
              fan [shape=component]
              a1 [shape=parallelogram, tool_command="echo a1"]
              a2 [shape=parallelogram, tool_command="echo a2"]
              b1 [shape=parallelogram, tool_command="echo b1"]
              join [shape=tripleoctagon]
              after [shape=parallelogram, tool_command="echo after"]
              start -> fan
              fan -> a1 -> a2 -> join
              fan -> b1 -> join
              join -> after -> exit
            }
            """);
        var result = await Runner().RunAsync(graph);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["start", "fan", "join", "after"], result.CompletedNodes);
        Assert.Equal("2", result.Context.GetString(ParallelHandler.SuccessCountKey));
        Assert.Equal("join", result.Context.GetString(ParallelHandler.FanInTargetKey));
        Assert.Equal("a1", result.Context.GetString(FanInHandler.BestIdKey));
        Assert.Contains("[\"a1\",\"a2\"]", result.Context.GetString(ParallelHandler.ResultsKey), StringComparison.Ordinal);

        // Branch nodes ran in their own directories; their context changes stayed there.
        Assert.True(File.Exists(Path.Combine(result.LogsRoot, "fan", "branches", "a1", "a2", "status.json")));
        Assert.True(File.Exists(Path.Combine(result.LogsRoot, "fan", "branches", "b1", "b1", "status.json")));
        Assert.Equal("after", result.Context.GetString("tool.output"));
        Assert.Single(_events.OfType<ParallelStarted>());
        Assert.Equal(2, _events.OfType<ParallelBranchCompleted>().Count(e => e.Success));
        Assert.Single(_events.OfType<ParallelCompleted>());

        // The fan-in runs only after every branch has completed.
        var joinStarted = _events.FindIndex(e => e is StageStarted { Name: "join" });
        var lastBranch = _events.FindLastIndex(e => e is ParallelBranchCompleted);
        Assert.True(joinStarted > lastBranch, "the fan-in started before every branch completed");
    }

    [Fact]
    public async Task A_failing_branch_gives_partial_success_and_the_fan_in_picks_the_good_one()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", "wcraigjones__attractor__05-parallel-03-branch-failure__pipeline.dot");
        var result = await Runner().RunFileAsync(path);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["start", "fork", "join"], result.CompletedNodes);
        Assert.Contains("partial_success", File.ReadAllText(Path.Combine(result.LogsRoot, "fork", "status.json")), StringComparison.Ordinal);
        Assert.Equal("1", result.Context.GetString(ParallelHandler.FailureCountKey));
        Assert.Equal("ok", result.Context.GetString(FanInHandler.BestIdKey));
        Assert.Contains("exited with code 3", result.Context.GetString(ParallelHandler.ResultsKey), StringComparison.Ordinal);
    }

    [Fact]
    public async Task First_success_cancels_a_slow_branch_and_its_tool_process()
    {
        var graph = Parse("""
            digraph P {
              start [shape=Mdiamond]; exit [shape=Msquare]
              race [shape=component, join_policy=first_success]
              fast [shape=parallelogram, tool_command="echo fast"]
              slow [shape=parallelogram, tool_command="sleep 30"]
              winner [shape=tripleoctagon]
              start -> race; race -> fast -> winner; race -> slow -> winner; winner -> exit
            }
            """);
        var stopwatch = Stopwatch.StartNew();
        var result = await Runner().RunAsync(graph);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), "the slow branch was not cancelled");
        Assert.Equal("fast", result.Context.GetString(FanInHandler.BestIdKey));
        Assert.Equal("1", result.Context.GetString(ParallelHandler.CancelledCountKey));
    }

    [Fact]
    public async Task Fail_fast_fails_the_parallel_node_and_the_run()
    {
        var graph = Parse("""
            digraph P {
              start [shape=Mdiamond]; exit [shape=Msquare]
              fan [shape=component, error_policy=fail_fast]
              bad [shape=parallelogram, tool_command="exit 2"]
              slow [shape=parallelogram, tool_command="sleep 30"]
              join [shape=tripleoctagon]
              start -> fan; fan -> bad -> join; fan -> slow -> join; join -> exit
            }
            """);
        var result = await Runner().RunAsync(graph);
        Assert.False(result.Succeeded);
        Assert.Contains("Branch 'bad' failed (error_policy=fail_fast)", result.FailureReason, StringComparison.Ordinal);
        Assert.Equal(["start", "fan"], result.CompletedNodes);
    }

    [Fact]
    public async Task Resume_after_the_parallel_node_continues_at_the_fan_in_without_rerunning_branches()
    {
        Directory.CreateDirectory(_root);
        var log = Path.Combine(_root, "branch-runs.txt");
        var graph = Parse($$"""
            digraph P {
              start [shape=Mdiamond]; exit [shape=Msquare]
              fan [shape=component]
              a [shape=parallelogram, tool_command="echo a >> '{{log}}'"]
              b [shape=parallelogram, tool_command="echo b >> '{{log}}'"]
              join [shape=tripleoctagon]
              start -> fan; fan -> a -> join; fan -> b -> join; join -> exit
            }
            """);
        using var crash = new CancellationTokenSource();
        var logsRoot = Path.Combine(_root, "run");
        var first = new PipelineRunner(new PipelineRunOptions
        {
            LogsRoot = logsRoot,
            OnEvent = e =>
            {
                if (e is StageStarted { Name: "join" })
                {
                    crash.Cancel();
                }
            },
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.RunAsync(graph, crash.Token));

        var resumed = await new PipelineRunner(new PipelineRunOptions { LogsRoot = logsRoot }).ResumeAsync(graph, logsRoot);

        Assert.True(resumed.Succeeded, resumed.FailureReason);
        Assert.Equal(["start", "fan", "join"], resumed.CompletedNodes);
        Assert.Equal(["a", "b"], File.ReadAllLines(log).Order(StringComparer.Ordinal));
        Assert.Equal("a", resumed.Context.GetString(FanInHandler.BestIdKey));
    }
}
