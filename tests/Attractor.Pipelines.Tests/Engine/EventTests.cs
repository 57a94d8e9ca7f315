// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.Json.Nodes;
using Attractor.Dot.Validation;
using Attractor.Pipelines.Events;

namespace Attractor.Pipelines.Tests.Engine;

/// <summary>§9.6 events: order, observer and stream delivery, and events.jsonl.</summary>
public sealed class EventTests
{
    private const string Linear = "digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; a; start -> a -> exit }";

    private static readonly string[] ExpectedLinear =
    [
        "PipelineStarted", "StageStarted:start", "StageCompleted:start", "CheckpointSaved:start",
        "StageStarted:a", "StageCompleted:a", "CheckpointSaved:a", "CheckpointSaved:exit", "PipelineCompleted",
    ];

    private static string Name(PipelineEvent e) => e switch
    {
        StageStarted s => "StageStarted:" + s.Name,
        StageCompleted s => "StageCompleted:" + s.Name,
        StageFailed s => "StageFailed:" + s.Name + (s.WillRetry ? ":retry" : string.Empty),
        StageRetrying s => "StageRetrying:" + s.Name,
        CheckpointSaved s => "CheckpointSaved:" + s.NodeId,
        _ => e.GetType().Name,
    };

    [Fact]
    public async Task Engine_events_arrive_in_order_through_the_observer()
    {
        using var kit = new EngineTestKit();
        await kit.RunAsync(Linear);
        Assert.Equal(ExpectedLinear, kit.Events.Select(Name));
        Assert.Equal([1, 2], kit.Events.OfType<StageStarted>().Select(e => e.Index));
        Assert.All(kit.Events, e => Assert.Equal(kit.Time.GetUtcNow(), e.Timestamp));
    }

    [Fact]
    public async Task Retry_and_failure_events()
    {
        using var kit = new EngineTestKit();
        kit.Script.On("a", Outcome.Fail("x"));
        var result = await kit.RunAsync("digraph G { start [shape=Mdiamond]; exit [shape=Msquare]; a [max_retries=1]; start -> a -> exit }");
        Assert.Equal(
            ["PipelineStarted", "StageStarted:start", "StageCompleted:start", "CheckpointSaved:start", "StageStarted:a", "StageFailed:a:retry", "StageRetrying:a", "StageFailed:a", "CheckpointSaved:a", "PipelineFailed"],
            kit.Events.Select(Name));
        Assert.Equal(result.FailureReason, kit.Events.OfType<PipelineFailed>().Single().Error);
    }

    [Fact]
    public async Task Events_stream_as_an_async_enumerable()
    {
        using var kit = new EngineTestKit();
        var run = kit.Runner().Start(EngineTestKit.Parse(Linear));
        var streamed = new List<PipelineEvent>();
        await foreach (var e in run.Events)
        {
            streamed.Add(e);
        }

        var result = await run.Completion;
        Assert.True(result.Succeeded);
        Assert.Equal(ExpectedLinear, streamed.Select(Name));
        Assert.Equal(kit.Events, streamed);

        using var kit2 = new EngineTestKit();
        var names = new List<string>();
        await foreach (var e in kit2.Runner().RunWithEventsAsync(EngineTestKit.Parse(Linear)))
        {
            names.Add(Name(e));
        }

        Assert.Equal(ExpectedLinear, names);
    }

    [Fact]
    public async Task Stream_surfaces_a_validation_error()
    {
        using var kit = new EngineTestKit();
        var run = kit.Runner().Start(new Attractor.Dot.PipelineGraph("G", null, [new Attractor.Dot.PipelineNode("a")], []));
        await Assert.ThrowsAsync<PipelineValidationException>(async () =>
        {
            await foreach (var unused in run.Events)
            {
            }
        });
        await Assert.ThrowsAsync<PipelineValidationException>(() => run.Completion);
    }

    [Fact]
    public async Task Events_are_appended_to_events_jsonl_one_object_per_line()
    {
        using var kit = new EngineTestKit();
        var result = await kit.RunAsync(Linear);
        var lines = File.ReadAllLines(Path.Combine(result.LogsRoot, "events.jsonl"));
        Assert.Equal(kit.Events.Count, lines.Length);
        var objects = lines.Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(
            ["pipeline_started", "stage_started", "stage_completed", "checkpoint_saved", "stage_started", "stage_completed", "checkpoint_saved", "checkpoint_saved", "pipeline_completed"],
            objects.Select(o => (string?)o["type"]));
        Assert.Equal("a", (string?)objects[4]["name"]);
        Assert.Equal(2, (int?)objects[4]["index"]);
        Assert.NotNull(objects[0]["timestamp"]);
    }

    [Fact]
    public async Task A_fresh_run_in_a_used_directory_starts_a_new_event_log()
    {
        using var kit = new EngineTestKit();
        await kit.RunAsync(Linear);
        var result = await kit.RunAsync(Linear);
        Assert.Equal(ExpectedLinear.Length, File.ReadAllLines(Path.Combine(result.LogsRoot, "events.jsonl")).Length);
    }

    [Fact]
    public async Task A_throwing_observer_does_not_break_the_run()
    {
        using var kit = new EngineTestKit();
        var options = kit.Options();
        var runner = new PipelineRunner(new PipelineRunOptions
        {
            LogsRoot = options.LogsRoot,
            Handlers = options.Handlers,
            TimeProvider = options.TimeProvider,
            OnEvent = _ => throw new InvalidOperationException("observer bug"),
        });
        var result = await runner.RunAsync(EngineTestKit.Parse(Linear));
        Assert.True(result.Succeeded);
    }
}
