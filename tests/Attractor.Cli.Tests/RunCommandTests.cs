// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Text.RegularExpressions;
using Attractor.Pipelines;

namespace Attractor.Cli.Tests;

/// <summary><c>attractor run</c> in-process: options, exit codes and the plain progress lines of redirected output.</summary>
public sealed partial class RunCommandTests
{
    [Fact]
    public async Task Hello_sample_runs_end_to_end_with_exit_0()
    {
        using var directory = new TempDirectory();
        var logs = Path.Combine(directory.FullPath, "run");

        var run = await CliRun.InProcessAsync(
            "run", Path.Combine(TestFiles.SamplesDirectory, "hello.dot"), "--simulate", "--auto-approve", "--logs-root", logs);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Stderr);
        var lines = run.StdoutLines;
        Assert.Equal("running Hello; logs: " + logs, lines[0]);
        Assert.All(lines.Skip(1).SkipLast(1), line => Assert.Matches(ProgressLine(), line));
        Assert.Contains("stage started  compose (codergen)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("human answered [A] Approve", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("stage started  publish (tool)", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("stage started  complain", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"^run succeeded in \d+\.\d\ds: 6 nodes completed; logs: " + Regex.Escape(logs) + "$", lines[^1]);

        var checkpoint = await CheckpointStore.LoadAsync(logs);
        Assert.Equal(["start", "greet", "greeted", "compose", "approve", "publish"], checkpoint.CompletedNodes);
    }

    [Fact]
    public async Task Without_a_backend_or_a_key_a_note_says_codergen_nodes_are_simulated()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("gate.dot", RunPipelines.Gate);

        var run = await CliRun.InProcessAsync("run", path, "--auto-approve", "--logs-root", Path.Combine(directory.FullPath, "run"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["attractor: " + Running.BackendSelection.SimulationNote], run.StderrLines);
    }

    [Fact]
    public async Task Failing_pipeline_exits_1_with_the_reason_on_one_line()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("failing.dot", RunPipelines.FailingTool);

        var run = await CliRun.InProcessAsync("run", path, "--logs-root", Path.Combine(directory.FullPath, "run"));

        Assert.True(run.ExitCode == 1, run.ToString());
        var failed = Assert.Single(run.StdoutLines, line => line.Contains(" stage failed   boom: ", StringComparison.Ordinal));
        Assert.Contains("Tool exited with code 3", failed, StringComparison.Ordinal);
        Assert.Contains("it broke", failed, StringComparison.Ordinal);
        Assert.StartsWith("failure: Tool exited with code 3", run.StdoutLines[^2], StringComparison.Ordinal);
        Assert.StartsWith("run failed in ", run.StdoutLines[^1], StringComparison.Ordinal);
        // The engine counts the failed stage as completed: it ran and has an outcome.
        Assert.Contains(": 2 nodes completed; logs: ", run.StdoutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retried_stage_shows_the_failed_attempt_and_the_retry()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("flaky.dot", RunPipelines.FlakyTool(Path.Combine(directory.FullPath, "attempted")));

        var run = await CliRun.InProcessAsync("run", path, "--logs-root", Path.Combine(directory.FullPath, "run"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var kinds = run.StdoutLines.Where(static l => l.Contains(" flaky", StringComparison.Ordinal)).Select(static l => l[11..26].TrimEnd()).ToList();
        Assert.Equal(["stage started", "stage failed", "stage retrying", "stage completed", "checkpoint"], kinds);
        Assert.Contains(run.StdoutLines, static l => l.Contains(" stage failed   flaky: Tool exited with code 1", StringComparison.Ordinal) && l.EndsWith(" (will retry)", StringComparison.Ordinal));
        Assert.Contains(run.StdoutLines, static l => l.Contains(" stage retrying flaky attempt 2 in ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_pipeline_exits_2_with_the_located_diagnostics_of_validate_and_runs_nothing()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("invalid.dot", TestFiles.Invalid);
        var logs = Path.Combine(directory.FullPath, "run");

        var run = await CliRun.InProcessAsync("run", path, "--simulate", "--logs-root", logs);
        var validate = await CliRun.InProcessAsync("validate", path);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(validate.StdoutLines, run.StdoutLines);
        Assert.StartsWith(path + "(1,9): error ATR2001: ", run.StdoutLines[0], StringComparison.Ordinal);
        Assert.Equal("1 file: 2 errors, 0 warnings", run.StdoutLines[^1]);
        Assert.False(Directory.Exists(logs));
    }

    [Fact]
    public async Task Warnings_are_printed_like_validate_and_the_run_goes_ahead()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("warns.dot", TestFiles.WarningsOnly);

        var run = await CliRun.InProcessAsync("run", path, "--simulate", "--logs-root", Path.Combine(directory.FullPath, "run"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"^.+\(3,\d+\): warning ATR1012: .+ \[missing_comma\]$", run.StdoutLines[0]);
        Assert.Equal("1 file: 0 errors, 1 warning", run.StdoutLines[1]);
        Assert.StartsWith("run succeeded in ", run.StdoutLines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("does-not-exist.dot", "'does-not-exist.dot' does not exist")]
    [InlineData(".", "'.' is a directory; run takes one pipeline file")]
    public async Task A_missing_file_or_a_directory_exits_2(string file, string problem)
    {
        var run = await CliRun.InProcessAsync("run", file);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.Stdout);
        Assert.Equal(["attractor: " + problem], run.StderrLines);
    }

    [Theory]
    [InlineData("F", "fix", "ship")]
    [InlineData("f", "fix", "ship")]
    [InlineData("A", "ship", "fix")]
    [InlineData("approve", "ship", "fix")]
    [InlineData("FIX", "fix", "ship")]
    [InlineData("[F] Fix", "fix", "ship")]
    public async Task Answers_route_by_accelerator_key_or_label(string answer, string taken, string skipped)
    {
        using var directory = new TempDirectory();
        var path = directory.Write("gate.dot", RunPipelines.Gate);
        var logs = Path.Combine(directory.FullPath, "run");

        var run = await CliRun.InProcessAsync("run", path, "--simulate", "--answers", answer, "--logs-root", logs);

        Assert.True(run.ExitCode == 0, run.ToString());
        var checkpoint = await CheckpointStore.LoadAsync(logs);
        Assert.Contains(taken, checkpoint.CompletedNodes);
        Assert.DoesNotContain(skipped, checkpoint.CompletedNodes);
    }

    [Fact]
    public async Task Answers_are_used_in_order_one_per_gate()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("gates.dot", RunPipelines.TwoGates);
        var logs = Path.Combine(directory.FullPath, "run");

        var run = await CliRun.InProcessAsync("run", path, "--answers", "y,b,y,y", "--logs-root", logs);

        Assert.True(run.ExitCode == 0, run.ToString());
        var checkpoint = await CheckpointStore.LoadAsync(logs);
        Assert.Equal(["start", "first", "second", "first", "second"], checkpoint.CompletedNodes);
    }

    [Fact]
    public async Task Running_out_of_answers_stops_with_exit_2_and_a_resumable_checkpoint()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("gates.dot", RunPipelines.TwoGates);
        var logs = Path.Combine(directory.FullPath, "run");

        var run = await CliRun.InProcessAsync("run", path, "--answers", "y", "--logs-root", logs);

        Assert.True(run.ExitCode == 2, run.ToString());
        var problem = Assert.Single(run.StderrLines);
        Assert.Equal("attractor: --answers ran out: the human gate 'second' asks \"Second?\" but the list (1 given) is used up (choices: Y = [Y] Yes, B = [B] Back)", problem);
        Assert.StartsWith("run stopped in ", run.StdoutLines[^2], StringComparison.Ordinal);
        Assert.Equal($"to continue: attractor resume {logs} --answers ... (or --auto-approve)", run.StdoutLines[^1]);
        var checkpoint = await CheckpointStore.LoadAsync(logs);
        Assert.Equal(["start", "first"], checkpoint.CompletedNodes);

        var resumed = await CliRun.InProcessAsync("resume", logs, "--answers", "Y");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.DoesNotContain("stage started  first", resumed.Stdout, StringComparison.Ordinal);
        Assert.Equal(["start", "first", "second"], (await CheckpointStore.LoadAsync(logs)).CompletedNodes);
    }

    [Fact]
    public async Task An_answer_matching_no_choice_stops_with_exit_2_naming_value_and_choices()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("gate.dot", RunPipelines.Gate);

        var run = await CliRun.InProcessAsync("run", path, "--simulate", "--answers", "maybe", "--logs-root", Path.Combine(directory.FullPath, "run"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal(
            ["attractor: --answers value 'maybe' matches nothing the human gate 'approve' offers (choices: A = [A] Approve, F = [F] Fix)"],
            run.StderrLines);
        Assert.DoesNotContain("stage started  ship", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("stage started  fix", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gate_without_a_terminal_or_answer_options_stops_with_a_message_naming_both_options()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("gate.dot", RunPipelines.Gate);

        var run = await CliRun.InProcessAsync("run", path, "--simulate", "--logs-root", Path.Combine(directory.FullPath, "run"));

        Assert.True(run.ExitCode == 2, run.ToString());
        var problem = Assert.Single(run.StderrLines);
        Assert.Contains("standard input is not a terminal", problem, StringComparison.Ordinal);
        Assert.Contains("--auto-approve", problem, StringComparison.Ordinal);
        Assert.Contains("--answers", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_terminal_asks_the_human_through_the_console_interviewer()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("gate.dot", RunPipelines.Gate);
        var logs = Path.Combine(directory.FullPath, "run");

        var run = await CliRun.InProcessAsync(
            new ConsoleSetup(InputIsTerminal: true, Input: "nonsense\nf\n"),
            ["run", path, "--simulate", "--logs-root", logs]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(run.StdoutLines, static line => line.Contains(" human waiting  approve: Ship it?", StringComparison.Ordinal));

        // Standard output is redirected here, so the conversation happens on standard error (the terminal).
        Assert.Equal("[?] Ship it?", run.StderrLines[0]);
        Assert.Contains("Please enter one of: A, F", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("[?]", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("fix", (await CheckpointStore.LoadAsync(logs)).CompletedNodes);
    }

    [Fact]
    public async Task Auto_approve_and_answers_together_are_a_usage_error()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("gate.dot", RunPipelines.Gate);

        var run = await CliRun.InProcessAsync("run", path, "--auto-approve", "--answers", "A");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--auto-approve and --answers cannot be used together", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fast", "fast", "slow")]
    [InlineData("slow", "slow", "fast")]
    public async Task Set_puts_initial_context_values_that_conditions_route_on(string mode, string taken, string skipped)
    {
        using var directory = new TempDirectory();
        var path = directory.Write("route.dot", RunPipelines.RouteOnSetting);
        var logs = Path.Combine(directory.FullPath, "run");

        var run = await CliRun.InProcessAsync("run", path, "--simulate", "--set", "mode=" + mode, "--set", "note=a=b", "--logs-root", logs);

        Assert.True(run.ExitCode == 0, run.ToString());
        var checkpoint = await CheckpointStore.LoadAsync(logs);
        Assert.Contains(taken, checkpoint.CompletedNodes);
        Assert.DoesNotContain(skipped, checkpoint.CompletedNodes);
        Assert.Equal("a=b", checkpoint.Context["note"]);
    }

    [Theory]
    [InlineData("novalue")]
    [InlineData("=value")]
    [InlineData("two words=x")]
    public async Task Set_with_bad_syntax_exits_2_naming_the_option_and_the_value(string item)
    {
        using var directory = new TempDirectory();
        var path = directory.Write("route.dot", RunPipelines.RouteOnSetting);

        var run = await CliRun.InProcessAsync("run", path, "--simulate", "--set", item);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.Stdout);
        Assert.StartsWith($"attractor: --set '{item}' is not valid: expected key=value", Assert.Single(run.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_root_of_an_existing_run_is_refused_with_the_resume_command()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("route.dot", RunPipelines.RouteOnSetting);
        var logs = Path.Combine(directory.FullPath, "run");
        Assert.Equal(0, (await CliRun.InProcessAsync("run", path, "--simulate", "--logs-root", logs)).ExitCode);

        var again = await CliRun.InProcessAsync("run", path, "--simulate", "--logs-root", logs);

        Assert.True(again.ExitCode == 2, again.ToString());
        Assert.Contains($"continue it with 'attractor resume {logs}'", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_exits_130_keeps_the_checkpoint_and_prints_how_to_resume()
    {
        using var directory = new TempDirectory();
        var marker = Path.Combine(directory.FullPath, "marker.txt");
        var flag = Path.Combine(directory.FullPath, "go-fast.flag");
        var path = directory.Write("slow.dot", RunPipelines.Interruptible(marker, flag));
        var logs = Path.Combine(directory.FullPath, "run");
        using var interrupt = new CancellationTokenSource();

        var running = CliRun.InProcessAsync(ConsoleSetup.Redirected, ["run", path, "--logs-root", logs], cancellationToken: interrupt.Token);
        await WaitUntilAsync(() => File.Exists(marker) && File.ReadAllText(marker).Contains("slow ", StringComparison.Ordinal));
        await interrupt.CancelAsync();
        var run = await running;

        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.StartsWith("run cancelled in ", run.StdoutLines[^2], StringComparison.Ordinal);
        Assert.Contains(": 3 nodes completed; ", run.StdoutLines[^2], StringComparison.Ordinal);
        Assert.Equal("to continue: attractor resume " + logs, run.StdoutLines[^1]);
        Assert.Equal(["start", "first", "second"], (await CheckpointStore.LoadAsync(logs)).CompletedNodes);

        await File.WriteAllTextAsync(flag, "go");
        var resumed = await CliRun.InProcessAsync("resume", logs);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var ran = (await File.ReadAllLinesAsync(marker)).Select(static line => line.Split(' ')[0]);
        Assert.Equal(["first", "second", "slow", "slow", "last"], ran);
    }

    [Fact]
    public async Task Cancelling_before_the_run_starts_exits_130_without_a_crash()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("gate.dot", RunPipelines.Gate);
        var logs = Path.Combine(directory.FullPath, "run");

        var run = await CliRun.InProcessAsync(ConsoleSetup.Redirected, ["run", path, "--logs-root", logs], cancellationToken: new CancellationToken(canceled: true));

        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Equal(["attractor: cancelled"], run.StderrLines);
        Assert.False(Directory.Exists(logs));
    }

    [Fact]
    public async Task A_bug_exits_3_with_the_details_on_stderr()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("gate.dot", RunPipelines.Gate);
        var services = CliRun.WithoutProviderKeys with { TimeProvider = new BrokenClock() };

        var run = await CliRun.InProcessAsync(ConsoleSetup.Redirected, ["run", path, "--simulate", "--auto-approve"], services);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.StartsWith("attractor: internal error, please report it: System.InvalidOperationException: the clock broke", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_view_draws_the_stages_when_output_is_a_terminal()
    {
        using var directory = new TempDirectory();
        var logs = Path.Combine(directory.FullPath, "run");

        var run = await CliRun.InProcessAsync(
            new ConsoleSetup(OutputIsTerminal: true),
            ["run", Path.Combine(TestFiles.SamplesDirectory, "hello.dot"), "--simulate", "--auto-approve", "--logs-root", logs]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotMatch(ProgressLine(), run.Stdout);
        foreach (var stage in new[] { "greet", "compose", "approve", "publish" })
        {
            Assert.Contains(stage, run.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("succeeded", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Hello — succeeded", run.Stdout, StringComparison.Ordinal);

        // The live view ends by showing the cursor again, so the summary line starts with that escape code.
        Assert.Matches(@"^(\u001b\[\?25h)?run succeeded in ", run.StdoutLines[^1]);
    }

    [Fact]
    public async Task Live_view_hands_the_terminal_to_a_question_and_takes_it_back()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("gates.dot", RunPipelines.TwoGates);
        var logs = Path.Combine(directory.FullPath, "run");

        var run = await CliRun.InProcessAsync(
            new ConsoleSetup(InputIsTerminal: true, OutputIsTerminal: true, Input: "y\nb\ny\ny\n"),
            ["run", path, "--logs-root", logs]);

        Assert.True(run.ExitCode == 0, run.ToString());
        // Each question follows the live view's last frame, which ends by showing the cursor again.
        Assert.Equal(2, run.StdoutLines.Count(static line => line.EndsWith("[?] First?", StringComparison.Ordinal)));
        Assert.Equal(2, run.StdoutLines.Count(static line => line.EndsWith("[?] Second?", StringComparison.Ordinal)));
        Assert.Contains("waiting for a human", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(["start", "first", "second", "first", "second"], (await CheckpointStore.LoadAsync(logs)).CompletedNodes);
    }

    [Fact]
    public async Task Run_help_documents_every_option()
    {
        var run = await CliRun.InProcessAsync("run", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var option in new[] { "--logs-root", "--simulate", "--auto-approve", "--answers", "--set" })
        {
            Assert.Contains(option, run.Stdout, StringComparison.Ordinal);
        }
    }

    /// <summary>A plain progress line: elapsed time, the kind padded to its column, the subject.</summary>
    [GeneratedRegex(@"^\[\d\d:\d\d\.\d\d\] [a-z]+( [a-z]+)? +\S.*$")]
    internal static partial Regex ProgressLine();

    private sealed class BrokenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => throw new InvalidOperationException("the clock broke");
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the run to get there");
            await Task.Delay(25);
        }
    }
}
