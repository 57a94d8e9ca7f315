// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.RegularExpressions;
using Attractor.Pipelines;

namespace Attractor.Cli.Tests;

/// <summary>
/// <c>attractor run</c> and <c>resume</c> as real processes: a crash (SIGKILL) in the middle of a run, Ctrl+C
/// (SIGINT), and the default run directory under the working directory.
/// </summary>
public sealed class SubprocessRunTests
{
    [Fact]
    public async Task After_a_kill_9_resume_finishes_without_rerunning_any_completed_node()
    {
        using var directory = new TempDirectory();
        var marker = Path.Combine(directory.FullPath, "marker.txt");
        var flag = Path.Combine(directory.FullPath, "go-fast.flag");
        var path = directory.Write("slow.dot", RunPipelines.Interruptible(marker, flag));
        var logs = Path.Combine(directory.FullPath, "run");
        var sleeperGroup = 0;
        try
        {
            using (var runner = CliProcess.Start(directory.FullPath, "run", path, "--logs-root", logs))
            {
                // The nodes before the sleeping one ran, and the checkpoint names them.
                await RunCommandTests.WaitUntilAsync(() => SleeperGroup(marker) > 0 && CheckpointNames(logs, "second"));
                sleeperGroup = SleeperGroup(marker);

                runner.Process.Kill();
                await runner.Process.WaitForExitAsync();
                Assert.Equal(137, runner.Process.ExitCode);
            }

            // The crash orphaned the tool's process group (it runs under setsid): proof it was running, then clean up.
            Assert.True(CliProcess.Signal(-sleeperGroup, 0), "the sleeping tool's process group should outlive the killed runner");
            KillGroup(sleeperGroup);
            await RunCommandTests.WaitUntilAsync(() => !CliProcess.Signal(-sleeperGroup, 0));
            sleeperGroup = 0;

            Assert.Equal(["start", "first", "second"], (await CheckpointStore.LoadAsync(logs)).CompletedNodes);
            await File.WriteAllTextAsync(flag, "the resumed run must not sleep");

            var resumed = await CliProcess.RunAsync(directory.FullPath, "resume", logs);

            Assert.True(resumed.ExitCode == 0, resumed.ToString());
            Assert.DoesNotContain("stage started  first", resumed.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("stage started  second", resumed.Stdout, StringComparison.Ordinal);
            var ran = (await File.ReadAllLinesAsync(marker)).Select(static line => line.Split(' ')[0]).ToList();
            Assert.Equal(1, ran.Count(static id => id == "first"));
            Assert.Equal(1, ran.Count(static id => id == "second"));
            Assert.Equal(1, ran.Count(static id => id == "last"));
            Assert.InRange(ran.Count(static id => id == "slow"), 1, 2);
            Assert.Equal(["start", "first", "second", "slow", "last"], (await CheckpointStore.LoadAsync(logs)).CompletedNodes);
        }
        finally
        {
            if (sleeperGroup > 0)
            {
                KillGroup(sleeperGroup);
            }
        }
    }

    [Fact]
    public async Task Ctrl_C_stops_the_tools_keeps_the_checkpoint_and_exits_130()
    {
        using var directory = new TempDirectory();
        var marker = Path.Combine(directory.FullPath, "marker.txt");
        var path = directory.Write("slow.dot", RunPipelines.Interruptible(marker, Path.Combine(directory.FullPath, "never.flag")));
        var logs = Path.Combine(directory.FullPath, "run");

        using var runner = CliProcess.Start(directory.FullPath, "run", path, "--logs-root", logs);
        await RunCommandTests.WaitUntilAsync(() => SleeperGroup(marker) > 0 && runner.StdoutSoFar.Contains("stage started  slow", StringComparison.Ordinal));
        var sleeperGroup = SleeperGroup(marker);
        Assert.True(CliProcess.Signal(runner.Process.Id, CliProcess.SigInt));
        var run = await runner.WaitAsync();

        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Contains(" pipeline failed after ", run.Stdout, StringComparison.Ordinal);
        // The run directory lies under the working directory, so it is shown relative to it.
        Assert.Equal("to continue: attractor resume run", run.StdoutLines[^1]);
        Assert.Equal(["start", "first", "second"], (await CheckpointStore.LoadAsync(logs)).CompletedNodes);

        // Cancelling terminated the tool's whole process group: nothing is left sleeping.
        await RunCommandTests.WaitUntilAsync(() => !CliProcess.Signal(-sleeperGroup, 0));
    }

    [Fact]
    public async Task The_readme_command_runs_the_sample_into_a_timestamped_directory_of_the_working_directory()
    {
        using var directory = new TempDirectory();

        var run = await CliProcess.RunAsync(
            directory.FullPath, "run", Path.Combine(TestFiles.SamplesDirectory, "hello.dot"), "--simulate", "--auto-approve");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Stderr);
        Assert.DoesNotContain('\u001b', run.Stdout);
        var match = Regex.Match(run.StdoutLines[0], @"^running Hello; logs: (?<root>\.attractor/runs/Hello-(?<stamp>\d{8}-\d{6}))$");
        Assert.True(match.Success, run.ToString());
        Assert.True(DateTime.TryParseExact(match.Groups["stamp"].Value, "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
        Assert.True(File.Exists(Path.Combine(directory.FullPath, match.Groups["root"].Value, "checkpoint.json")));
        Assert.EndsWith("6 nodes completed; logs: " + match.Groups["root"].Value, run.StdoutLines[^1], StringComparison.Ordinal);
    }

    /// <summary>The PID the sleeping tool's shell wrote to the marker (its process group under setsid), or 0.</summary>
    private static int SleeperGroup(string marker)
    {
        if (!File.Exists(marker))
        {
            return 0;
        }

        var line = File.ReadAllLines(marker).FirstOrDefault(static l => l.StartsWith("slow ", StringComparison.Ordinal));
        return line is not null && int.TryParse(line.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0;
    }

    private static bool CheckpointNames(string logs, string nodeId)
    {
        try
        {
            return CheckpointStore.LoadAsync(logs).GetAwaiter().GetResult().CompletedNodes.Contains(nodeId);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException)
        {
            return false;
        }
    }

    private static void KillGroup(int group) => CliProcess.Signal(-group, CliProcess.SigKill);
}
