// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Llm.FakeProvider;
using Attractor.Pipelines.Handlers;

namespace Attractor.Backends.Tests;

/// <summary>Parallel branches run concurrent agent sessions; the fan-in ranks them through the agent backend.</summary>
public sealed class AgentParallelTests
{
    [Fact]
    public async Task Concurrent_branch_sessions_keep_their_own_files_events_and_the_fan_in_ranks_through_the_agent()
    {
        await using var harness = await BackendHarness.StartAsync();
        harness.Server.Responder = Answer;
        await using var backend = new AgentCodergenBackend(harness.Options());

        var result = await harness.RunAsync("""
            digraph G {
              start [shape=Mdiamond]; exit [shape=Msquare]
              fan [shape=component]
              a [prompt="Branch A: write a.txt"]
              b [prompt="Branch B: write b.txt"]
              judge [shape=tripleoctagon, prompt="Pick the better branch."]
              start -> fan; fan -> a; fan -> b; a -> judge; b -> judge; judge -> exit
            }
            """, backend);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("A", await File.ReadAllTextAsync(Path.Combine(harness.Workspace, "a.txt")));
        Assert.Equal("B", await File.ReadAllTextAsync(Path.Combine(harness.Workspace, "b.txt")));
        Assert.Equal("b", result.Context.GetString(FanInHandler.BestIdKey));
        Assert.Equal("llm", result.Context.GetString(FanInHandler.MethodKey));

        var eventsA = harness.ReadStageFile(BranchStage("a"), AgentStage.EventsFileName);
        var eventsB = harness.ReadStageFile(BranchStage("b"), AgentStage.EventsFileName);
        Assert.Contains("a.txt", eventsA, StringComparison.Ordinal);
        Assert.DoesNotContain("b.txt", eventsA, StringComparison.Ordinal);
        Assert.Contains("b.txt", eventsB, StringComparison.Ordinal);
        Assert.DoesNotContain("a.txt", eventsB, StringComparison.Ordinal);
        Assert.Equal("done a", harness.ReadStageFile(BranchStage("a"), CodergenHandler.ResponseFileName));
    }

    /// <summary>A branch's stage directory, relative to the run: under the parallel node's <c>branches</c> folder.</summary>
    private static string BranchStage(string nodeId) => Path.Combine("fan", "branches", nodeId, nodeId);

    private static FakeResponse Answer(RecordedRequest request)
    {
        var prompt = Wire.UserTexts(request)[^1];
        var branch = prompt.Contains("Branch A", StringComparison.Ordinal) ? "a" : prompt.Contains("Branch B", StringComparison.Ordinal) ? "b" : null;
        if (branch is null)
        {
            return Wire.StreamText("b did more.\nBEST: b");
        }

        return Wire.ToolOutputs(request).Count > 0
            ? Wire.StreamText("done " + branch)
            : Wire.StreamCalls(("call_" + branch, "write_file", new { file_path = branch + ".txt", content = branch.ToUpperInvariant() }));
    }
}
