// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using Attractor.Cli.Progress;
using Attractor.Pipelines.Events;

namespace Attractor.Cli.Tests;

/// <summary>The plain progress lines are a contract for CI logs: one exact line per event.</summary>
public sealed class ProgressLineFormatterTests
{
    private static readonly ProgressLineFormatter Formatter = new(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["understand"] = "codergen",
        ["approve"] = "wait.human",
    });

    private static readonly TimeSpan At = TimeSpan.FromMilliseconds(120);

    public static TheoryData<PipelineEvent, string> Lines() => new()
    {
        { new PipelineStarted("Hello", "abc123"), "[00:00.12] pipeline started Hello (run abc123)" },
        { new PipelineCompleted(TimeSpan.FromSeconds(1.5), 2), "[00:00.12] pipeline done  succeeded in 1.50s (2 artifacts)" },
        { new PipelineFailed("Stage 'x' failed", TimeSpan.FromSeconds(2)), "[00:00.12] pipeline failed after 2.00s: Stage 'x' failed" },
        { new StageStarted("understand", 1), "[00:00.12] stage started  understand (codergen)" },
        { new StageStarted("unknown", 1), "[00:00.12] stage started  unknown" },
        { new StageCompleted("understand", 1, TimeSpan.FromMilliseconds(250)), "[00:00.12] stage completed understand in 0.25s" },
        { new StageFailed("run_tests", 2, "Tool exited with code 1", WillRetry: true), "[00:00.12] stage failed   run_tests: Tool exited with code 1 (will retry)" },
        { new StageFailed("run_tests", 2, "boom", WillRetry: false), "[00:00.12] stage failed   run_tests: boom" },
        { new StageRetrying("run_tests", 2, 2, TimeSpan.FromMilliseconds(200)), "[00:00.12] stage retrying run_tests attempt 2 in 200ms" },
        { new ParallelStarted(3), "[00:00.12] parallel started 3 branches" },
        { new ParallelBranchStarted("lint", 0), "[00:00.12] branch started lint" },
        { new ParallelBranchCompleted("lint", 0, TimeSpan.FromSeconds(1), true), "[00:00.12] branch succeeded lint in 1.00s" },
        { new ParallelBranchCompleted("test", 1, TimeSpan.FromSeconds(1), false), "[00:00.12] branch failed  test in 1.00s" },
        { new ParallelCompleted(TimeSpan.FromSeconds(3), 2, 1), "[00:00.12] parallel done  2 succeeded, 1 failed in 3.00s" },
        { new InterviewStarted("Ship it?", "approve"), "[00:00.12] human waiting  approve: Ship it?" },
        { new InterviewCompleted("Ship it?", "[A] Approve", TimeSpan.FromSeconds(4)), "[00:00.12] human answered [A] Approve after 4.00s: Ship it?" },
        { new InterviewTimeout("Ship it?", "approve", TimeSpan.FromSeconds(30)), "[00:00.12] human timeout  approve after 30.00s: Ship it?" },
        { new CheckpointSaved("understand"), "[00:00.12] checkpoint     understand" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Each_event_is_one_exact_line(PipelineEvent pipelineEvent, string expected) =>
        Assert.Equal(expected, Formatter.Format(pipelineEvent, At));

    [Fact]
    public void Every_event_type_of_the_engine_has_its_own_kind()
    {
        var covered = Lines().Select(static row => row[0].GetType()).ToHashSet();
        var all = typeof(PipelineEvent).Assembly.GetTypes().Where(static t => !t.IsAbstract && t.IsSubclassOf(typeof(PipelineEvent)));

        Assert.All(all, type => Assert.Contains(type, covered));
    }

    [Fact]
    public void A_multi_line_reason_stays_on_one_line()
    {
        var line = Formatter.Format(new StageFailed("boom", 1, "Tool exited with code 3\nstderr (last lines):\r\nit broke\n\nreally", WillRetry: false), At);

        Assert.Equal("[00:00.12] stage failed   boom: Tool exited with code 3 | stderr (last lines): | it broke | really", line);
    }

    [Theory]
    [InlineData(0, "[00:00.00]")]
    [InlineData(1_239, "[00:01.23]")]
    [InlineData(61_500, "[01:01.50]")]
    [InlineData(3_599_990, "[59:59.99]")]
    [InlineData(3_723_450, "[1:02:03.45]")]
    [InlineData(-5, "[00:00.00]")]
    public void Elapsed_time_is_minutes_seconds_and_hundredths(long milliseconds, string expected) =>
        Assert.Equal(expected, ProgressLineFormatter.FormatElapsed(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void Summary_line_states_status_count_elapsed_and_logs_root()
    {
        Assert.Equal("run succeeded in 1.25s: 6 nodes completed; logs: runs/x", RunSummary.Format("succeeded", 6, TimeSpan.FromSeconds(1.25), "runs/x"));
        Assert.Equal("run failed in 0.00s: 1 node completed; logs: /tmp/r", RunSummary.Format("failed", 1, TimeSpan.Zero, "/tmp/r"));
    }
}
