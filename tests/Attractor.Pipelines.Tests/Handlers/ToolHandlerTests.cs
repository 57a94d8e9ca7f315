// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using Attractor.Dot;
using Attractor.Pipelines.Handlers;

namespace Attractor.Pipelines.Tests.Handlers;

/// <summary>§4.10 / §11.6: the tool handler, with real subprocesses.</summary>
public sealed class ToolHandlerTests : IDisposable
{
    private readonly HandlerTestStage _stage = new();

    public void Dispose() => _stage.Dispose();

    private static PipelineGraph Graph(string command, params (string Key, string Value)[] more) =>
        HandlerTestStage.Graph([HandlerTestStage.Node("tool", [("shape", "parallelogram"), ("tool_command", command), .. more])]);

    private string StageDirectory => Path.Combine(_stage.LogsRoot, "tool");

    private Task<Outcome> RunAsync(PipelineGraph graph, CancellationToken cancellationToken = default) =>
        new ToolHandler().ExecuteAsync(_stage.Create(graph, "tool"), cancellationToken);

    [Fact]
    public async Task Echo_succeeds_and_stdout_is_tool_output_and_stdout_txt()
    {
        var outcome = await RunAsync(Graph("echo hello"));

        Assert.Equal(StageStatus.Success, outcome.Status);
        Assert.Equal("hello", outcome.ContextUpdates["tool.output"]);
        Assert.Equal(0, outcome.ContextUpdates["tool.exit_code"]);
        Assert.Equal("Tool completed: echo hello", outcome.Notes);
        Assert.Equal("hello\n", await File.ReadAllTextAsync(Path.Combine(StageDirectory, "stdout.txt")));
        Assert.Equal(string.Empty, await File.ReadAllTextAsync(Path.Combine(StageDirectory, "stderr.txt")));
        Assert.Equal(StageStatus.Success, (await StatusFile.TryReadAsync(StageDirectory, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Missing_tool_command_fails()
    {
        var graph = HandlerTestStage.Graph([HandlerTestStage.Node("tool", ("shape", "parallelogram"))]);
        var outcome = await RunAsync(graph);
        Assert.Equal(StageStatus.Fail, outcome.Status);
        Assert.Equal("No tool_command specified", outcome.FailureReason);
    }

    [Fact]
    public async Task Non_zero_exit_fails_with_the_code_and_the_stderr_tail()
    {
        var outcome = await RunAsync(Graph("i=1; while [ $i -le 25 ]; do echo \"err line $i\" >&2; i=$((i+1)); done; echo partial; exit 3"));

        Assert.Equal(StageStatus.Fail, outcome.Status);
        Assert.Contains("code 3", outcome.FailureReason, StringComparison.Ordinal);
        Assert.Contains("err line 25", outcome.FailureReason, StringComparison.Ordinal);
        Assert.Contains("err line 6\n", outcome.FailureReason, StringComparison.Ordinal);
        Assert.DoesNotContain("err line 5\n", outcome.FailureReason, StringComparison.Ordinal);
        Assert.Equal("partial", outcome.ContextUpdates["tool.output"]);
        Assert.Equal(3, outcome.ContextUpdates["tool.exit_code"]);
        Assert.Contains("err line 1\n", await File.ReadAllTextAsync(Path.Combine(StageDirectory, "stderr.txt")), StringComparison.Ordinal);
        Assert.Equal(StageStatus.Fail, (await StatusFile.TryReadAsync(StageDirectory, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Exit_code_without_stderr_still_names_the_code()
    {
        var outcome = await RunAsync(Graph("exit 3"));
        Assert.Equal(StageStatus.Fail, outcome.Status);
        Assert.Equal("Tool exited with code 3: exit 3", outcome.FailureReason);
    }

    [Fact]
    public async Task Environment_names_the_stage_the_run_and_the_node()
    {
        var outcome = await RunAsync(Graph("printf '%s|%s|%s' \"$ATTRACTOR_NODE_ID\" \"$ATTRACTOR_STAGE_DIR\" \"$ATTRACTOR_LOGS_ROOT\""));
        Assert.Equal($"tool|{Path.GetFullPath(StageDirectory)}|{Path.GetFullPath(_stage.LogsRoot)}", outcome.ContextUpdates["tool.output"]);
    }

    [Fact]
    public async Task Working_directory_is_the_current_directory_unless_tool_cwd()
    {
        var here = await RunAsync(Graph("pwd"));
        Assert.Equal(Environment.CurrentDirectory, here.ContextUpdates["tool.output"]);

        var elsewhere = Directory.CreateDirectory(Path.Combine(_stage.LogsRoot, "work")).FullName;
        var there = await RunAsync(Graph("pwd", ("tool_cwd", elsewhere)));
        Assert.Equal(elsewhere, there.ContextUpdates["tool.output"]);

        var missing = await RunAsync(Graph("pwd", ("tool_cwd", Path.Combine(_stage.LogsRoot, "missing"))));
        Assert.Equal(StageStatus.Fail, missing.Status);
        Assert.Contains("tool_cwd", missing.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stdin_is_closed_so_reading_tools_do_not_hang()
    {
        var outcome = await RunAsync(Graph("cat; echo after"));
        Assert.Equal("after", outcome.ContextUpdates["tool.output"]);
    }

    [Fact]
    public async Task Status_json_written_by_the_tool_decides_the_outcome()
    {
        var outcome = await RunAsync(Graph("echo out; printf '{\"outcome\":\"partial_success\",\"preferred_label\":\"Fix\",\"context_updates\":{\"k\":\"v\"}}' > \"$ATTRACTOR_STAGE_DIR/status.json\""));
        Assert.Equal(StageStatus.PartialSuccess, outcome.Status);
        Assert.Equal("Fix", outcome.PreferredLabel);
        Assert.Equal("v", outcome.ContextUpdates["k"]);
        Assert.Equal("out", outcome.ContextUpdates["tool.output"]);
    }

    [Fact]
    public async Task Stale_status_json_from_an_earlier_attempt_is_ignored()
    {
        Directory.CreateDirectory(StageDirectory);
        await StatusFile.WriteAsync(StageDirectory, Outcome.Fail("old"), CancellationToken.None);
        var outcome = await RunAsync(Graph("echo fresh"));
        Assert.Equal(StageStatus.Success, outcome.Status);
    }

    [Fact]
    public async Task Cancellation_kills_the_whole_process_group_promptly()
    {
        var pidFile = Path.Combine(StageDirectory, "child.pid");
        using var cancel = new CancellationTokenSource();
        var stopwatch = Stopwatch.StartNew();
        var run = RunAsync(Graph("sleep 30 & echo $! > \"$ATTRACTOR_STAGE_DIR/child.pid\"; wait"), cancel.Token);

        var grandchild = await WaitForPidAsync(pidFile);
        Assert.True(IsAlive(grandchild), "the background sleep should be running");
        var cancelledAt = stopwatch.Elapsed;
        await cancel.CancelAsync();
        var outcome = await run;

        Assert.True(stopwatch.Elapsed - cancelledAt < TimeSpan.FromSeconds(2), $"took {stopwatch.Elapsed - cancelledAt}");
        Assert.Equal(StageStatus.Fail, outcome.Status);
        Assert.Contains("cancelled", outcome.FailureReason, StringComparison.Ordinal);
        Assert.False(File.Exists(StatusFile.PathIn(StageDirectory)), "the caller records a cancelled attempt, not the handler");
        await AssertGoneAsync(grandchild);
    }

    [Fact]
    public async Task Node_timeout_kills_the_group_and_fails_with_timed_out()
    {
        var pidFile = Path.Combine(StageDirectory, "child.pid");
        var stopwatch = Stopwatch.StartNew();
        var outcome = await RunAsync(Graph("sh -c 'sleep 30' & echo $! > \"$ATTRACTOR_STAGE_DIR/child.pid\"; wait", ("timeout", "1s")));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3.5), $"took {stopwatch.Elapsed}");
        Assert.Equal(StageStatus.Fail, outcome.Status);
        Assert.Contains("timed out", outcome.FailureReason, StringComparison.Ordinal);
        await AssertGoneAsync(await WaitForPidAsync(pidFile));
    }

    [Fact]
    public async Task A_process_ignoring_sigterm_is_killed()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var stopwatch = Stopwatch.StartNew();
        var outcome = await RunAsync(Graph("trap '' TERM; sleep 30 & echo started; wait; wait"), cancel.Token);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"took {stopwatch.Elapsed}");
        Assert.Equal(StageStatus.Fail, outcome.Status);
    }

    [Fact]
    public async Task Background_child_holding_stdout_does_not_hang_the_stage()
    {
        var stopwatch = Stopwatch.StartNew();
        var outcome = await RunAsync(Graph("sleep 6 & echo done"));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        Assert.Equal(StageStatus.Success, outcome.Status);
        Assert.Equal("done", outcome.ContextUpdates["tool.output"]);
    }

    [Fact]
    public async Task Background_jobs_left_by_a_finished_command_end_with_the_stage()
    {
        var pidFile = Path.Combine(StageDirectory, "background.pid");
        var outcome = await RunAsync(Graph($"sleep 30 & echo $! > '{pidFile}'; echo started"));
        Assert.Equal(StageStatus.Success, outcome.Status);

        var pid = await WaitForPidAsync(pidFile);
        var gone = await GoneAsync(pid);
        if (!gone)
        {
            // Never leave the test's own sleeper behind, even when the assertion below fails.
            using var sleeper = Process.GetProcessById(pid);
            sleeper.Kill();
        }

        Assert.True(gone, $"background job {pid} outlived its stage");
    }

    // Gone, or a zombie waiting for its new parent (init) to reap it.
    private static async Task<bool> GoneAsync(int pid)
    {
        for (var i = 0; i < 100; i++)
        {
            var stat = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture), "stat");
            string? text = null;
            try
            {
                text = await File.ReadAllTextAsync(stat);
            }
            catch (IOException)
            {
                // Exited between the check and the read.
            }

            if (text is null || text[(text.LastIndexOf(')') + 2)..].StartsWith('Z'))
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }

    private static async Task<int> WaitForPidAsync(string path)
    {
        for (var i = 0; i < 200; i++)
        {
            if (File.Exists(path))
            {
                var text = (await File.ReadAllTextAsync(path)).Trim();
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
                {
                    return pid;
                }
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("The tool did not write its child's PID.");
    }

    /// <summary>Alive = /proc entry exists and is not a zombie (containers may lack a reaping init).</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static async Task AssertGoneAsync(int pid)
    {
        for (var i = 0; i < 40 && IsAlive(pid); i++)
        {
            await Task.Delay(25);
        }

        Assert.False(IsAlive(pid), $"process {pid} survived");
    }
}
