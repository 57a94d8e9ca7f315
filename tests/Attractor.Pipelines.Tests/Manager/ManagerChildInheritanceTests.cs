// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using Attractor.Pipelines.Backends;
using Attractor.Pipelines.Handlers;
using Attractor.Pipelines.Human;
using Attractor.Pipelines.Tests.Engine;

namespace Attractor.Pipelines.Tests.Manager;

/// <summary>§4.11/§9.4: a manager's child pipeline runs with the parent run's handlers, backoff, clock, backend and interviewer.</summary>
public sealed class ManagerChildInheritanceTests
{
    [Fact]
    public async Task Child_pipeline_uses_the_parents_custom_handlers_backoff_backend_and_interviewer()
    {
        using var directory = new EngineTempDirectory();
        directory.Write("child.dot", """
            digraph Child {
              start [shape=Mdiamond]; exit [shape=Msquare]
              stamp [type="custom.stamp"]
              flaky [type="custom.flaky", max_retries=1]
              llm [prompt="summarize"]
              gate [shape=hexagon, label="Continue?"]
              start -> stamp -> flaky -> llm -> gate
              gate -> exit [label="[Y] Yes"]
            }
            """);
        var parent = directory.Write("parent.dot", """
            digraph Parent {
              start [shape=Mdiamond]; exit [shape=Msquare]
              manager [shape=house, stack.child_dotfile="child.dot", manager.poll_interval="10ms"]
              start -> manager -> exit
            }
            """);

        var stamped = new ConcurrentQueue<string>();
        var flakyCalls = 0;
        var prompts = new ConcurrentQueue<string>();
        var interviewer = new RecordingInterviewer(new AutoApproveInterviewer());
        var time = new ManualTimeProvider { AutoAdvance = true };
        var runner = new PipelineRunner(new PipelineRunOptions
        {
            LogsRoot = directory.Run(),
            TimeProvider = time,
            RetryBackoff = new BackoffConfig(TimeSpan.FromMilliseconds(7), 1.0, TimeSpan.FromSeconds(1), Jitter: false),
            Interviewer = interviewer,
            Backend = new RecordingBackend(prompts),
            Handlers = new Dictionary<string, INodeHandler>(StringComparer.Ordinal)
            {
                ["custom.stamp"] = new DelegateHandler(stage =>
                {
                    stamped.Enqueue(stage.Node.Id);
                    return Outcome.Success();
                }),
                ["custom.flaky"] = new DelegateHandler(_ => Interlocked.Increment(ref flakyCalls) == 1 ? Outcome.Fail("first try") : Outcome.Success()),
            },
        });

        var result = await runner.RunFileAsync(parent);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(["stamp"], stamped);
        Assert.Equal(2, flakyCalls);
        Assert.Contains(TimeSpan.FromMilliseconds(7), time.RequestedDelays);
        Assert.Equal(["summarize"], prompts);
        Assert.Single(interviewer.Recordings);
        Assert.Equal("completed", result.Context.GetString(ManagerLoopHandler.StatusKey));
    }

    private sealed class RecordingBackend(ConcurrentQueue<string> prompts) : ICodergenBackend
    {
        public Task<CodergenResult> RunAsync(CodergenRequest request, CancellationToken cancellationToken)
        {
            prompts.Enqueue(request.Prompt);
            return Task.FromResult(CodergenResult.FromText("done"));
        }
    }
}
